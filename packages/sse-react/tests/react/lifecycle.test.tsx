import { act, cleanup, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SSEProvider, useEventSource, useSSEEvent, type ConnectionOptions } from '@kit/sse-react';
import type { EventSourceLike } from '@kit/sse-react/core';

/** Counts what the real core opens and closes; nothing touches the network. */
function createFakeEventSource() {
  const stats = { created: 0, open: 0 };
  class FakeEventSource implements EventSourceLike {
    readyState = 0;
    onopen: ((event: Event) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    constructor(readonly url: string) {
      stats.created++;
      stats.open++;
    }
    addEventListener() {}
    removeEventListener() {}
    close() {
      if (this.readyState === 2) return;
      this.readyState = 2;
      stats.open--;
    }
  }
  return { stats, FakeEventSource };
}

let fake: ReturnType<typeof createFakeEventSource>;
let options: ConnectionOptions;
beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeEventSource();
  options = { transport: 'native', environment: { EventSource: fake.FakeEventSource } };
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Listener() {
  useSSEEvent('tick');
  return null;
}

describe('mount and unmount', () => {
  it('1000 provider mount/unmount cycles leave zero open connections and zero pending timers', () => {
    function App({ mounted }: { mounted: boolean }) {
      return mounted ? (
        <SSEProvider url="http://sse.test/stream" options={{ ...options }}>
          <Listener />
        </SSEProvider>
      ) : null;
    }
    // One root, 1000 mounts and unmounts of the provider (a fresh one each time).
    const { rerender, unmount } = render(<App mounted={false} />);
    for (let i = 0; i < 1000; i++) {
      rerender(<App mounted />);
      rerender(<App mounted={false} />);
      act(() => vi.advanceTimersByTime(1));
    }
    unmount();
    act(() => vi.advanceTimersByTime(1000));
    expect(fake.stats.open).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    console.info(`[lifecycle] 1000 provider cycles: ${fake.stats.created} EventSource created, ${fake.stats.open} open, ${vi.getTimerCount()} timers after closeDelay`);
  }, 30_000);

  it('1000 standalone hook cycles reuse one shared connection and clean up after closeDelay', () => {
    function Standalone() {
      useEventSource('http://sse.test/shared', { ...options });
      return null;
    }
    function App({ mounted }: { mounted: boolean }) {
      return <StrictMode>{mounted && <Standalone />}</StrictMode>;
    }
    const { rerender, unmount } = render(<App mounted={false} />);
    for (let i = 0; i < 1000; i++) {
      rerender(<App mounted />);
      rerender(<App mounted={false} />);
      act(() => vi.advanceTimersByTime(1));
    }
    unmount();
    expect(fake.stats.created).toBe(1);
    act(() => vi.advanceTimersByTime(1000));
    expect(fake.stats.open).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    console.info(`[lifecycle] 1000 StrictMode standalone cycles: ${fake.stats.created} EventSource created, ${fake.stats.open} open, ${vi.getTimerCount()} timers after closeDelay`);
  }, 30_000);

  it('StrictMode opens one connection for a provider', () => {
    render(
      <StrictMode>
        <SSEProvider url="http://sse.test/stream" options={options}>
          <Listener />
          <Listener />
        </SSEProvider>
      </StrictMode>,
    );
    act(() => vi.advanceTimersByTime(5000));
    expect(fake.stats.created).toBe(1);
    expect(fake.stats.open).toBe(1);
  });

  it('recreates the provider connection only when url or options change by value', () => {
    function App({ team, url = 'http://sse.test/stream' }: { team: string; url?: string }) {
      // Inline object, inline function, inline nested record: all re-made on every render.
      return (
        <SSEProvider url={url} options={{ ...options, backoff: () => 10, headers: { 'x-team': team }, lastEventId: '' }}>
          <Listener />
        </SSEProvider>
      );
    }
    const { rerender } = render(<App team="a" />);
    for (let i = 0; i < 10; i++) rerender(<App team="a" />);
    expect(fake.stats.created).toBe(1);
    rerender(<App team="b" />);
    expect(fake.stats.created).toBe(2);
    rerender(<App team="b" url="http://sse.test/other" />);
    expect(fake.stats.created).toBe(3);
    act(() => vi.advanceTimersByTime(1000));
    // The replaced ones closed after closeDelay; only the current one stays open.
    expect(fake.stats.open).toBe(1);
  });

  it('nested providers each own their connection', () => {
    function Inner() {
      return (
        <SSEProvider url="http://sse.test/inner" options={options}>
          <Listener />
        </SSEProvider>
      );
    }
    render(
      <SSEProvider url="http://sse.test/outer" options={options}>
        <Listener />
        <Inner />
      </SSEProvider>,
    );
    expect(fake.stats.created).toBe(2);
  });
});
