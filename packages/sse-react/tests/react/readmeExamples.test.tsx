import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { ConnectionStatus, createSSEHooks, SSEError, SSEProvider, useSSEBuffer, useSSEEvent } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';

// The README's examples, run as written (with the mock connection in place of a server).
afterEach(cleanup);

interface Metrics {
  cpu: number;
  memory: number;
}

function Cpu() {
  const cpu = useSSEEvent('metrics', { select: (m: Metrics) => m.cpu, initialValue: 0 });
  return <p>CPU {Math.round(cpu * 100)} %</p>;
}

it('quick start and testing kit', () => {
  const mock = createMockConnection();
  render(
    <SSEProvider connection={mock}>
      <ConnectionStatus />
      <Cpu />
    </SSEProvider>,
  );
  act(() => mock.setStatus('open'));
  act(() => void mock.emit('metrics', { cpu: 0.5, memory: 0.2 }, { id: '42' }));
  expect(screen.getByText('CPU 50 %')).toBeTruthy();
  act(() => mock.fail(new SSEError('network', 'gone'), { nextRetryAt: Date.now() + 3000 }));
  expect(screen.getByRole('status').textContent).toMatch(/^Reconnecting in [23] s$/);
  expect(mock.listenerCount('metrics')).toBe(1);
  expect(mock.subscribedNames()).toEqual(['metrics']);
  expect(mock.statusListenerCount()).toBe(1);
  expect(mock.calls).toEqual({ close: 0, reconnect: 0 });
});

it('useSSEEvent options, the buffer and typed hooks', () => {
  const parseTemperature = (data: string) => {
    const celsius = Number(data);
    if (Number.isNaN(celsius)) throw new TypeError('not a number');
    return celsius;
  };
  const errors: SSEError[] = [];
  function Temperature() {
    const celsius = useSSEEvent('temperature', {
      parse: parseTemperature,
      select: (value) => Math.round(value),
      isEqual: (a, b) => a === b,
      initialValue: 20,
      onError: (error: SSEError) => errors.push(error),
    });
    return <p>{celsius} °C</p>;
  }
  function LogTail() {
    const lines = useSSEBuffer<{ line: string }>('log', { max: 200, flush: 0 });
    return <pre>{lines.map((l) => l.line).join('|')}</pre>;
  }
  interface Events {
    metrics: Metrics;
  }
  const typed = createSSEHooks<Events>();
  function TypedCpu() {
    const cpu = typed.useSSEEvent('metrics', { select: (m) => m.cpu, initialValue: 0 });
    return <span>typed {cpu}</span>;
  }
  const mock = createMockConnection();
  render(
    <typed.SSEProvider connection={mock}>
      <Temperature />
      <LogTail />
      <TypedCpu />
    </typed.SSEProvider>,
  );
  expect(screen.getByText('20 °C')).toBeTruthy();
  act(() => void mock.emit('temperature', '21.6'));
  expect(screen.getByText('22 °C')).toBeTruthy();
  act(() => void mock.emit('temperature', 'n/a'));
  expect(screen.getByText('22 °C')).toBeTruthy();
  expect(errors.map((error) => [error.kind, error.raw, error.eventName])).toEqual([['parse', 'n/a', 'temperature']]);
  act(() => void mock.emit('metrics', { cpu: 0.25, memory: 0 }));
  expect(screen.getByText('typed 0.25')).toBeTruthy();
});
