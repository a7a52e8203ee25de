import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser';
import { screenshot } from './support/pages';
import { E2E_DEV_SERVER_ENV, startStack, waitFor, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  // A 3 s heartbeat: spacing shows within seconds, and the kit's idle watchdog (2 advertised
  // periods, 6 s) stays well above the 3 s hold below.
  stack = await startStack(inject('distDir'), { ...E2E_DEV_SERVER_ENV, HEARTBEAT_MS: '3000' });
  browser = await launchBrowser(inject('chromiumPath'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

// Dropping the stream breaks the response mid-body, which Chromium logs as a failed load.
const EXPECTED_ERRORS = /Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING/;

const figure = (page: Page, id: string) => page.getByTestId(`diag-${id}`);
const valueOf = async (page: Page, id: string) => (await figure(page, id).getAttribute('data-value')) ?? '';
const verdictOf = async (page: Page, id: string) => (await figure(page, id).getAttribute('data-verdict')) ?? '';

/** "850 ms" or "2.0 s" back to milliseconds. */
function milliseconds(text: string): number {
  const match = /^([\d.]+) (ms|s)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

it('measures time to first byte, heartbeat spacing, bursts after silence and reconnects, each explained', async () => {
  const { page, errors } = await browser.newPage({ width: 1440, height: 900 });
  await page.goto(`${stack.demoUrl}/#/diagnostics`);
  await page.locator('[data-testid="diagnostics-status"]:text("open")').waitFor({ timeout: 10_000 });
  await page.locator('[data-testid="diag-ttfb"][data-verdict="ok"]').waitFor({ timeout: 5000 });
  expect(milliseconds(await valueOf(page, 'ttfb'))).toBeGreaterThanOrEqual(0);
  // Every figure says what it means.
  for (const id of ['ttfb', 'reconnects', 'heartbeat', 'resets', 'duplicates', 'bursts']) {
    expect((await figure(page, id).locator('.diag-why').textContent())?.length ?? 0).toBeGreaterThan(60);
  }
  // One connection, the page's own.
  await waitFor('the diagnostics stream in /api/stats', async () => ((await stack.stats()).connections.byClientId.diagnostics === 1 ? true : undefined), 5000);

  // Two heartbeats on one attempt give a spacing near the server's period.
  await waitFor('a heartbeat spacing', async () => ((await valueOf(page, 'heartbeat')) !== '—' ? true : undefined), 12_000);
  const spacing = milliseconds(await valueOf(page, 'heartbeat'));
  expect(spacing).toBeGreaterThan(2000);
  expect(spacing).toBeLessThan(5000);
  expect(await verdictOf(page, 'heartbeat')).toBe('ok');
  expect(await valueOf(page, 'bursts')).toBe('0');
  expect(await valueOf(page, 'resets')).toBe('0');
  expect(await valueOf(page, 'duplicates')).toBe('0');

  // The dev server holds every event for 3 s and sends them at once: the signature of a buffering proxy.
  await page.getByRole('button', { name: 'Hold events 3 s, then release' }).click();
  await page.locator('[data-testid="diag-bursts"][data-verdict="warn"]').waitFor({ timeout: 8000 });
  expect(await valueOf(page, 'bursts')).toBe('1');
  expect(await figure(page, 'bursts').locator('.diag-detail').textContent()).toMatch(/\d+ events at once after [\d.]+ s of nothing/);
  // The stream stayed open through it: no reconnect.
  expect(await valueOf(page, 'reconnects')).toBe('0');
  await screenshot(page, 'diagnostics-burst');

  // A dropped stream: one reconnect, a second attempt in the wire tap's table, still one connection.
  await page.getByRole('button', { name: 'Drop the stream (server)' }).click();
  await page.locator('[data-testid="diag-reconnects"][data-value="1"]').waitFor({ timeout: 10_000 });
  expect(await verdictOf(page, 'reconnects')).toBe('warn');
  await page.locator('[data-testid="diagnostics-status"]:text("open")').waitFor({ timeout: 5000 });
  expect(await page.getByTestId('diagnostics-attempts').locator('tbody tr').count()).toBe(2);
  await waitFor('one diagnostics stream again', async () => ((await stack.stats()).connections.byClientId.diagnostics === 1 ? true : undefined), 5000);

  // Resuming from an id this server never issued (what a client sends after a restart): a reset.
  await page.getByRole('button', { name: "Start over from another server's id" }).click();
  await page.locator('[data-testid="diag-resets"][data-value="1"]').waitFor({ timeout: 10_000 });
  expect(await figure(page, 'resets').locator('.diag-detail').textContent()).toMatch(/foreign-epoch \(from otherprocess\.42\)/);
  expect(await verdictOf(page, 'resets')).toBe('warn');
  await page.locator('[data-testid="diagnostics-status"]:text("open")').waitFor({ timeout: 5000 });
  // The advertised heartbeat, as the kit read it.
  await page.locator('[data-testid="diag-heartbeat"] .diag-detail:text("advertised 3.0 s")').waitFor({ timeout: 5000 });
  await waitFor('the old stream closed, one diagnostics stream left', async () => ((await stack.stats()).connections.byClientId.diagnostics === 1 ? true : undefined), 5000);

  expect(errors.filter((error) => !EXPECTED_ERRORS.test(error))).toEqual([]);
});
