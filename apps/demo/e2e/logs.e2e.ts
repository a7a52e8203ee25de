import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser';
import { screenshot } from './support/pages';
import { E2E_DEV_SERVER_ENV, startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  // A log burst every 2 ms: thousands of lines within seconds.
  stack = await startStack(inject('distDir'), { ...E2E_DEV_SERVER_ENV, LOG_MS: '2' });
  browser = await launchBrowser(inject('chromiumPath'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const count = (page: Page) =>
  page.getByTestId('log-count').getAttribute('data-count').then(Number);

it('keeps thousands of lines with a few dozen rows in the DOM, and pauses and filters them', async () => {
  const { page, errors } = await browser.newPage();
  await page.goto(`${stack.demoUrl}/#/logs`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="log-count"]')?.getAttribute('data-count')) >= 3000, null, {
    timeout: 20_000,
  });
  // Virtualized: the DOM holds only the rows in view (plus overscan), not thousands.
  expect(await page.locator('.log-line').count()).toBeLessThan(60);

  // Pause: the view freezes while the buffer keeps filling.
  await page.getByRole('button', { name: 'Pause' }).click();
  const shownWhenPaused = await page.getByTestId('log-count').textContent();
  const keptWhenPaused = await count(page);
  await page.waitForFunction((kept) => Number(document.querySelector('[data-testid="log-count"]')?.getAttribute('data-count')) > kept + 500, keptWhenPaused, {
    timeout: 10_000,
  });
  expect((await page.getByTestId('log-count').textContent())?.split(' shown')[0]).toBe(shownWhenPaused?.split(' shown')[0]);

  // Filter by level: every visible row is an error line.
  await page.getByLabel('Level').selectOption('error');
  await page.waitForFunction(() => [...document.querySelectorAll('.log-line')].every((row) => row.classList.contains('level-error')));
  expect(await page.locator('.log-line').count()).toBeGreaterThan(0);
  await screenshot(page, 'logs-thousands');
  expect(errors).toEqual([]);
});
