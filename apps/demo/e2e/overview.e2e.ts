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
});
