import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium, startProcess, waitFor, type Chromium, type StartedProcess } from '@kit/examples-e2e';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const next = fileURLToPath(new URL('../node_modules/next/dist/bin/next', import.meta.url));
let port: number;
let server: StartedProcess | null = null;
let chromium: Chromium;

const base = () => `http://127.0.0.1:${port}`;

async function startNext(): Promise<StartedProcess> {
  return startProcess(process.execPath, [next, 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: root,
    // Faster than the README's default, so alerts (every 6th tick) arrive within a second.
    env: { METRICS_EVERY_MS: '100', NEXT_TELEMETRY_DISABLED: '1' },
    readyUrl: `http://127.0.0.1:${port}/`,
  });
}

beforeAll(async () => {
  if (!existsSync(`${root}/.next/BUILD_ID`)) throw new Error('[example-nextjs e2e] No production build: run `next build` first (turbo does).');
  port = await freePort();
  server = await startNext();
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('examples/nextjs: a Server Component page renders SSEProvider', () => {
  it('server-renders the current values into the HTML, before any JavaScript runs', async () => {
    const html = await (await fetch(`${base()}/`)).text();
    const seq = Number(/data-seq="(\d+)"/.exec(html)?.[1]);
    expect(seq).toBeGreaterThan(0);
    expect(html).toMatch(/data-testid="cpu">\d+<!-- --> %/);
    // The provider opens nothing on the server: the status badge renders its server snapshot.
    expect(html).toContain('data-status="idle"');
    expect(html).not.toContain('Cannot reach the stream');
  });

  it('goes live in the browser, resuming from the id the HTML was rendered at: no alert lost in between', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${base()}/`);
    const rendered = Number(await page.getByTestId('metrics').getAttribute('data-seq'));
    await page.getByText('Live').waitFor();
    await page.waitForFunction((from) => Number(document.querySelector('[data-testid="metrics"]')?.getAttribute('data-seq')) > from + 5, rendered);
    // Server-rendered alerts followed by live ones: ids contiguous across the handover.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alerts"] li').length >= 4);
    const ids = await page.locator('[data-testid="alerts"] li').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-id'))));
    expect(ids).toEqual(ids.map((_, index) => ids[0]! - index));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows "Cannot reach the stream" while the server is down, and goes live again after', async () => {
    const { page } = await chromium.newPage();
    await page.goto(`${base()}/`);
    await page.getByText('Live').waitFor();
    await server?.stop();
    server = null;
    const banner = page.getByTestId('stream-health');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toMatch(/^Cannot reach the stream at \/api\/stream\?topics=metrics,alert \((network|http \d+)\)\. Retrying \(attempt \d+\)…$/);
    server = await startNext();
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByText('Live').waitFor();
    await page.context().close();
  });

  it('a Server Component passing a function to SSEProvider gets the kit error, saying what to do', async () => {
    const response = await fetch(`${base()}/misuse`);
    expect(response.status).toBe(500);
    const logged = await waitFor('the error in the server log', () => (server?.output.includes('options.headers is a function') ? server.output : undefined));
    expect(logged).toContain(
      '[@kit/sse-react] <SSEProvider> is rendered by a Server Component, and its options.headers is a function.',
    );
    expect(logged).toContain("Move the provider into a Client Component: a file that starts with 'use client'");
  });
});
