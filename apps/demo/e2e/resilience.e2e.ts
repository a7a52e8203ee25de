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

// Chromium logs the broken streams (drop, kill), the chaos 503s and the proxy's 502s while the
// server was down; those are the failures these tests cause. Anything else (a script error) fails.
const EXPECTED_ERRORS = /Failed to load resource: (net::ERR_INCOMPLETE_CHUNKED_ENCODING|the server responded with a status of 50[23])/;

describe('in-memory broker (the default dev server)', () => {
  let stack: Stack;
  let tracked: TrackedPage;

  beforeAll(async () => {
    stack = await startStack(inject('distDir'));
    tracked = await browser.newPage();
  });

  afterAll(async () => {
    await tracked?.page.close();
    await stack?.close();
  });

  it('resumes after a dropped connection with no gap and no duplicate (Last-Event-ID replay)', async () => {
    const { page } = tracked;
    await page.goto(`${stack.demoUrl}/#/resilience`);
    await waitForTicks(page, 6, 0);
    const before = (await readTicks(page)).segments[0]?.length ?? 0;

    // The server destroys every stream; the kit reconnects and the server replays what was missed.
    await page.getByRole('button', { name: 'Drop connections' }).click();
    await page.locator('[data-testid="timeline"] li[data-status="reconnecting"]').first().waitFor({ timeout: 10_000 });
    await waitForTicks(page, before + 8, 0);
    await status(page).and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });

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
    await waitForTicks(page, before + 8, 0, 15_000);

    // Three 503s with Retry-After: 1, then a drop to make the page reconnect into them.
    await waitForBackoffReset();
    await page.getByRole('button', { name: 'Fail next 3 connects (503)' }).click();
    await page.getByRole('button', { name: 'Drop connections' }).click();
    await timeline.getByText(/http: .*503/).first().waitFor({ timeout: 10_000 });
    before = (await readTicks(page)).segments[0]?.length ?? 0;
    await waitForTicks(page, before + 8, 0, 15_000);
    await status(page).and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });

    const ledger = await readTicks(page);
    expect(ledger.resets).toBe(0);
    expect(ledger.gaps).toBe(0);
    expect(ledger.duplicates).toBe(0);
    expect(isContiguous(ledger.segments[0] ?? [])).toBe(true);
  }, 60_000);

  it('without a shared history, a restarted dev server cannot replay: the page shows reset and a new segment', async () => {
    const { page } = tracked;
    await waitForBackoffReset();
    const beforeKill = (await readTicks(page)).segments[0] ?? [];

    await stack.devServer.kill();
    await status(page).and(page.locator('[data-status="reconnecting"]')).waitFor({ timeout: 10_000 });
    await stack.devServer.start();
    // The new process's memory is empty: it cannot know the old ids, so it sends `reset` (a new
    // segment on the page) and its ticks start again at 1. This is what the page does when the
    // history is lost; the Redis suite below is the one that proves a restart without a gap.
    await waitForTicks(page, 8, 1, 20_000);
    await status(page).and(page.locator('[data-status="open"]')).waitFor({ timeout: 10_000 });

    const ledger = await readTicks(page);
    const [first = [], second = []] = ledger.segments;
    expect(first.slice(0, beforeKill.length)).toEqual(beforeKill);
    expect(isContiguous(first)).toBe(true);
    expect(ledger.resets).toBe(1);
    // Numbering started over (the page connected a few ticks into the new process's life).
    expect(second[0] ?? Infinity).toBeLessThan(first.at(-1) ?? 0);
    expect(isContiguous(second)).toBe(true);
    expect(ledger.gaps).toBe(0);
    expect(ledger.duplicates).toBe(0);
    expect(tracked.errors.filter((error) => !EXPECTED_ERRORS.test(error))).toEqual([]);
  });
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
    stack = await startStack(inject('distDir'), E2E_DEV_SERVER_ENV, ['--broker', redis.url]);
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

  it('dev server SIGKILLed mid-stream and restarted: reconnecting, then open, one tick sequence with no gap, no duplicate, no reset', async () => {
    const { page } = tracked;
    await page.goto(`${stack.demoUrl}/#/resilience`);
    await waitForTicks(page, 8, 0);
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

    const ledger = await readTicks(page);
    const ticks = ledger.segments[0] ?? [];
    const first = ticks[0] ?? 0;
    const last = ticks.at(-1) ?? 0;
    console.log(
      `[e2e] redis restart: ${beforeKill.length} ticks rendered before the kill (seq ${beforeKill[0]}..${beforeKill.at(-1)}), ` +
        `last tick in Redis at the restart ${lastBeforeRestart}, ${ticks.length - beforeKill.length} rendered after the kill ` +
        `(total ${ticks.length}, seq ${first}..${last})`,
    );
    expect(ledger.resets).toBe(0);
    expect(ledger.segments).toHaveLength(1);
    expect(ticks.slice(0, beforeKill.length)).toEqual(beforeKill);
    expect(ticks).toContain(lastBeforeRestart);
    expect(ticks).toContain(lastBeforeRestart + 1);
    expect(isContiguous(ticks)).toBe(true);
    expect(ledger.gaps).toBe(0);
    expect(ledger.duplicates).toBe(0);
    await screenshot(page, 'resilience-resumed');

    expect(tracked.errors.filter((error) => !EXPECTED_ERRORS.test(error))).toEqual([]);
  });
});
