import { afterEach, expect, it, vi } from 'vitest';
import { fakeBrowser, openSources, type FakeBrowser } from './tabSharingFakes';

// No preloadTabSharing here: the tab-sharing code is a dynamic import, as in an app's first use.
let browser: FakeBrowser | undefined;
afterEach(() => {
  for (const tab of browser?.tabs ?? []) tab.close();
});

it('loads the tab-sharing code on first use; subscriptions made meanwhile carry over', async () => {
  browser = fakeBrowser();
  const [a, b] = [browser.openTab(), browser.openTab()];
  const statuses: string[] = [];
  a.connection.subscribe(() => statuses.push(a.connection.getSnapshot().status));
  a.connection.on('tick', (message) => a.received.push(message));
  b.connection.on('tick', (message) => b.received.push(message));
  expect(a.connection.getSnapshot().status).toBe('connecting');
  expect(a.connection.getServerSnapshot().status).toBe('idle');
  await vi.waitFor(() => expect(openSources(browser as FakeBrowser)).toHaveLength(1));
  const [source] = openSources(browser);
  source?.open();
  source?.emit('tick', 'x', '1');
  await vi.waitFor(() => expect(b.received.map((message) => message.lastEventId)).toEqual(['1']));
  expect(a.received.map((message) => message.lastEventId)).toEqual(['1']);
  expect(statuses.at(-1)).toBe('open');
  expect(a.connection.getSnapshot().tabs?.count).toBe(2);
});

it('an unsubscribe or a close() before the code arrived is honoured', async () => {
  browser = fakeBrowser();
  const tab = browser.openTab();
  const off = tab.connection.on('tick', () => {});
  off();
  const closed = browser.openTab();
  closed.connection.subscribe(() => {});
  closed.connection.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(openSources(browser)).toHaveLength(0);
  expect(closed.connection.getSnapshot().status).toBe('closed');
});
