import { createRedisBroker } from '@kit/sse-server-redis';
import { startRedisServer, type RedisServer } from '@kit/sse-server-redis/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser, type TrackedPage } from './support/browser';
import { isContiguous, readTicks, screenshot } from './support/pages';
import { E2E_DEV_SERVER_ENV, startStack, waitFor, type Stack } from './support/stack';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser(inject('chromiumPath'));
});

afterAll(async () => {
  await browser?.close();
});

// A shorter retry hint than the default 2 s: the same policy, with waits that fit a test.
const LAB_ENV = { ...E2E_DEV_SERVER_ENV, RETRY_MS: '500' };
/** "Each chaos control changes the timeline within 2 s." */
const VISIBLE_WITHIN_MS = 2000;

const status = (page: Page) => page.locator('.sse-status').first();

async function waitForTicks(page: Page, count: number, segment: number, timeout = 10_000) {
  await page.waitForFunction(
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

/** Until the page has rendered a tick with `seq` at least `target`, in any segment. */
async function waitForSeq(page: Page, target: number, timeout = 20_000) {
  await page.waitForFunction(
    (target) => {
      const raw = document.querySelector('[data-testid="ticks"]')?.getAttribute('data-segments') ?? '';
      return raw.split(/[|,]/).some((seq) => seq !== '' && Number(seq) >= target);
    },
    target,
    { timeout },
  );
}

/** The id of the newest timeline entry (0 when empty): entries after it are what an action caused. */
async function newestEntry(page: Page): Promise<number> {
  return page.getByTestId('timeline').evaluate((list) => Math.max(0, ...[...list.querySelectorAll('li')].map((li) => Number(li.dataset.id))));
}

/**
 * Until `count` timeline entries newer than `after` match `selector` (on the li) and `text`;
 * returns their texts, newest first.
 */
async function waitForEntries(page: Page, after: number, selector: string, { text = /./, count = 1, timeout = 10_000 } = {}): Promise<string[]> {
  const handle = await page.waitForFunction(
    ({ after, selector, source, flags, count }) => {
      const pattern = new RegExp(source, flags);
      const texts = [...document.querySelectorAll<HTMLLIElement>(`[data-testid="timeline"] li${selector}`)]
        .filter((li) => Number(li.dataset.id) > after && pattern.test(li.textContent ?? ''))
        .map((li) => li.textContent ?? '');
      return texts.length >= count ? texts : null;
    },
    { after, selector, source: text.source, flags: text.flags, count },
    { timeout },
  );
  return (await handle.jsonValue()) as string[];
}

async function expectCleanLedger(page: Page) {
  const ledger = await readTicks(page);
  expect(ledger.gaps).toBe(0);
  expect(ledger.duplicates).toBe(0);
  for (const segment of ledger.segments) expect(isContiguous(segment)).toBe(true);
  return ledger;
}

// Chromium logs the broken streams (drop, kill, restart), the chaos 503s and the proxy's 502s
// while the server was down; those are the failures these tests cause. Anything else fails.
const EXPECTED_ERRORS = /Failed to load resource: (net::ERR_INCOMPLETE_CHUNKED_ENCODING|the server responded with a status of 50[23])/;

describe('in-memory broker (the default dev server)', () => {
  let stack: Stack;
  let tracked: TrackedPage;

  beforeAll(async () => {
    stack = await startStack(inject('distDir'), LAB_ENV);
    tracked = await browser.newPage();
    await tracked.page.goto(`${stack.demoUrl}/#/resilience`);
    await waitForTicks(tracked.page, 6, 0);
  });

  afterAll(async () => {
    await tracked?.page.close();
    await stack?.close();
  });

  /**
   * The next chaos waits until the kit has reset its backoff (the connection stayed open for
   * resetBackoffAfter, 5 s): otherwise the exponential delay of the earlier failures carries over.
   */
  async function waitForBackoffReset() {
    await tracked.page.locator('[data-testid="timeline"][data-retry-count="0"]').waitFor({ timeout: 15_000 });
    await status(tracked.page).and(tracked.page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });
  }

  async function click(label: string) {
    const mark = await newestEntry(tracked.page);
    await tracked.page.getByRole('button', { name: label }).click();
    return mark;
  }

  it('drop: the timeline shows it and the backoff wait at once; the stream resumes with no gap and no duplicate', async () => {
    const { page } = tracked;
    const before = (await readTicks(page)).segments[0]?.length ?? 0;
    const mark = await click('Drop connections');
    await waitForEntries(page, mark, '[data-kind="chaos"][data-tag="drop"]', { text: /1 stream dropped/, timeout: VISIBLE_WITHIN_MS });
    await waitForEntries(page, mark, '[data-status="reconnecting"]', { text: /network: .*backoff attempt 1/, timeout: VISIBLE_WITHIN_MS });
    await waitForTicks(page, before + 8, 0);
    const ledger = await expectCleanLedger(page);
    expect(ledger.resets).toBe(0);
  });

  it('fail next 3 connects: the open stream drops now, and each wait is explained by Retry-After', async () => {
    const { page } = tracked;
    await waitForBackoffReset();
    const mark = await click('Fail next 3 connects (503)');
    await waitForEntries(page, mark, '[data-kind="chaos"][data-tag="fail"]', { text: /next 3 connects get 503/, timeout: VISIBLE_WITHIN_MS });
    await waitForEntries(page, mark, '[data-status="reconnecting"]', { timeout: VISIBLE_WITHIN_MS });
    await waitForEntries(page, mark, '[data-status="reconnecting"]', {
      text: /HTTP 503 with Retry-After: 1\.0 s; waiting as the server's Retry-After asked/,
      count: 3,
    });
    await status(page).and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });
    const before = (await readTicks(page)).segments[0]?.length ?? 0;
    await waitForTicks(page, before + 4, 0);
    expect((await expectCleanLedger(page)).resets).toBe(0);
  }, 45_000);

  it('latency: marked pending at once, then applied to the next connect', async () => {
    const { page } = tracked;
    await waitForBackoffReset();
    let mark = await click('Add 1.5 s latency');
    await waitForEntries(page, mark, '[data-kind="chaos"][data-tag="latency"]', { text: /pending: applies to the next connect/, timeout: VISIBLE_WITHIN_MS });
    await expect.poll(() => page.getByTestId('latency-pending').textContent()).toMatch(/Latency 1\.5 s pending: waits for the next connect/);

    mark = await click('Drop connections');
    const [applied = ''] = await waitForEntries(page, mark, '[data-tag="latency-applied"]', { text: /the connect took/ });
    expect(Number(/took ([\d.]+) s/.exec(applied)?.[1])).toBeGreaterThanOrEqual(1.4);
    await expect.poll(() => page.getByTestId('latency-pending').isHidden()).toBe(true);

    mark = await click('Reset chaos');
    await waitForEntries(page, mark, '[data-kind="chaos"][data-tag="reset"]', { text: /cleared/, timeout: VISIBLE_WITHIN_MS });
    expect((await expectCleanLedger(page)).resets).toBe(0);
  }, 45_000);

  it('stall: logged at once; the idle watchdog then ends the silent attempt and the stream resumes', async () => {
    const { page } = tracked;
    await waitForBackoffReset();
    const mark = await click('Stall 6 s');
    await waitForEntries(page, mark, '[data-kind="chaos"][data-tag="stall"]', { text: /sends nothing for 6 s/, timeout: VISIBLE_WITHIN_MS });
    await waitForEntries(page, mark, '[data-status="reconnecting"]', { text: /idle timeout: nothing arrived/ });
    const before = (await readTicks(page)).segments[0]?.length ?? 0;
    await waitForTicks(page, before + 8, 0, 15_000);
    expect((await expectCleanLedger(page)).resets).toBe(0);
  }, 45_000);

  it('restart the server: the reset is shown, the counter is refetched, and the ticks count on with no duplicate', async () => {
    const { page } = tracked;
    await waitForBackoffReset();
    const beforeRestart = (await readTicks(page)).segments[0] ?? [];
    const mark = await click('Restart the server');
    await waitForEntries(page, mark, '[data-kind="chaos"][data-tag="restart"]', { text: /new history: expect a reset/, timeout: VISIBLE_WITHIN_MS });
    await waitForEntries(page, mark, '[data-status="reconnecting"]', { timeout: VISIBLE_WITHIN_MS });
    await waitForEntries(page, mark, '[data-kind="reset"][data-tag="foreign-epoch"]');
    const [refetched = ''] = await waitForEntries(page, mark, '[data-kind="refetch"][data-tag="ticks"]');
    await waitForTicks(page, 8, 1);
    await screenshot(page, 'resilience-restart');

    const ledger = await expectCleanLedger(page);
    const [first = [], second = []] = ledger.segments;
    const counter = ledger.refetched[0] ?? Number.NaN;
    console.log(
      `[e2e] restart: ${beforeRestart.length} ticks before (last ${first.at(-1)}), counter refetched at ${counter}, ` +
        `${ledger.covered} covered, then ${second.length} ticks (${second[0]}..${second.at(-1)})`,
    );
    expect(refetched).toContain(`refetched: ${counter}`);
    expect(ledger.resets).toBe(1);
    expect(ledger.lastReset).toBe('foreign-epoch');
    expect(await page.getByText(/^Last reset: foreign-epoch at /).count()).toBe(1);
    expect(first.slice(0, beforeRestart.length)).toEqual(beforeRestart);
    // Counting on: the refetched counter is at least the last tick seen, the next segment starts
    // right after it, and no number is received twice.
    expect(counter).toBeGreaterThanOrEqual(first.at(-1) ?? Infinity);
    expect(second[0]).toBe(counter + 1);
    expect(second.filter((seq) => first.includes(seq))).toEqual([]);
  }, 45_000);

  it('without a shared history, a crashed dev server cannot replay: reset, refetch, and a counter that started again', async () => {
    const { page } = tracked;
    await waitForBackoffReset();
    const resetsBefore = (await readTicks(page)).resets;
    const segmentsBefore = (await readTicks(page)).segments.length;

    await stack.devServer.kill();
    await status(page).and(page.locator('[data-status="reconnecting"]')).waitFor({ timeout: 10_000 });
    await stack.devServer.start();
    await waitForTicks(page, 8, segmentsBefore, 20_000);
    await status(page).and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });

    const ledger = await expectCleanLedger(page);
    const previous = ledger.segments[segmentsBefore - 1] ?? [];
    const fresh = ledger.segments[segmentsBefore] ?? [];
    const counter = ledger.refetched.at(-1) ?? Number.NaN;
    expect(ledger.resets).toBe(resetsBefore + 1);
    // A new process: its counter started again (the page connected a few ticks into its life).
    expect(counter).toBeLessThan(previous.at(-1) ?? 0);
    expect(fresh[0]).toBe(counter + 1);
    expect(tracked.errors.filter((error) => !EXPECTED_ERRORS.test(error))).toEqual([]);
  }, 45_000);
});

// Why Redis: "kill the dev server and start it again; the tick sequence has no gap and no
// duplicate" can only hold if the events and the tick counter outlive the process. With
// `--broker redis://` the stream (ids, replay) lives in redis-server, and the restarted process
// continues the tick numbering from the stream's last tick (Broker.lastEvent).
describe('Redis broker (the history outlives the dev server process)', () => {
  let redis: RedisServer;
  let stack: Stack;
  let tracked: TrackedPage;

  beforeAll(async () => {
    // The first start may apt-get install redis-server (root without it); otherwise it fails
    // saying how to install it.
    redis = await startRedisServer();
    stack = await startStack(inject('distDir'), LAB_ENV, ['--broker', redis.url]);
    tracked = await browser.newPage();
  }, 300_000);

  afterAll(async () => {
    await tracked?.page.close();
    await stack?.close();
    await redis?.stop();
  });

  /** The newest tick in the dev server's stream, read the way the restarted process reads it. */
  async function lastTickInRedis(): Promise<number> {
    const broker = createRedisBroker({ url: redis.url, stream: 'kit:dev-server' });
    try {
      await waitFor('the probe broker to connect', async () => (broker.status.ok ? true : undefined), 5000);
      const last = await broker.lastEvent?.('tick');
      return (last?.data as { seq: number } | undefined)?.seq ?? 0;
    } finally {
      await broker.close();
    }
  }

  it('restart the server (in-process): the history is kept, so the page resumes with no reset', async () => {
    const { page } = tracked;
    await page.goto(`${stack.demoUrl}/#/resilience`);
    await waitForTicks(page, 6, 0);
    const mark = await newestEntry(page);
    await page.getByRole('button', { name: 'Restart the server' }).click();
    await waitForEntries(page, mark, '[data-kind="chaos"][data-tag="restart"]', { text: /history kept/, timeout: VISIBLE_WITHIN_MS });
    await waitForEntries(page, mark, '[data-status="reconnecting"]', { timeout: VISIBLE_WITHIN_MS });
    const before = (await readTicks(page)).segments[0]?.length ?? 0;
    await waitForTicks(page, before + 8, 0);
    const ledger = await expectCleanLedger(page);
    expect(ledger.resets).toBe(0);
    expect(ledger.segments).toHaveLength(1);
  });

  it('dev server SIGKILLed mid-stream and restarted: reconnecting, then open, one tick sequence with no gap, no duplicate, no reset', async () => {
    const { page } = tracked;
    const beforeKill = (await readTicks(page)).segments[0] ?? [];

    // SIGKILL: no goodbye, sockets die mid-stream, as in a crash.
    await stack.devServer.kill();
    await status(page).and(page.locator('[data-status="reconnecting"]')).waitFor({ timeout: 10_000 });
    await screenshot(page, 'resilience-reconnecting');
    // Every tick the killed process published (some may not have reached the page yet).
    const lastBeforeRestart = await lastTickInRedis();

    await stack.devServer.start();
    // Ticks above lastBeforeRestart can only come from the new process: the sequence must cross
    // from one process to the other without a hole or a repeat.
    await waitForSeq(page, lastBeforeRestart + 8);
    await status(page).and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });

    const ledger = await expectCleanLedger(page);
    const ticks = ledger.segments[0] ?? [];
    console.log(
      `[e2e] redis restart: ${beforeKill.length} ticks rendered before the kill (seq ${beforeKill[0]}..${beforeKill.at(-1)}), ` +
        `last tick in Redis at the restart ${lastBeforeRestart}, ${ticks.length - beforeKill.length} rendered after the kill ` +
        `(total ${ticks.length}, seq ${ticks[0]}..${ticks.at(-1)})`,
    );
    expect(ledger.resets).toBe(0);
    expect(ledger.segments).toHaveLength(1);
    expect(ticks.slice(0, beforeKill.length)).toEqual(beforeKill);
    expect(ticks).toContain(lastBeforeRestart);
    expect(ticks).toContain(lastBeforeRestart + 1);
    await screenshot(page, 'resilience-resumed');

    expect(tracked.errors.filter((error) => !EXPECTED_ERRORS.test(error))).toEqual([]);
  });
});
