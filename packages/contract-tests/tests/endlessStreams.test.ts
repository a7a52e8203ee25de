// A server that never ends an event must not grow the client's memory without bound. Each case
// runs the client (default options) in its own process and reads its peak RSS.
import { execFile } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_STREAM, startTestServer } from './support/testServer';

const run = promisify(execFile);
const probe = fileURLToPath(new URL('./support/memoryProbe.ts', import.meta.url));
const MiB = 1024 * 1024;
const DEFAULT_MAX_EVENT_SIZE = 4 * MiB; // FetchEventSource.DEFAULT_MAX_EVENT_SIZE

interface ProbeResult {
  growth: number;
  status: string;
  kind: string | null;
  message: string;
  events: number;
  errors: string[];
}

/** Writes `piece` for ever (until the client goes), honouring back-pressure. */
function pour(res: ServerResponse, piece: string): void {
  const chunk = Buffer.from(piece);
  const more = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', more);
  };
  more();
}

const summary: string[] = [];

async function probeAgainst(respond: (res: ServerResponse, attempt: number) => void): Promise<ProbeResult & { attempts: number }> {
  const server = await startTestServer((_req, res, attempt) => {
    res.writeHead(200, EVENT_STREAM);
    respond(res, attempt);
  });
  try {
    const { stdout } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', probe, server.url], {
      timeout: 60_000,
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ProbeResult;
    return { ...result, attempts: server.requests.length };
  } finally {
    await server.close();
  }
}

const oversized = `id: 7\ndata: ${'y'.repeat(DEFAULT_MAX_EVENT_SIZE + MiB)}\n\n`;

describe('endless and oversized events, default options', () => {
  it.each([
    ['one endless line', (res: ServerResponse) => pour(res, 'x'.repeat(64 * 1024))],
    ['endless `data:` lines with no blank line', (res: ServerResponse) => pour(res, 'data: x\n'.repeat(8 * 1024))],
    ['one endless line of 3-byte characters', (res: ServerResponse) => pour(res, '€'.repeat(16 * 1024))],
    ['the same oversized event on every attempt', (res: ServerResponse) => res.end(`id: 6\ndata: fine\n\n${oversized}`)],
  ])('%s: stops with too-large, closed after 3 attempts, memory within bounds', { timeout: 90_000 }, async (name, respond) => {
    const result = await probeAgainst(respond);
    summary.push(`| ${name} | ${result.status} | ${result.kind} | ${result.attempts} | ${(result.growth / MiB).toFixed(1)} MiB |`);
    expect(result).toMatchObject({ status: 'closed', kind: 'too-large' });
    expect(result.message).toMatch(/3 attempts in a row/);
    expect(result.attempts).toBe(3);
    // About twice the 8 MiB bound, and under 64 MB.
    expect(result.growth).toBeLessThan(64 * 1000 * 1000);
  });
});

afterAll(() => {
  console.log(['| endless case | status | error kind | attempts | peak RSS growth |', '| --- | --- | --- | ---: | ---: |', ...summary].join('\n'));
});
