import { describe, expect, it, vi } from 'vitest';
import { SSEError } from '@kit/sse-react/core';
import { openSources, settle, installFakeBrowser, type FakeBrowser, type FakeTab } from './tabSharingFakes';

let browser: FakeBrowser;
installFakeBrowser((created) => (browser = created));


function listen(tab: FakeTab, eventName = 'tick'): () => void {
  const offStatus = tab.connection.subscribe(() => {});
  const offEvents = tab.connection.on(eventName, (message) => tab.received.push(message));
  return () => {
    offStatus();
    offEvents();
  };
}

const ids = (tab: FakeTab) => tab.received.map((message) => message.lastEventId);
const roles = () => browser.tabs.map((tab) => tab.connection.getSnapshot().tabs?.role);

describe('shareAcrossTabs: election', () => {
  it('opens one HTTP connection for three tabs; the followers get every event and the status', async () => {
    const tabs = [browser.openTab(), browser.openTab(), browser.openTab()];
    tabs.forEach((tab) => listen(tab));
    await settle();
    expect(openSources(browser)).toHaveLength(1);
    expect(roles()).toEqual(['leader', 'follower', 'follower']);
    const [source] = openSources(browser);
    source?.open();
    source?.emit('tick', '{"seq":1}', '1');
    source?.emit('tick', '{"seq":2}', '2');
    await settle();
    for (const tab of tabs) {
      expect(tab.connection.getSnapshot()).toMatchObject({ status: 'open', lastEventId: '2', tabs: { count: 3 } });
      expect(ids(tab)).toEqual(['1', '2']);
      expect(tab.received[1]).toEqual({ type: 'tick', data: '{"seq":2}', lastEventId: '2', origin: 'http://test.local' });
    }
  });

  it('relays errors and retries to followers as SSEError values', async () => {
    const [leader, follower] = [browser.openTab(), browser.openTab()];
    listen(leader);
    listen(follower);
    await settle();
    openSources(browser)[0]?.failNetwork();
    await settle();
    const snapshot = follower.connection.getSnapshot();
    expect(snapshot).toMatchObject({ status: 'reconnecting', retryCount: 1 });
    expect(snapshot.error).toBeInstanceOf(SSEError);
    expect(snapshot.error?.kind).toBe('network');
    expect(snapshot.error?.message).toBe(leader.connection.getSnapshot().error?.message);
    expect(snapshot.nextRetryAt).toBe(leader.connection.getSnapshot().nextRetryAt);
  });

  it('the leader listens for the event names its followers want', async () => {
    const [leader, follower] = [browser.openTab(), browser.openTab()];
    listen(leader, 'tick');
    listen(follower, 'alert');
    await settle();
    const [source] = openSources(browser);
    expect([...(source?.listeners.keys() ?? [])].sort()).toEqual(['alert', 'sse:reset', 'tick']);
    source?.emit('alert', 'fire', '7');
    await settle();
    expect(ids(follower)).toEqual(['7']);
    expect(ids(leader)).toEqual([]);
  });

  it('pauseWhenHidden pauses the shared stream only while no tab shows it', async () => {
    const [leader, follower] = [browser.openTab({ pauseWhenHidden: true }), browser.openTab({ pauseWhenHidden: true })];
    listen(leader);
    listen(follower);
    await settle();
    openSources(browser)[0]?.open();
    leader.visibility.set(false);
    await settle();
    expect(follower.connection.getSnapshot().status).toBe('open');
    follower.visibility.set(false);
    await settle();
    expect(follower.connection.getSnapshot().status).toBe('paused');
    expect(openSources(browser)).toHaveLength(0);
    follower.visibility.set(true);
    await settle();
    expect(openSources(browser)).toHaveLength(1);
    expect(leader.connection.getSnapshot().status).toBe('connecting');
  });

  it('keeps streams with another url or other request headers apart', async () => {
    listen(browser.openTab({ headers: { 'x-team': 'a' } }));
    listen(browser.openTab({ headers: { 'X-Team': 'a' } }));
    listen(browser.openTab({ headers: { 'x-team': 'b' } }));
    listen(browser.openTab({}, 'http://test.local/other'));
    await settle();
    expect(openSources(browser)).toHaveLength(3);
  });

  it("forwards a follower's reconnect() to the leader; a follower's close() stops only that tab", async () => {
    const [leader, follower, other] = [browser.openTab(), browser.openTab(), browser.openTab()];
    [leader, follower, other].forEach((tab) => listen(tab));
    await settle();
    openSources(browser)[0]?.open();
    follower.connection.reconnect();
    await settle();
    expect(browser.transports.sources).toHaveLength(2);
    expect(openSources(browser)).toHaveLength(1);
    follower.connection.close();
    await settle();
    expect(follower.connection.getSnapshot().status).toBe('closed');
    expect(openSources(browser)).toHaveLength(1);
    expect(other.connection.getSnapshot().tabs?.count).toBe(2);
  });

  it('counts tabs as they come and go', async () => {
    const leader = browser.openTab();
    listen(leader);
    const offB = listen(browser.openTab());
    await settle();
    expect(leader.connection.getSnapshot().tabs).toEqual({ role: 'leader', count: 2 });
    offB();
    await settle();
    expect(leader.connection.getSnapshot().tabs).toEqual({ role: 'leader', count: 1 });
    // A tab that vanishes without a goodbye (a crash) is counted out after a few missed announcements.
    const crashed = browser.openTab();
    listen(crashed);
    await settle();
    expect(leader.connection.getSnapshot().tabs?.count).toBe(2);
    crashed.freeze();
    await vi.advanceTimersByTimeAsync(3000);
    expect(leader.connection.getSnapshot().tabs?.count).toBe(1);
  });

  it('without Web Locks each tab connects on its own, and a development warning says why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const tabs = [browser.openTab({ environment: { locks: undefined } }), browser.openTab({ environment: { locks: undefined } })];
    tabs.forEach((tab) => listen(tab));
    await settle();
    expect(openSources(browser)).toHaveLength(2);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[@kit\/sse-react\] shareAcrossTabs: the Web Locks API .* this tab opens its own connection/));
    expect(tabs[0]?.connection.getSnapshot().tabs).toBeUndefined();
  });

  it('without BroadcastChannel, too', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    listen(browser.openTab({ environment: { BroadcastChannel: undefined } }));
    await settle();
    expect(openSources(browser)).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('BroadcastChannel is missing'));
  });

  it('touches nothing until the first subscriber, and lets go after the last', async () => {
    const tab = browser.openTab();
    await settle();
    expect(browser.bus.channels.size).toBe(0);
    expect(browser.locks.held.size).toBe(0);
    const off = listen(tab);
    await settle();
    expect(browser.locks.held.size).toBe(1);
    off();
    await settle();
    expect(tab.connection.getSnapshot().status).toBe('idle');
    expect(browser.bus.channels.size).toBe(0);
    expect(browser.locks.held.size).toBe(0);
    expect(openSources(browser)).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
