import { describe, expect, it, vi } from 'vitest';
import type { WakeSource } from '@kit/sse-react/core';
import { openSources, settle, installFakeBrowser, type FakeBrowser, type FakeTab } from './tabSharingFakes';

// environment.pageLifecycle: the Page Lifecycle events reach tab sharing through the environment,
// one fake page per tab here (tabSharing.handover stubs a global document instead).
interface FakePageEvent extends WakeSource {
  fire(): void;
  readonly listeners: number;
}

function fakePageEvent(): FakePageEvent {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire: () => [...listeners].forEach((listener) => listener()),
    get listeners() {
      return listeners.size;
    },
  };
}

function fakePage() {
  return { freeze: fakePageEvent(), resume: fakePageEvent(), pagehide: fakePageEvent() };
}

let browser: FakeBrowser;
installFakeBrowser((created) => (browser = created));

const role = (tab: FakeTab) => tab.connection.getSnapshot().tabs?.role;

async function twoTabs() {
  const pages = [fakePage(), fakePage()] as const;
  const tabs = pages.map((page) => browser.openTab({ environment: { pageLifecycle: page } }));
  for (const tab of tabs) tab.connection.on('tick', (message) => tab.received.push(message));
  await settle();
  const first = openSources(browser)[0];
  if (first === undefined) throw new Error('no leader transport');
  first.open();
  first.emit('tick', '1', '1');
  await settle();
  return { pages, tabs, first };
}

describe('shareAcrossTabs: environment.pageLifecycle', () => {
  it('a leader whose page freezes hands over at once, and queues again when it resumes', async () => {
    const { pages, tabs, first } = await twoTabs();
    expect(tabs.map(role)).toEqual(['leader', 'follower']);
    pages[0].freeze.fire();
    await settle();
    expect(first.closed).toBe(true);
    expect(tabs.map(role)).toEqual(['follower', 'leader']);
    expect(openSources(browser).map((source) => source.init.lastEventId)).toEqual(['1']);
    pages[0].resume.fire();
    await vi.advanceTimersByTimeAsync(1000);
    expect(tabs.map(role)).toEqual(['follower', 'leader']);
    expect(openSources(browser)).toHaveLength(1);
  });

  it('a follower whose page freezes stays a follower', async () => {
    const { pages, tabs, first } = await twoTabs();
    pages[1].freeze.fire();
    await settle();
    expect(tabs.map(role)).toEqual(['leader', 'follower']);
    expect(first.closed).toBe(false);
  });

  it('a page that hides is counted out by the other tabs at once', async () => {
    const { pages, tabs } = await twoTabs();
    expect(tabs[0]?.connection.getSnapshot().tabs?.count).toBe(2);
    pages[1].pagehide.fire();
    await settle();
    expect(tabs[0]?.connection.getSnapshot().tabs?.count).toBe(1);
  });

  it('listens only while the connection runs', async () => {
    const { pages, tabs } = await twoTabs();
    expect(pages[0].freeze.listeners).toBe(1);
    tabs[0]?.connection.close();
    expect([pages[0].freeze.listeners, pages[0].resume.listeners, pages[0].pagehide.listeners]).toEqual([0, 0, 0]);
  });
});
