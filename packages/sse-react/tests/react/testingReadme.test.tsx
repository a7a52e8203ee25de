import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConnectionStatus,
  createSSEHooks,
  SSEError,
  SSEEvent,
  SSEProvider,
  useEventSource,
  useSSEBuffer,
  useSSEEvent,
  useSSEReset,
  useSSEStatus,
  type SSEReset,
} from '@kit/sse-react';
import { createMockConnection, nextBufferFlush } from '@kit/sse-react/testing';

// Written from the README's "Testing your components" section only: one test per hook, each
// asserting right after `act`, or after the one documented await / fake-timer step.
afterEach(cleanup);
afterEach(() => void vi.useRealTimers());

interface Metrics {
  cpu: number;
  memory: number;
}

function Cpu() {
  const cpu = useSSEEvent('metrics', { select: (m: Metrics) => m.cpu, initialValue: 0 });
  return <p>CPU {Math.round(cpu * 100)} %</p>;
}

function Alerts() {
  const alerts = useSSEBuffer<{ text: string }>('alert', { max: 50 });
  return (
    <ul>
      {alerts.map((alert, i) => (
        <li key={i}>{alert.text}</li>
      ))}
    </ul>
  );
}

describe('testing with createMockConnection, synchronously', () => {
  it('useSSEEvent (value form): rendered when act returns', () => {
    const mock = createMockConnection();
    render(<SSEProvider connection={mock}><Cpu /></SSEProvider>);
    expect(screen.getByText('CPU 0 %')).toBeTruthy();
    act(() => void mock.emit('metrics', { cpu: 0.5, memory: 0.2 }, { id: '42' }));
    expect(screen.getByText('CPU 50 %')).toBeTruthy();
    expect(mock.listenerCount('metrics')).toBe(1);
    expect(mock.subscribedNames()).toEqual(['metrics']);
  });

  it('useSSEEvent (handler form): called during act, with the message', () => {
    const mock = createMockConnection();
    const toasts: string[] = [];
    function Toasts() {
      useSSEEvent('alert', (alert: { text: string }, message) => toasts.push(`${alert.text} (#${message.lastEventId})`));
      return null;
    }
    render(<SSEProvider connection={mock}><Toasts /></SSEProvider>);
    act(() => void mock.emit('alert', { text: 'disk full' }, { id: '7' }));
    expect(toasts).toEqual(['disk full (#7)']);
  });

  it('<SSEEvent>: rendered when act returns', () => {
    const mock = createMockConnection();
    render(
      <SSEProvider connection={mock}>
        <SSEEvent name="metrics" select={(m: Metrics) => m.cpu} fallback={<span>…</span>}>
          {(cpu) => <span>{cpu} %</span>}
        </SSEEvent>
      </SSEProvider>,
    );
    expect(screen.getByText('…')).toBeTruthy();
    act(() => void mock.emit('metrics', { cpu: 12, memory: 1 }));
    expect(screen.getByText('12 %')).toBeTruthy();
  });

  it('useEventSource() with no url reads the provider: data, status, close and reconnect', () => {
    const mock = createMockConnection();
    function Feed() {
      const { status, data, lastEventId, close, reconnect } = useEventSource<{ title: string }>(undefined, { events: ['news'] });
      return (
        <div>
          <p>{status}: {data?.title} (#{lastEventId})</p>
          <button onClick={close}>Stop</button>
          <button onClick={reconnect}>Retry</button>
        </div>
      );
    }
    render(<SSEProvider connection={mock}><Feed /></SSEProvider>);
    act(() => mock.setStatus('open'));
    act(() => void mock.emit('news', { title: 'Deploy done' }, { id: '9' }));
    expect(screen.getByText('open: Deploy done (#9)')).toBeTruthy();
    act(() => screen.getByText('Stop').click());
    act(() => screen.getByText('Retry').click());
    expect(mock.calls).toEqual({ close: 1, reconnect: 1 });
  });

  it('useSSEStatus: rendered when act returns', () => {
    const mock = createMockConnection();
    function Banner() {
      const { status, error, retryCount } = useSSEStatus();
      return status === 'reconnecting' ? <p>Reconnecting (attempt {retryCount}): {error?.message}</p> : <p>{status}</p>;
    }
    render(<SSEProvider connection={mock}><Banner /></SSEProvider>);
    act(() => mock.setStatus('open'));
    expect(screen.getByText('open')).toBeTruthy();
    act(() => mock.fail(new SSEError('network', 'gone')));
    expect(screen.getByText('Reconnecting (attempt 1): [@kit/sse-react] gone')).toBeTruthy();
    expect(mock.statusListenerCount()).toBe(1);
  });

  it('<ConnectionStatus>: the label at once, the countdown with fake timers', () => {
    vi.useFakeTimers();
    const mock = createMockConnection();
    render(<SSEProvider connection={mock}><ConnectionStatus /></SSEProvider>);
    act(() => mock.setStatus('open'));
    expect(screen.getByRole('status').textContent).toBe('Live');
    act(() => mock.fail(new SSEError('network', 'gone'), { nextRetryAt: Date.now() + 3000 }));
    expect(screen.getByRole('status').textContent).toBe('Reconnecting in 3 s');
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByRole('status').textContent).toBe('Reconnecting in 2 s');
  });

  it('useSSEReset: called during act by emitReset, with the snapshot updated', () => {
    const mock = createMockConnection();
    const resets: SSEReset[] = [];
    function Refetcher() {
      useSSEReset((reset) => resets.push(reset));
      const { resets: count } = useSSEStatus();
      return <p>resets {count}</p>;
    }
    render(<SSEProvider connection={mock}><Refetcher /></SSEProvider>);
    act(() => void mock.emit('metrics', { cpu: 0.1, memory: 0.1 }, { id: 'e1.41' }));
    act(() => void mock.emitReset('foreign-epoch', { id: 'e2.0' }));
    expect(resets).toEqual([expect.objectContaining({ reason: 'foreign-epoch', lastEventId: 'e1.41' })]);
    expect(screen.getByText('resets 1')).toBeTruthy();
    expect(mock.getSnapshot()).toMatchObject({ resets: 1, lastEventId: 'e2.0', lastReset: resets[0] });
  });

  it('the hooks of createSSEHooks: rendered when act returns', () => {
    interface Events {
      metrics: Metrics;
      log: { line: string };
    }
    const typed = createSSEHooks<Events>();
    function Memory() {
      const memory = typed.useSSEEvent('metrics', { select: (m) => m.memory, initialValue: 0 });
      return <p>memory {memory}</p>;
    }
    const mock = createMockConnection();
    render(<typed.SSEProvider connection={mock}><Memory /></typed.SSEProvider>);
    act(() => void mock.emit('metrics', { cpu: 0.1, memory: 0.7 }));
    expect(screen.getByText('memory 0.7')).toBeTruthy();
  });
});

describe('testing useSSEBuffer', () => {
  it('with one await: nextBufferFlush() after the buffer frame (real timers)', async () => {
    const mock = createMockConnection();
    render(<SSEProvider connection={mock}><Alerts /></SSEProvider>);
    act(() => void mock.emit('alert', { text: 'critical: disk full' }));
    // Not yet: this is the mistake the README warns about.
    expect(screen.getByRole('list').textContent).toBe('');
    await act(() => nextBufferFlush());
    expect(screen.getByRole('list').textContent).toContain('critical: disk full');
  });

  it('with one await: nextBufferFlush(250) for a buffer with { flush: 250 }', async () => {
    const mock = createMockConnection();
    function Lines() {
      const lines = useSSEBuffer<{ line: string }>('log', { max: 200, flush: 250 });
      return <pre>{lines.map((l) => l.line).join('|')}</pre>;
    }
    render(<SSEProvider connection={mock}><Lines /></SSEProvider>);
    act(() => {
      mock.emit('log', { line: 'a' });
      mock.emit('log', { line: 'b' });
    });
    await act(() => nextBufferFlush(250));
    expect(screen.getByText('a|b')).toBeTruthy();
  });

  it('with fake timers: advanceTimersToNextFrame, synchronously', () => {
    vi.useFakeTimers();
    const mock = createMockConnection();
    render(<SSEProvider connection={mock}><Alerts /></SSEProvider>);
    act(() => void mock.emit('alert', { text: 'critical: disk full' }));
    act(() => vi.advanceTimersToNextFrame());
    expect(screen.getByRole('list').textContent).toContain('critical: disk full');
  });

  it('nextBufferFlush under fake timers throws and says what to call instead', () => {
    vi.useFakeTimers();
    expect(() => nextBufferFlush()).toThrow(
      '[@kit/sse-react] nextBufferFlush() waits for a real animation frame, but fake timers are installed, so it would never resolve. Advance them instead: act(() => vi.advanceTimersToNextFrame()) (Jest: jest.advanceTimersToNextFrame()).',
    );
    expect(() => nextBufferFlush(250)).toThrow(/act\(\(\) => vi\.advanceTimersByTime\(250\)\)/);
  });

  it('nextBufferFlush refuses a bad flushMs', () => {
    expect(() => nextBufferFlush(-1)).toThrow('[@kit/sse-react] nextBufferFlush(flushMs): flushMs must be a number of milliseconds >= 0, got -1.');
  });
});
