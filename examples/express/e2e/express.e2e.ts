import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  launchChromium,
  readStream,
  serveStatic,
  startProcess,
  waitFor,
  type Chromium,
  type Page,
  type StartedProcess,
} from '@kit/examples-e2e';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
let base: string;
let server: StartedProcess;
let chromium: Chromium;

beforeAll(async () => {
  if (!existsSync(`${dist}/index.html`)) throw new Error('[example-express e2e] No client build: run `vite build` first (turbo does).');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startProcess(process.execPath, [tsx, 'server/main.ts'], {
    cwd: root,
    env: { PORT: String(port), HEARTBEAT_MS: '300', METRICS_EVERY_MS: '100' },
    readyUrl: `${base}/api/health`,
  });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

async function ledger(page: Page) {
  const section = page.getByTestId('ledger');
  const [last, gaps, duplicates] = await Promise.all(['data-last', 'data-gaps', 'data-duplicates'].map((name) => section.getAttribute(name)));
  return { last: Number(last), gaps: Number(gaps), duplicates: Number(duplicates) };
}

const ledgerPast = (page: Page, seq: number) =>
  page.waitForFunction((from) => Number(document.querySelector('[data-testid="ledger"]')?.getAttribute('data-last')) > from, seq, { timeout: 15_000 });

describe('examples/express: Express 5 + createNodeStream, a Vite client', () => {
  it('goes live: metrics and alerts arrive, no console error', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(base);
    await page.getByText('Live').waitFor();
    await ledgerPast(page, 10);
    await page.locator('[data-testid="alerts"] li').first().waitFor();
    expect(await ledger(page)).toMatchObject({ gaps: 0, duplicates: 0 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('after a dropped connection, resumes with Last-Event-ID: no gap, no duplicate', async () => {
    const { page } = await chromium.newPage();
    await page.goto(base);
    await ledgerPast(page, 5);
    const before = await (await fetch(`${base}/api/health`)).json();
    await page.getByRole('button', { name: 'Drop the connection' }).click();
    const atDrop = (await ledger(page)).last;
    // The server saw the browser come back with a Last-Event-ID…
    await waitFor('a resumed stream', async () => ((await (await fetch(`${base}/api/health`)).json()).resumes > before.resumes ? true : undefined));
    // …and everything published meanwhile arrived, in order, once.
    await ledgerPast(page, atDrop + 20);
    expect(await ledger(page)).toMatchObject({ gaps: 0, duplicates: 0 });
    await page.context().close();
  });

  it('topics: the server sends only the events asked for, plus heartbeat comments while quiet', async () => {
    const text = await readStream(`${base}/api/stream?topics=deploy`, (t) => (t.match(/^event: /gm) ?? []).length >= 2 && /\n:\n\n/.test(t));
    expect(new Set(text.match(/^event: .*/gm))).toEqual(new Set(['event: deploy']));
    expect(text).toMatch(/\n:\n\n/);
    const { page } = await chromium.newPage();
    await page.goto(base);
    await page.getByRole('checkbox', { name: 'deploy' }).check();
    await page.getByRole('checkbox', { name: 'alert' }).uncheck();
    await page.getByText('/api/stream?topics=metrics,deploy').waitFor();
    await page.getByRole('progressbar').waitFor();
    expect(await page.getByTestId('alerts').count()).toBe(0);
    await page.context().close();
  });

  it('replays exactly what followed a Last-Event-ID', async () => {
    const first = await readStream(`${base}/api/stream?topics=metrics`, (t) => (t.match(/^id: /gm) ?? []).length >= 1);
    const [, id, data] = /id: (\S+)\ndata: (.*)\n/.exec(first) ?? [];
    const seq = JSON.parse(data ?? '{}').seq as number;
    // Let events pass while "disconnected", then resume from that id.
    await waitFor('more metrics published', async () => ((await (await fetch(`${base}/api/health`)).json()).eventsPublished > seq + 15 ? true : undefined));
    const resumed = await readStream(`${base}/api/stream?topics=metrics`, (t) => (t.match(/^data: /gm) ?? []).length >= 10, {
      headers: { 'last-event-id': id ?? '' },
    });
    const seqs = [...resumed.matchAll(/^data: (.*)$/gm)].map((match) => (JSON.parse(match[1] ?? '{}') as { seq: number }).seq);
    expect(seqs.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, index) => seq + 1 + index));
  });

  it('the client on a static host with its API down shows "Cannot reach the stream", not a blank page', async () => {
    const site = await serveStatic(dist, { apiStatus: 502 });
    const { page } = await chromium.newPage();
    try {
      await page.goto(site.url);
      const banner = page.getByTestId('stream-health');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/^Cannot reach the stream at \/api\/stream\?topics=metrics,alert \(http 502\)\. Retrying \(attempt \d+\)…$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Express 5 + @kit/sse-server');
    } finally {
      await page.context().close();
      await site.close();
    }
  });
});
