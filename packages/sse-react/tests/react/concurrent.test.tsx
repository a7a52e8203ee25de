import { act, cleanup, render, screen } from '@testing-library/react';
import { Suspense, useState, useTransition } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SSEProvider, useSSEEvent } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';

afterEach(cleanup);

function Value({ name, testId }: { name: string; testId: string }) {
  const value = useSSEEvent<number>(name);
  return <output data-testid={testId}>{value ?? '-'}</output>;
}

describe('concurrent React', () => {
  it('works inside a Suspense boundary that suspends, starting from the current value', async () => {
    const mock = createMockConnection();
    let resolve = () => {};
    const ready = new Promise<void>((done) => (resolve = done));
    let loaded = false;
    void ready.then(() => (loaded = true));
    function Lazy() {
      if (!loaded) throw ready;
      return <Value name="n" testId="inside" />;
    }
    render(
      <SSEProvider connection={mock}>
        <Value name="n" testId="outside" />
        <Suspense fallback={<p>loading</p>}>
          <Lazy />
        </Suspense>
      </SSEProvider>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    act(() => void mock.emit('n', 1));
    await act(async () => {
      resolve();
      await ready;
    });
    expect(screen.getByTestId('inside').textContent).toBe('1');
    act(() => void mock.emit('n', 2));
    expect(screen.getByTestId('inside').textContent).toBe('2');
    expect(screen.getByTestId('outside').textContent).toBe('2');
    expect(mock.listenerCount('n')).toBe(1);
  });

  it('switches the event name inside a transition without tearing', async () => {
    const mock = createMockConnection();
    let switchTo: (name: string) => void = () => {};
    function Switcher() {
      const [name, setName] = useState('a');
      const [, startTransition] = useTransition();
      switchTo = (next) => startTransition(() => setName(next));
      return (
        <>
          <Value name={name} testId="one" />
          <Value name={name} testId="two" />
        </>
      );
    }
    render(
      <SSEProvider connection={mock}>
        <Switcher />
        <Value name="b" testId="keep-b-listened" />
      </SSEProvider>,
    );
    act(() => {
      mock.emit('a', 1);
      mock.emit('b', 10);
    });
    await act(async () => switchTo('b'));
    expect(screen.getByTestId('one').textContent).toBe('10');
    expect(screen.getByTestId('two').textContent).toBe('10');
    expect(mock.subscribedNames()).toEqual(['b']);
  });
});
