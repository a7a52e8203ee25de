import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { createConnection, type SSEMessage, preloadTabSharing } from '@kit/sse-react/core';
import { inspectConnection, listConnections, subscribeToConnections, subscribeToEvents } from '../../src/core/runtime/inspect';
import { fakeWorld, type FakeWorld } from './connectionFakes';
import { fakeBrowser } from './tabSharingFakes';

let world: FakeWorld;
// Loaded up front, so connections start synchronously under fake timers (tabSharing.deferred tests the lazy path).
beforeAll(() => preloadTabSharing());
beforeEach(() => {
  vi.useFakeTimers();
  world = fakeWorld();
});
afterEach(() => {
  vi.useRealTimers();
});

it('lists a connection only while it is active, and describes it without private fields', () => {
  const connection = createConnection('http://test.local/events', { environment: world.environment, closeDelay: 0 });
  const changes = vi.fn();
  const off = subscribeToConnections(changes);
  expect(listConnections()).not.toContain(connection);
  const offTick = connection.on('tick', () => {});
  const offTick2 = connection.on('tick', () => {});
  const offStatus = connection.subscribe(() => {});
  expect(listConnections()).toContain(connection);
  expect(changes).toHaveBeenCalledTimes(1);
  world.transports.latest().open();
  expect(inspectConnection(connection)).toMatchObject({
    url: 'http://test.local/events',
    transport: 'fetch',
    role: 'local',
    subscribers: { tick: 2 },
    statusSubscribers: 1,
    snapshot: { status: 'open' },
  });
  offTick();
  offTick2();
  offStatus();
  vi.advanceTimersByTime(0);
  expect(listConnections()).not.toContain(connection);
  expect(changes).toHaveBeenCalledTimes(2);
  off();
});

it('taps every dispatched event while someone listens', () => {
  const connection = createConnection('http://test.local/events', { environment: world.environment });
  connection.on('tick', () => {});
  const seen: Array<[string, SSEMessage]> = [];
  const off = subscribeToEvents((from, message) => seen.push([from.url, message]));
  world.transports.latest().emit('tick', 'a', '1');
  off();
  world.transports.latest().emit('tick', 'b', '2');
  expect(seen.map(([url, message]) => [url, message.data])).toEqual([['http://test.local/events', 'a']]);
  connection.close();
});

it('a tab-shared connection is listed once, with its role; its inner connection is not', async () => {
  const browser = fakeBrowser();
  const before = listConnections().length;
  const [leader, follower] = [browser.openTab(), browser.openTab()];
  leader.connection.on('tick', () => {});
  follower.connection.on('tick', () => {});
  await vi.advanceTimersByTimeAsync(5);
  expect(listConnections().length - before).toBe(2);
  expect(inspectConnection(leader.connection)).toMatchObject({ role: 'leader', transport: 'fetch', subscribers: { tick: 1 } });
  expect(inspectConnection(follower.connection)).toMatchObject({ role: 'follower', transport: null });
  const tapped: string[] = [];
  const untap = subscribeToEvents((connection, message) =>
    tapped.push(`${connection === leader.connection ? 'leader' : connection === follower.connection ? 'follower' : 'other'} ${message.lastEventId}`),
  );
  browser.transports.latest().emit('tick', 'x', '1');
  await vi.advanceTimersByTimeAsync(5);
  untap();
  // Once per tab: the leader's inner connection is not tapped a second time.
  expect(tapped.sort()).toEqual(['follower 1', 'leader 1']);
  for (const tab of browser.tabs) tab.close();
  leader.connection.close();
  follower.connection.close();
});
