// The value lives in React state set by the feed's listener (not useSyncExternalStore): these pin
// down the cases where what the listener compares with and what the screen shows could drift apart.
import { act, cleanup, render, screen } from '@testing-library/react';
import { useLayoutEffect, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SSEProvider, useSSEEvent } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
import { createRenderCounter } from './support/renderCounter';

afterEach(cleanup);

interface Pair {
  a: number;
  b: number;
}

describe('useSSEEvent state', () => {
  it('shows the last of several events delivered before React renders, even when it returns to the shown value', () => {
    const mock = createMockConnection();
    const renders = createRenderCounter();
    function Value() {
      renders.count('value');
      return <output data-testid="v">{useSSEEvent<number>('n') ?? '-'}</output>;
    }
    render(
      <SSEProvider connection={mock}>
        <Value />
      </SSEProvider>,
    );
    act(() => void mock.emit('n', 1));
    expect(screen.getByTestId('v').textContent).toBe('1');
    // One act: the three events are batched into one render.
    act(() => {
      mock.emit('n', 2);
      mock.emit('n', 3);
      mock.emit('n', 1);
    });
    expect(screen.getByTestId('v').textContent).toBe('1');
    renders.reset();
    act(() => void mock.emit('n', 1));
    expect(renders.get('value')).toBe(0);
    act(() => void mock.emit('n', 4));
    expect(screen.getByTestId('v').textContent).toBe('4');
    expect(renders.get('value')).toBe(1);
  });

  it('a select that changes with a prop reads the latest event, also after events its old select found equal', () => {
    const mock = createMockConnection();
    let pick: (key: keyof Pair) => void = () => {};
    function Field() {
      const [key, setKey] = useState<keyof Pair>('a');
      pick = setKey;
      const value = useSSEEvent('pair', { select: (pair: Pair) => pair[key] });
      return <output data-testid="f">{value ?? '-'}</output>;
    }
    render(
      <SSEProvider connection={mock}>
        <Field />
      </SSEProvider>,
    );
    act(() => void mock.emit('pair', { a: 1, b: 1 }));
    // `a` is unchanged: no render, but `b` moved on.
    act(() => void mock.emit('pair', { a: 1, b: 2 }));
    act(() => pick('b'));
    expect(screen.getByTestId('f').textContent).toBe('2');
    // The old select's value (1) equals the next `b`: the listener must compare with what shows (2).
    act(() => void mock.emit('pair', { a: 5, b: 1 }));
    expect(screen.getByTestId('f').textContent).toBe('1');
  });

  it('catches up on an event that arrived between its render and its subscription', () => {
    const mock = createMockConnection();
    function Value({ testId }: { testId: string }) {
      return <output data-testid={testId}>{useSSEEvent<number>('n') ?? '-'}</output>;
    }
    // Layout effects run after the late component rendered and before its (passive) subscription.
    function EmitOnMount() {
      useLayoutEffect(() => void mock.emit('n', 7), []);
      return null;
    }
    function App({ late }: { late: boolean }) {
      return (
        <SSEProvider connection={mock}>
          <Value testId="early" />
          {late && <Value testId="late" />}
          {late && <EmitOnMount />}
        </SSEProvider>
      );
    }
    const { rerender } = render(<App late={false} />);
    act(() => void mock.emit('n', 6));
    act(() => rerender(<App late />));
    expect(screen.getByTestId('early').textContent).toBe('7');
    expect(screen.getByTestId('late').textContent).toBe('7');
  });

  it('switches to another event name and shows that name’s latest value', () => {
    const mock = createMockConnection();
    function Value({ name }: { name: string }) {
      return <output data-testid="v">{useSSEEvent<number>(name) ?? '-'}</output>;
    }
    function App({ name }: { name: string }) {
      return (
        <SSEProvider connection={mock}>
          <Value name={name} />
          <Value name="b" />
        </SSEProvider>
      );
    }
    const { rerender } = render(<App name="a" />);
    act(() => {
      mock.emit('a', 1);
      mock.emit('b', 2);
    });
    expect(screen.getAllByTestId('v').map((node) => node.textContent)).toEqual(['1', '2']);
    rerender(<App name="b" />);
    expect(screen.getAllByTestId('v').map((node) => node.textContent)).toEqual(['2', '2']);
    act(() => void mock.emit('b', 3));
    act(() => void mock.emit('a', 9));
    expect(screen.getAllByTestId('v').map((node) => node.textContent)).toEqual(['3', '3']);
    expect(mock.subscribedNames()).toEqual(['b']);
  });
});
