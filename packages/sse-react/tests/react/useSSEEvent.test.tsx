import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SSEProvider, useSSEEvent, useSSEStatus, type SSEError } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
import { createRenderCounter } from './support/renderCounter';
import { expectRenderToThrow } from './support/expectRenderToThrow';

interface Price {
  symbol: string;
  usd: number;
  at: number;
}

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

describe('useSSEEvent', () => {
  it('returns the latest value and gives a late-mounting component the current one', () => {
    const mock = createMockConnection();
    function Price({ testId }: { testId: string }) {
      const price = useSSEEvent<Price>('price');
      return <output data-testid={testId}>{price ? price.usd : 'none'}</output>;
    }
    function App() {
      const [late, setLate] = useState(false);
      return (
        <SSEProvider connection={mock}>
          <Price testId="early" />
          {late && <Price testId="late" />}
          <button onClick={() => setLate(true)}>mount</button>
        </SSEProvider>
      );
    }
    render(<App />);
    expect(screen.getByTestId('early').textContent).toBe('none');
    act(() => void mock.emit('price', { symbol: 'A', usd: 3, at: 1 }));
    expect(screen.getByTestId('early').textContent).toBe('3');
    act(() => screen.getByText('mount').click());
    expect(screen.getByTestId('late').textContent).toBe('3');
    // Both components share one listener on the connection.
    expect(mock.listenerCount('price')).toBe(1);
    expect(mock.subscribedNames()).toEqual(['price']);
  });

  it('renders a component listening to "a" zero times while 1000 "b" events arrive', () => {
    const mock = createMockConnection();
    const renders = createRenderCounter();
    function A() {
      renders.count('a');
      return <output>{String(useSSEEvent<number>('a'))}</output>;
    }
    function B() {
      renders.count('b');
      return <output>{String(useSSEEvent<number>('b'))}</output>;
    }
    render(
      <SSEProvider connection={mock}>
        <A />
        <B />
      </SSEProvider>,
    );
    renders.reset();
    for (let i = 0; i < 1000; i++) act(() => void mock.emit('b', i));
    expect(renders.get('a')).toBe(0);
    expect(renders.get('b')).toBe(1000);
    console.info(`[render counts] 1000 "b" events, one act each: A rendered ${renders.get('a')}, B rendered ${renders.get('b')}`);
  });

  it('does not re-render when the selected value does not change (select, isEqual)', () => {
    const mock = createMockConnection();
    const renders = createRenderCounter();
    const sameSymbol = (a: { symbol: string }, b: { symbol: string }) => a.symbol === b.symbol;
    function Usd() {
      renders.count('usd');
      const usd = useSSEEvent('price', { select: (p: Price) => p.usd });
      return <output data-testid="usd">{usd}</output>;
    }
    function Symbol() {
      renders.count('symbol');
      // A fresh object each time: only isEqual keeps it from re-rendering.
      const picked = useSSEEvent('price', { select: (p: Price) => ({ symbol: p.symbol }), isEqual: sameSymbol });
      return <output data-testid="symbol">{picked?.symbol}</output>;
    }
    render(
      <SSEProvider connection={mock}>
        <Usd />
        <Symbol />
      </SSEProvider>,
    );
    act(() => void mock.emit('price', { symbol: 'A', usd: 1, at: 0 }));
    renders.reset();
    for (let at = 1; at <= 100; at++) act(() => void mock.emit('price', { symbol: 'A', usd: 1, at }));
    expect(renders.get('usd')).toBe(0);
    expect(renders.get('symbol')).toBe(0);
    act(() => void mock.emit('price', { symbol: 'A', usd: 2, at: 101 }));
    expect(renders.get('usd')).toBe(1);
    expect(renders.get('symbol')).toBe(0);
    expect(screen.getByTestId('usd').textContent).toBe('2');
    console.info(`[render counts] 100 events with unchanged selection: select ${0}, select+isEqual ${0}; one changed usd: ${renders.get('usd')}`);
  });

  it('parses each event once however many components listen (50 listeners)', () => {
    const mock = createMockConnection();
    const parse = vi.fn((data: string) => JSON.parse(data) as number);
    function Listener() {
      return <span>{useSSEEvent('n', { parse })}</span>;
    }
    render(
      <SSEProvider connection={mock}>
        {Array.from({ length: 50 }, (_, i) => (
          <Listener key={i} />
        ))}
      </SSEProvider>,
    );
    for (let i = 0; i < 10; i++) act(() => void mock.emit('n', i));
    expect(parse).toHaveBeenCalledTimes(10);
    console.info(`[parse counts] 10 events x 50 listeners: parse ran ${parse.mock.calls.length} times`);
  });

  it('keeps the last good value on a parse failure, reports it, and goes on', () => {
    const mock = createMockConnection();
    const onError = vi.fn<(error: SSEError) => void>();
    function Value() {
      const value = useSSEEvent<{ n: number }>('v', { onError });
      const { parseError } = useSSEStatus();
      return (
        <>
          <output data-testid="value">{value?.n}</output>
          <output data-testid="error">{parseError ? `${parseError.kind}:${parseError.raw}` : 'ok'}</output>
        </>
      );
    }
    render(
      <SSEProvider connection={mock}>
        <Value />
      </SSEProvider>,
    );
    act(() => void mock.emit('v', { n: 1 }));
    act(() => void mock.emit('v', '{not json'));
    expect(screen.getByTestId('value').textContent).toBe('1');
    expect(screen.getByTestId('error').textContent).toBe('parse:{not json');
    expect(onError).toHaveBeenCalledTimes(1);
    const error = onError.mock.calls[0]![0];
    expect(error.kind).toBe('parse');
    expect(error.eventName).toBe('v');
    expect(error.message).toMatch(/^\[@kit\/sse-react\] Could not parse the data of event "v"/);
    act(() => void mock.emit('v', { n: 2 }));
    expect(screen.getByTestId('value').textContent).toBe('2');
    expect(screen.getByTestId('error').textContent).toBe('ok');
  });

  it('runs the handler form once per event with the latest handler and never re-renders', () => {
    const mock = createMockConnection();
    const renders = createRenderCounter();
    const seen: string[] = [];
    function Logger({ prefix }: { prefix: string }) {
      renders.count('logger');
      useSSEEvent<number>('tick', (value, message) => seen.push(`${prefix}${value}@${message.lastEventId}`));
      return null;
    }
    const { rerender } = render(
      <SSEProvider connection={mock}>
        <Logger prefix="a" />
      </SSEProvider>,
    );
    act(() => void mock.emit('tick', 1, { id: '1' }));
    rerender(
      <SSEProvider connection={mock}>
        <Logger prefix="b" />
      </SSEProvider>,
    );
    renders.reset();
    for (let i = 2; i <= 100; i++) act(() => void mock.emit('tick', i, { id: String(i) }));
    expect(seen[0]).toBe('a1@1');
    expect(seen[1]).toBe('b2@2');
    expect(seen).toHaveLength(100);
    expect(renders.get('logger')).toBe(0);
  });

  it('returns initialValue before the first event', () => {
    const mock = createMockConnection();
    function Count() {
      const count = useSSEEvent('count', { initialValue: 0 });
      return <output>{count}</output>;
    }
    render(
      <SSEProvider connection={mock}>
        <Count />
      </SSEProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('0');
    act(() => void mock.emit('count', 7));
    expect(screen.getByRole('status').textContent).toBe('7');
  });

  it('stops listening on unmount', () => {
    const mock = createMockConnection();
    function Value() {
      useSSEEvent('x');
      return null;
    }
    const { unmount } = render(
      <SSEProvider connection={mock}>
        <Value />
        <Value />
      </SSEProvider>,
    );
    expect(mock.listenerCount('x')).toBe(1);
    unmount();
    expect(mock.listenerCount()).toBe(0);
  });

  it('throws a helpful error outside a provider without a url', () => {
    function Orphan() {
      useSSEEvent('x');
      return null;
    }
    expectRenderToThrow(<Orphan />, '[@kit/sse-react] useSSEEvent("x") needs an <SSEProvider> above it, or pass a url.');
  });
});
