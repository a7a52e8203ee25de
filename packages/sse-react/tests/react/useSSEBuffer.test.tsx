import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SSEProvider, useSSEBuffer } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
import { createRenderCounter } from './support/renderCounter';
import { expectRenderToThrow } from './support/expectRenderToThrow';

afterEach(cleanup);
beforeEach(() => {
  vi.useFakeTimers();
  return () => vi.useRealTimers();
});

describe('useSSEBuffer', () => {
  it('keeps all of 1000 events pushed in one tick and renders once for them', () => {
    const mock = createMockConnection();
    const renders = createRenderCounter();
    let latest: readonly number[] = [];
    function Log() {
      renders.count('log');
      latest = useSSEBuffer<number>('n', { max: 1000 });
      return <output>{latest.length}</output>;
    }
    render(
      <SSEProvider connection={mock}>
        <Log />
      </SSEProvider>,
    );
    renders.reset();
    act(() => {
      for (let i = 0; i < 1000; i++) mock.emit('n', i);
    });
    expect(renders.get('log')).toBe(0);
    act(() => vi.advanceTimersToNextFrame());
    expect(renders.get('log')).toBe(1);
    expect(latest).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(screen.getByRole('status').textContent).toBe('1000');
    console.info(`[render counts] useSSEBuffer, 1000 events in one tick: ${renders.get('log')} render, ${latest.length} values kept`);
  });

  it('keeps only the last max values, in order', () => {
    const mock = createMockConnection();
    let latest: readonly number[] = [];
    function Log() {
      latest = useSSEBuffer<number>('n', { max: 3 });
      return null;
    }
    render(
      <SSEProvider connection={mock}>
        <Log />
      </SSEProvider>,
    );
    act(() => {
      for (let i = 0; i < 5000; i++) mock.emit('n', i);
    });
    act(() => vi.advanceTimersToNextFrame());
    expect(latest).toEqual([4997, 4998, 4999]);
    act(() => void mock.emit('n', 5000));
    act(() => vi.advanceTimersToNextFrame());
    expect(latest).toEqual([4998, 4999, 5000]);
  });

  it('re-renders at most once per flush interval', () => {
    const mock = createMockConnection();
    const renders = createRenderCounter();
    let latest: readonly number[] = [];
    function Log() {
      renders.count('log');
      latest = useSSEBuffer<number>('n', { max: 100, flush: 250 });
      return null;
    }
    render(
      <SSEProvider connection={mock}>
        <Log />
      </SSEProvider>,
    );
    renders.reset();
    // 20 events, one every 25 ms: 500 ms at a 250 ms flush is two renders.
    for (let i = 0; i < 20; i++) {
      act(() => {
        mock.emit('n', i);
        vi.advanceTimersByTime(25);
      });
    }
    expect(renders.get('log')).toBe(2);
    expect(latest).toHaveLength(20);
  });

  it('leaves no timer behind on unmount', () => {
    const mock = createMockConnection();
    function Log() {
      useSSEBuffer('n', { max: 10 });
      return null;
    }
    const { unmount } = render(
      <SSEProvider connection={mock}>
        <Log />
      </SSEProvider>,
    );
    act(() => void mock.emit('n', 1));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
    expect(mock.listenerCount()).toBe(0);
  });

  it('throws in development on a negative max', () => {
    function Bad() {
      useSSEBuffer('n', { max: -1 });
      return null;
    }
    expectRenderToThrow(
      <SSEProvider connection={createMockConnection()}>
        <Bad />
      </SSEProvider>,
      '[@kit/sse-react] useSSEBuffer("n"): max must be an integer >= 0, got -1.',
    );
  });

  it('skips the check in production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      let latest: readonly unknown[] | undefined;
      function Lenient() {
        latest = useSSEBuffer('n', { max: -1 });
        return null;
      }
      render(
        <SSEProvider connection={createMockConnection()}>
          <Lenient />
        </SSEProvider>,
      );
      expect(latest).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
