import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser, type TrackedPage } from './support/browser';
import { isContiguous } from './support/pages';
import { startStack, waitFor, type Stack } from './support/stack';

// The Overview page's one provider streams under this fixed client id from every tab, so
// /api/stats counts exactly the connections the tabs hold (its tab counter reads the ticks).
const CLIENT_ID = 'overview';

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

const card = (page: Page) => page.getByTestId('tab-sharing');

async function ticksOf(page: Page): Promise<number[]> {
  const raw = (await card(page).getAttribute('data-ticks')) ?? '';
  return raw === '' ? [] : raw.split(',').map(Number);
}

async function waitForTicks(page: Page, count: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (count) => (document.querySelector('[data-testid="tab-sharing"]')?.getAttribute('data-ticks') ?? '').split(',').filter(Boolean).length >= count,
    count,
    { timeout },
  );
}

/** Records, in the page, when its card first says it leads: timing without Playwright's latency. */
async function watchForLeadership(pages: Page[]): Promise<void> {
  for (const page of pages) {
    await page.evaluate(() => {
      const card = document.querySelector('[data-testid="tab-sharing"]');
      if (card === null) throw new Error('no tab-sharing card');
      const target = window as unknown as { becameLeaderAt?: number };
      new MutationObserver(() => {
        if (card.getAttribute('data-role') === 'leader') target.becameLeaderAt ??= Date.now();
      }).observe(card, { attributes: true });
    });
  }
}

/** Milliseconds from `since` (a Date.now() of this machine's clock) to the first page that led. */
async function leadershipDelay(pages: Page[], since: number): Promise<number> {
  await Promise.race(pages.map((page) => page.waitForSelector('[data-testid="tab-sharing"][data-role="leader"]', { timeout: 5000 })));
  const times = await Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as { becameLeaderAt?: number }).becameLeaderAt)));
  return Math.min(...times.filter((time): time is number => time !== undefined)) - since;
}

async function connectionsFor(clientId: string): Promise<number> {
  return (await stack.stats()).connections.byClientId[clientId] ?? 0;
}

/** Waits until the server counts `expected` connections, then checks the count holds for a second. */
async function expectServerConnections(expected: number): Promise<void> {
  await waitFor(`${expected} connection(s) for ${CLIENT_ID}`, async () => ((await connectionsFor(CLIENT_ID)) === expected ? true : undefined), 10_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const { connections } = await stack.stats();
  // Only demo pages under test are open, so the server's total must be the same: nothing else connects.
  expect(connections.byClientId[CLIENT_ID] ?? 0).toBe(expected);
  expect(connections.total).toBe(expected);
}

async function openTabs(path: string): Promise<TrackedPage[]> {
  const tabs: TrackedPage[] = [];
  for (let index = 0; index < 3; index++) {
    const tab = await browser.newPage();
    await tab.page.goto(`${stack.demoUrl}${path}`);
    await waitForTicks(tab.page, 2);
    tabs.push(tab);
  }
  return tabs;
}

it('three tabs share exactly one connection; closing the leader hands over within 1 s with no gap and no duplicate', async () => {
  const tabs = await openTabs('/#/');
  await expectServerConnections(1);
  await waitFor('every tab to count 3 tabs', async () => {
    const counts = await Promise.all(tabs.map(({ page }) => card(page).getAttribute('data-count')));
    return counts.every((count) => count === '3') ? true : undefined;
  }, 5000);
  const roles = await Promise.all(tabs.map(({ page }) => card(page).getAttribute('data-role')));
  expect([...roles].sort()).toEqual(['follower', 'follower', 'leader']);

  // The devtools panel (every page) shows the same stream with this tab's role.
  const follower = tabs[roles.indexOf('follower')] as TrackedPage;
  await follower.page.getByRole('button', { name: 'SSE devtools' }).click();
  const devtoolsRow = follower.page.getByTestId('sse-devtools').locator(`tr[data-role="follower"]`);
  await devtoolsRow.first().waitFor({ timeout: 5000 });
  expect(await devtoolsRow.first().textContent()).toContain(CLIENT_ID);

  const leader = tabs[roles.indexOf('leader')] as TrackedPage;
  const others = tabs.filter((tab) => tab !== leader);
  await watchForLeadership(others.map(({ page }) => page));
  const started = Date.now();
  await leader.page.close();
  const handedOverMs = await leadershipDelay(
    others.map(({ page }) => page),
    started,
  );
  const reopened = others.map(({ page }) => page.waitForSelector('[data-testid="tab-sharing"][data-status="open"][data-role="leader"]', { timeout: 5000 }).catch(() => null));
  await Promise.race(reopened);
  const reopenedMs = Date.now() - started;
  console.log(`[crossTab] new leader elected ${handedOverMs} ms after the leader tab closed; its connection open after ${reopenedMs} ms`);
  expect(handedOverMs).toBeLessThan(1000);

  const counts = await Promise.all(others.map(async ({ page }) => (await ticksOf(page)).length));
  await Promise.all(others.map(({ page }, index) => waitForTicks(page, (counts[index] ?? 0) + 8)));
  for (const { page, errors } of others) {
    const ticks = await ticksOf(page);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(isContiguous(ticks)).toBe(true);
    expect(errors).toEqual([]);
    expect(await card(page).getAttribute('data-count')).toBe('2');
  }
  await expectServerConnections(1);
  for (const { page } of others) await page.close();
  await expectServerConnections(0);
});

async function leaderAndOthers(tabs: TrackedPage[]) {
  const roles = await Promise.all(tabs.map(({ page }) => card(page).getAttribute('data-role')));
  const leader = tabs[roles.indexOf('leader')];
  if (leader === undefined) throw new Error(`no leader among roles ${roles.join(', ')}`);
  return { leader, others: tabs.filter((tab) => tab !== leader) };
}

async function expectWholeTicks(tabs: TrackedPage[], more: number): Promise<void> {
  const counts = await Promise.all(tabs.map(async ({ page }) => (await ticksOf(page)).length));
  await Promise.all(tabs.map(({ page }, index) => waitForTicks(page, (counts[index] ?? 0) + more)));
  for (const { page } of tabs) {
    const ticks = await ticksOf(page);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(isContiguous(ticks)).toBe(true);
  }
}

it('a leader whose main thread hangs (it keeps its lock) is replaced within 1 s of missed heartbeats', async () => {
  const tabs = await openTabs('/#/');
  await expectServerConnections(1);
  const { leader, others } = await leaderAndOthers(tabs);
  await watchForLeadership(others.map(({ page }) => page));
  // Busy for 4 s: no heartbeat, no lock release. The page says when the block started.
  let blockedAt = Number.NaN;
  await leader.page.exposeFunction('reportBlocked', (at: number) => (blockedAt = at));
  const hang = leader.page.evaluate(() => {
    const start = Date.now();
    void (window as unknown as { reportBlocked(at: number): Promise<void> }).reportBlocked(start);
    while (Date.now() < start + 4000);
  });
  await waitFor('the leader to say it blocked', async () => (Number.isNaN(blockedAt) ? undefined : true), 5000);
  const stolenMs = await leadershipDelay(
    others.map(({ page }) => page),
    blockedAt,
  );
  console.log(`[crossTab] hang: lock stolen ${stolenMs} ms after the leader's main thread blocked`);
  expect(stolenMs).toBeLessThan(1000);
  await expectWholeTicks(others, 4);
  await hang;
  await leader.page.waitForSelector('[data-testid="tab-sharing"][data-role="follower"]', { timeout: 5000 });
  await expectWholeTicks(others, 4);
  const woken = await ticksOf(leader.page);
  expect(new Set(woken).size).toBe(woken.length);
  await expectServerConnections(1);
  for (const { page } of tabs) await page.close();
  await expectServerConnections(0);
});

it('with sharing off, the same three tabs make three connections', async () => {
  const tabs = await openTabs('/?tabSharing=off#/');
  await expectServerConnections(3);
  for (const { page } of tabs) expect(await card(page).getAttribute('data-role')).toBe('local');
  for (const { page } of tabs) await page.close();
});
