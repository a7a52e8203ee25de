import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser, type TrackedPage } from './support/browser';
import { isContiguous, readTicks, screenshot } from './support/pages';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;
let tracked: TrackedPage;

beforeAll(async () => {
  stack = await startStack(inject('distDir'));
  browser = await launchBrowser(inject('chromiumPath'));
  tracked = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const status = () => tracked.page.locator('.sse-status').first();

async function waitForTicks(count: number, segment: number, timeout = 10_000) {
  await tracked.page.waitForFunction(
    ({ count, segment }) => {
      const raw = document.querySelector('[data-testid="ticks"]')?.getAttribute('data-segments') ?? '';
      const segments = raw.split('|');
      const current = segments[segment] ?? '';
      return segments.length === segment + 1 && current !== '' && current.split(',').length >= count;
    },
    { count, segment },
    { timeout },
  );
}

it('resumes after a dropped connection with no gap and no duplicate (Last-Event-ID replay)', async () => {
  const { page } = tracked;
  await page.goto(`${stack.demoUrl}/#/resilience`);
  await waitForTicks(6, 0);
  const before = (await readTicks(page)).segments[0]?.length ?? 0;

  // The server destroys every stream; the kit reconnects and the server replays what was missed.
  await page.getByRole('button', { name: 'Drop connections' }).click();
  await page.locator('[data-testid="timeline"] li[data-status="reconnecting"]').first().waitFor({ timeout: 10_000 });
  await waitForTicks(before + 8, 0);
  await status().and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });

  const ledger = await readTicks(page);
  expect(ledger.resets).toBe(0);
  expect(ledger.gaps).toBe(0);
  expect(ledger.duplicates).toBe(0);
  expect(isContiguous(ledger.segments[0] ?? [])).toBe(true);
});

/**
 * The next chaos waits until the kit has reset its backoff (the connection stayed open for
 * resetBackoffAfter, 5 s): otherwise the exponential delay of the earlier failures carries over.
 */
async function waitForBackoffReset() {
  await tracked.page.locator('[data-testid="timeline"][data-retry-count="0"]').waitFor({ timeout: 15_000 });
}

it('ends a stalled stream with the idle watchdog, and honours 503 + Retry-After, still without gap or duplicate', async () => {
  const { page } = tracked;
  const timeline = page.getByTestId('timeline');

  // A stall: the server sends nothing, not even heartbeats; after 4 s the watchdog gives up on it.
  await waitForBackoffReset();
  await page.getByRole('button', { name: 'Stall 6 s' }).click();
  await timeline.getByText(/timeout: /).first().waitFor({ timeout: 10_000 });
  let before = (await readTicks(page)).segments[0]?.length ?? 0;
  await waitForTicks(before + 8, 0, 15_000);

  // Three 503s with Retry-After: 1, then a drop to make the page reconnect into them.
  await waitForBackoffReset();
  await page.getByRole('button', { name: 'Fail next 3 connects (503)' }).click();
  await page.getByRole('button', { name: 'Drop connections' }).click();
  await timeline.getByText(/http: .*503/).first().waitFor({ timeout: 10_000 });
  before = (await readTicks(page)).segments[0]?.length ?? 0;
  await waitForTicks(before + 8, 0, 15_000);
  await status().and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });

  const ledger = await readTicks(page);
  expect(ledger.resets).toBe(0);
  expect(ledger.gaps).toBe(0);
  expect(ledger.duplicates).toBe(0);
  expect(isContiguous(ledger.segments[0] ?? [])).toBe(true);
}, 60_000);

it('shows reconnecting when the dev server is killed, then resumes on its restart', async () => {
  const { page } = tracked;
  await waitForBackoffReset();
  const beforeKill = (await readTicks(page)).segments[0] ?? [];

  // SIGKILL: no goodbye, sockets die mid-stream, as in a crash.
  await stack.devServer.kill();
  await status().and(page.locator('[data-status="reconnecting"]')).waitFor({ timeout: 10_000 });
  await screenshot(page, 'resilience-reconnecting');

  await stack.devServer.start();
  // The new process cannot replay the old one's ids (its memory is new): it sends `reset`, which
  // the page shows as the start of a new segment, then the live ticks continue.
  await waitForTicks(8, 1, 20_000);
  await status().and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });

  const ledger = await readTicks(page);
  const [first = [], second = []] = ledger.segments;
  // Everything received before the crash is still there, untouched, with no gap or duplicate.
  expect(first.slice(0, beforeKill.length)).toEqual(beforeKill);
  expect(isContiguous(first)).toBe(true);
  // After the restart: one reset, then a contiguous run with no duplicate.
  expect(ledger.resets).toBe(1);
  expect(isContiguous(second)).toBe(true);
  expect(ledger.gaps).toBe(0);
  expect(ledger.duplicates).toBe(0);
  await screenshot(page, 'resilience-resumed');

  // Chromium logs the broken streams (drop, kill), the chaos 503s and the proxy's 502s while the
  // server was down; those are the failures these tests cause. Anything else (a script error) fails it.
  const expected = /Failed to load resource: (net::ERR_INCOMPLETE_CHUNKED_ENCODING|the server responded with a status of 50[23])/;
  const unexpected = tracked.errors.filter((error) => !expected.test(error));
  expect(unexpected).toEqual([]);
});
