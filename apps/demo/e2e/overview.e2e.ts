import { afterAll, beforeAll, expect, inject, it } from 'vitest';
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
  // Closed, so the next test's page leads its own stream instead of following this one (see below).
  await page.close();
});

/** Each chart's [points, first timestamp, span in s], from the figure's data attributes. */
const chartHistory = (page: Awaited<ReturnType<Browser['newPage']>>['page']) =>
  page.locator('[data-span-seconds]').evaluateAll((figures) =>
    figures.map((figure) => [Number(figure.getAttribute('data-points')), figure.getAttribute('data-first-ts'), Number(figure.getAttribute('data-span-seconds'))] as const),
  );

// One page: with shareAcrossTabs, a tab that joins a stream another tab already leads gets the live
// events from then on, not the state the server sent when that stream opened.
it('charts are full from the first frame (state on connect), and a reload shows the same history', async () => {
  const { page, errors } = await browser.newPage();
  const loaded = Date.now();
  await page.goto(`${stack.demoUrl}/#/`);
  // Within 2 s of loading, every chart holds at least a minute of history: the server sent its
  // last two minutes of metrics before the live ones.
  await page.waitForFunction(
    () => {
      const spans = [...document.querySelectorAll('[data-span-seconds]')].map((figure) => Number(figure.getAttribute('data-span-seconds')));
      return spans.length >= 3 && spans.every((span) => span >= 60);
    },
    null,
    { timeout: 2000 },
  );
  const first = await chartHistory(page);
  console.log(`[e2e] overview history ${Date.now() - loaded} ms after load: ${JSON.stringify(first)}`);
  expect(first.length).toBeGreaterThanOrEqual(3);
  for (const [points, , span] of first) {
    expect(points).toBeGreaterThanOrEqual(120);
    expect(span).toBeGreaterThanOrEqual(60);
  }

  await page.reload();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-span-seconds]')].every((figure) => Number(figure.getAttribute('data-span-seconds')) >= 60), null, {
    timeout: 2000,
  });
  const again = await chartHistory(page);
  // The same history: it starts where it started before (or later, by the points that aged out).
  for (const [index, [, firstTs]] of again.entries()) expect(Number(firstTs)).toBeGreaterThanOrEqual(Number(first[index]?.[1]));
  for (const [, , span] of again) expect(span).toBeGreaterThanOrEqual(60);
  expect(errors).toEqual([]);
  await page.close();
});
