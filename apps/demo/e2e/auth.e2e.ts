import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser';
import { screenshot } from './support/pages';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  // E2E_DEV_SERVER_ENV: tokens live 3 s, so an expiry happens within the test.
  stack = await startStack(inject('distDir'));
  browser = await launchBrowser(inject('chromiumPath'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('recovers from an expired token (401, refresh, resume) without a page reload', async () => {
  const { page, errors } = await browser.newPage();
  await page.goto(`${stack.demoUrl}/#/auth`);
  // A marker that a reload would wipe.
  await page.evaluate(() => Object.assign(window, { e2eNoReload: true }));

  const tick = page.getByTestId('secure-tick');
  await page.waitForFunction(() => document.querySelector('[data-testid="secure-tick"]')?.getAttribute('data-seq') !== '', null, { timeout: 5000 });
  const token = page.getByTestId('token');
  expect(await token.getAttribute('data-issued')).toBe('1');

  // The server ends the stream when token #1 expires; the reconnect is refused with 401, the
  // page drops the token, the kit calls the headers function again and token #2 goes out.
  await page.waitForFunction(
    () => {
      const element = document.querySelector('[data-testid="token"]');
      return Number(element?.getAttribute('data-rejected')) >= 1 && Number(element?.getAttribute('data-issued')) >= 2;
    },
    null,
    { timeout: 15_000 },
  );
  const seqAtRefresh = Number(await tick.getAttribute('data-seq'));
  // Resumed: newer ticks arrive on the new token, and the connection is open.
  await page.waitForFunction(
    (seq) => Number(document.querySelector('[data-testid="secure-tick"]')?.getAttribute('data-seq')) > seq + 3,
    seqAtRefresh,
    { timeout: 10_000 },
  );
  await page.locator('.sse-status[data-status="open"]').waitFor({ timeout: 5000 });
  expect(await page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);
  await screenshot(page, 'auth-refreshed');

  // The 401 is the point of this page, and Chromium logs it; nothing else may be logged.
  const unexpected = errors.filter((error) => !/status of 401 \(Unauthorized\).*\/api\/secure\/stream/.test(error));
  expect(unexpected).toEqual([]);
});
