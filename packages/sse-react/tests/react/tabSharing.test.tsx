import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SSEProvider,
  useEventSource,
  useSSEEvent,
  useSSEStatus,
  type EventSourceState,
  type SSEStatusSnapshot,
} from '@kit/sse-react';
import { openSources, installFakeBrowser, type FakeBrowser, type FakeTab } from '../core/tabSharingFakes';

let browser: FakeBrowser;
installFakeBrowser((created) => (browser = created));
afterEach(cleanup);

const settle = () => act(() => vi.advanceTimersByTimeAsync(5));

interface Seen {
  status?: SSEStatusSnapshot;
  lastEventId?: string;
  ticks: number[];
}

/** One tab's app: a provider with shareAcrossTabs, a status reader and a tick reader. */
function renderTab(tab: FakeTab, seen: Seen) {
  function Status() {
    seen.status = useSSEStatus();
    seen.lastEventId = useEventSource().lastEventId;
    return null;
  }
  function Ticks() {
    useSSEEvent<{ seq: number }>('tick', (tick) => seen.ticks.push(tick.seq));
    return null;
  }
  return render(
    <SSEProvider url="/api/stream" options={{ shareAcrossTabs: true, closeDelay: 0, environment: tab.environment }}>
      <Status />
      <Ticks />
    </SSEProvider>,
  );
}

describe('<SSEProvider options={{ shareAcrossTabs: true }}>', () => {
  it('three tabs share one connection; each renders the events, its role and the tab count', async () => {
    const tabs = [0, 1, 2].map(() => browser.openTab());
    const seen: Seen[] = tabs.map(() => ({ ticks: [] }));
    tabs.forEach((tab, index) => renderTab(tab, seen[index] as Seen));
    await settle();
    expect(openSources(browser)).toHaveLength(1);
    const [source] = openSources(browser);
    act(() => {
      source?.open();
      source?.emit('tick', '{"seq":1}', '1');
      source?.emit('tick', '{"seq":2}', '2');
    });
    await settle();
    expect(seen.map((entry) => entry.ticks)).toEqual([[1, 2], [1, 2], [1, 2]]);
    expect(seen.map((entry) => entry.status?.tabs)).toEqual([
      { role: 'leader', count: 3 },
      { role: 'follower', count: 3 },
      { role: 'follower', count: 3 },
    ]);
    expect(seen.map((entry) => entry.status?.status)).toEqual(['open', 'open', 'open']);
    expect(seen[2]?.lastEventId).toBe('2');
  });

  it('unmounting the leading tab hands over; the others go on without a gap or a duplicate', async () => {
    const tabs = [0, 1].map(() => browser.openTab());
    const seen: Seen[] = tabs.map(() => ({ ticks: [] }));
    const views = tabs.map((tab, index) => renderTab(tab, seen[index] as Seen));
    await settle();
    const first = openSources(browser)[0];
    act(() => {
      first?.open();
      first?.emit('tick', '{"seq":1}', '1');
    });
    await settle();
    views[0]?.unmount();
    await settle();
    const second = openSources(browser)[0];
    expect(second).not.toBe(first);
    expect(second?.init.lastEventId).toBe('1');
    act(() => {
      second?.open();
      second?.emit('tick', '{"seq":2}', '2');
    });
    await settle();
    expect(seen[1]?.ticks).toEqual([1, 2]);
    expect(seen[1]?.status?.tabs).toEqual({ role: 'leader', count: 1 });
  });

  it('is off by default: without the option each provider connects on its own', async () => {
    const tabs = [0, 1].map(() => browser.openTab());
    tabs.forEach((tab) =>
      render(
        <SSEProvider url="/api/stream" options={{ environment: tab.environment }}>
          <Probe />
        </SSEProvider>,
      ),
    );
    function Probe() {
      useSSEEvent('tick', () => {});
      return null;
    }
    await settle();
    expect(openSources(browser)).toHaveLength(2);
  });
});

describe('useEventSource(url, { shareAcrossTabs: true })', () => {
  it('shares one connection between tabs and exposes the status as a local one would', async () => {
    const tabs = [0, 1].map(() => browser.openTab());
    const states: Array<EventSourceState<{ seq: number }> | undefined> = [];
    tabs.forEach((tab, index) => {
      function Probe() {
        states[index] = useEventSource<{ seq: number }>('/api/stream', {
          events: ['tick'],
          shareAcrossTabs: true,
          environment: tab.environment,
        });
        return null;
      }
      render(<Probe />);
    });
    await settle();
    expect(openSources(browser)).toHaveLength(1);
    act(() => {
      openSources(browser)[0]?.open();
      openSources(browser)[0]?.emit('tick', '{"seq":7}', '7');
    });
    await settle();
    for (const state of states) expect(state).toMatchObject({ status: 'open', data: { seq: 7 }, lastEventId: '7' });
    act(() => openSources(browser)[0]?.failHttp(500));
    await settle();
    expect(states[1]).toMatchObject({ status: 'reconnecting', retryCount: 1 });
    expect(states[1]?.error?.status).toBe(500);
  });
});
