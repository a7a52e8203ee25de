import { afterAll, beforeAll, expect, inject, it, onTestFinished } from 'vitest';
import { launchBrowser, type Browser } from './support/browser';
import { screenshot } from './support/pages';
import { startStack, waitFor, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack(inject('distDir'));
  browser = await launchBrowser(inject('chromiumPath'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('shows live numbers within 2 s, every dashboard widget on exactly one connection', async () => {
  const { page, errors } = await browser.newPage();
  // Closed, so the next test's page leads its own stream instead of following this one (see below).
  onTestFinished(() => page.close());
  await page.goto(`${stack.demoUrl}/#/`);
  const rps = page.getByTestId('kpi-rps');
  // Live: a number arrives within 2 s of loading, then changes (metrics every 500 ms).
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-rps"]')?.getAttribute('data-value') !== '', null, { timeout: 2000 });
  const first = await rps.getAttribute('data-value');
  expect(Number(first)).toBeGreaterThanOrEqual(0);
  await page.waitForFunction(
    (before) => {
      const tiles = [...document.querySelectorAll('[data-testid^="kpi-"]')].map((tile) => tile.getAttribute('data-value'));
      return tiles.join() !== before;
    },
    [...(await page.locator('[data-testid^="kpi-"]').evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-value'))))].join(),
    { timeout: 5000 },
  );

  // The server's own count: every widget (and the tab counter) shares one connection, and this
  // page is the only one open, so the server's total is the page's total.
  await waitFor('the overview connection in /api/stats', async () => ((await stack.stats()).connections.byClientId.overview === 1 ? true : undefined), 5000);
  const { connections } = await stack.stats();
  expect(connections.byClientId, JSON.stringify(connections)).toEqual({ overview: 1 });
  expect(connections.total).toBe(1);
  // And the page shows that same count, read from /api/stats.
  await page.waitForFunction(() => document.querySelector('[data-testid="connection-count"]')?.getAttribute('data-count') === '1', null, {
    timeout: 5000,
  });

  await screenshot(page, 'overview-wide');
  expect(errors).toEqual([]);
});

type TrackedPage = Awaited<ReturnType<Browser['newPage']>>;

/** Each chart's points and span in seconds, from the figure's data attributes. */
const chartSpans = ({ page }: TrackedPage) =>
  page.locator('figure.chart').evaluateAll((figures) =>
    figures.map((figure) => ({ points: Number(figure.getAttribute('data-points')), span: Number(figure.getAttribute('data-span-seconds')) })),
  );

/** The requests-per-second chart's numbers by timestamp, read from its data table. */
async function rpsHistory({ page }: TrackedPage): Promise<Map<string, string>> {
  const chart = page.locator('figure.chart', { hasText: 'Requests per second' });
  await chart.locator('summary', { hasText: 'Data table' }).click();
  const rows = chart.locator('.chart-table tbody tr');
  await rows.first().waitFor();
  const entries = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-ts') ?? '', [...tr.querySelectorAll('td')].map((td) => td.textContent).join(' ')] as const));
  return new Map(entries);
}

/** Everything the Overview shows from the server's state on connect, within 2 s of `loadedAt`. */
async function expectSeeded(tracked: TrackedPage, loadedAt: number) {
  const { page } = tracked;
  await page.waitForFunction(
    () => {
      const spans = [...document.querySelectorAll('figure.chart')].map((figure) => Number(figure.getAttribute('data-span-seconds')));
      const tiles = [...document.querySelectorAll('[data-testid^="kpi-"]')].map((tile) => tile.getAttribute('data-value'));
      return (
        spans.length === 3 &&
        spans.every((span) => span >= 60) &&
        tiles.length === 4 &&
        tiles.every((value) => value !== '') &&
        document.querySelectorAll('[data-alert-id]').length > 0 &&
        document.querySelectorAll('[data-deploy-id]').length > 0
      );
    },
    null,
    { timeout: Math.max(0, loadedAt + 2000 - Date.now()) },
  );
  for (const { points, span } of await chartSpans(tracked)) {
    expect(points).toBeGreaterThanOrEqual(120); // a point per 500 ms over at least a minute
    expect(span).toBeGreaterThanOrEqual(60);
  }
  // The alerts and the deploy are the server's: older than this page.
  const alertTimes = await page.locator('[data-alert-id]').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-ts'))));
  expect(Math.min(...alertTimes)).toBeLessThan(loadedAt);
  expect(await page.locator('[data-deploy-id="deploy-0"][data-status="succeeded"]').count()).toBe(1);
}

// One page at a time: with shareAcrossTabs, a tab that joins a stream another tab already leads
// gets the live events from then on, not the state the server sent when that stream opened.
it('seeds every widget from the state on connect: charts, tiles, alerts and deploys within 2 s; a reload shows the same history', async () => {
  const tracked = await browser.newPage();
  const { page, errors } = tracked;
  // Closed even when an expectation fails, so a retry's page leads its own stream again.
  onTestFinished(() => page.close());
  let loadedAt = Date.now();
  await page.goto(`${stack.demoUrl}/#/`);
  await expectSeeded(tracked, loadedAt);
  console.log(`[e2e] overview seeded ${Date.now() - loadedAt} ms after load: ${JSON.stringify(await chartSpans(tracked))}`);
  const before = await rpsHistory(tracked);

  loadedAt = Date.now();
  await page.reload();
  await expectSeeded(tracked, loadedAt);
  const after = await rpsHistory(tracked);
  // The same history: every point both loads hold has the same numbers, and they share most of
  // the two minutes (the window moved on by the time the reload took).
  const shared = [...before.keys()].filter((ts) => after.has(ts));
  expect(shared.length).toBeGreaterThanOrEqual(120);
  for (const ts of shared) expect(after.get(ts), `rps at ${ts}`).toBe(before.get(ts));

  // Still exactly one stream, this page's.
  await waitFor('one overview stream', async () => ((await stack.stats()).connections.total === 1 ? true : undefined), 5000);
  expect((await stack.stats()).connections.byClientId).toEqual({ overview: 1 });
  expect(errors).toEqual([]);
});
