import { act, cleanup, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SSEProvider, useSSEEvent, useSSEReset, type SSEReset } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
import { fakeWorld, type FakeWorld } from '../core/connectionFakes';

afterEach(cleanup);

it('calls the latest callback on every reset with the reason, and stops after unmount', () => {
  const mock = createMockConnection();
  const seen: string[] = [];
  function Widget({ label }: { label: string }) {
    useSSEReset((reset) => seen.push(`${label}:${reset.reason}`));
    return null;
  }
  const view = render(
    <SSEProvider connection={mock}>
      <Widget label="first" />
    </SSEProvider>,
  );
  act(() => void mock.emitReset('foreign-epoch'));
  view.rerender(
    <SSEProvider connection={mock}>
      <Widget label="second" />
    </SSEProvider>,
  );
  act(() => void mock.emitReset('too-old'));
  expect(seen).toEqual(['first:foreign-epoch', 'second:too-old']);
  view.unmount();
  act(() => void mock.emitReset('too-old'));
  expect(seen).toHaveLength(2);
  expect(mock.getSnapshot().resets).toBe(3);
});

// The README's plain-fetch recipe, as written.
function useTicketCount() {
  const [count, setCount] = useState<number | null>(null);
  const load = () =>
    fetch('/api/tickets/count')
      .then((response) => response.json() as Promise<{ count: number }>)
      .then(({ count }) => setCount(count));
  useEffect(() => void load(), []);
  useSSEEvent('ticket-opened', () => setCount((n) => (n === null ? n : n + 1)));
  useSSEReset(() => void load());
  return count;
}

it('the plain-fetch recipe refetches its snapshot on a reset', async () => {
  let serverCount = 10;
  const fetchMock = vi.fn(async () => new Response(JSON.stringify({ count: serverCount })));
  vi.stubGlobal('fetch', fetchMock);
  const mock = createMockConnection();
  function Tickets() {
    return <output>{useTicketCount() ?? '…'}</output>;
  }
  render(
    <SSEProvider connection={mock}>
      <Tickets />
    </SSEProvider>,
  );
  await screen.findByText('10');
  act(() => void mock.emit('ticket-opened', {}));
  expect(screen.getByText('11')).toBeTruthy();
  serverCount = 15; // events were missed while the server restarted
  act(() => void mock.emitReset('foreign-epoch'));
  await screen.findByText('15');
  expect(fetchMock).toHaveBeenCalledTimes(2);
  vi.unstubAllGlobals();
});

it('the TanStack Query recipe invalidates the queries the stream keeps up to date', () => {
  // A stand-in with the two QueryClient methods the recipe calls.
  const queryClient = {
    setQueryData: vi.fn((_key: readonly unknown[], _value: unknown) => {}),
    invalidateQueries: vi.fn(async (_filters: { queryKey: readonly unknown[] }) => {}),
  };
  interface Order {
    id: string;
    status: string;
  }
  function OrdersLive() {
    useSSEEvent('order', (order: Order) => queryClient.setQueryData(['order', order.id], order));
    useSSEReset(() => void queryClient.invalidateQueries({ queryKey: ['order'] }));
    return null;
  }
  const mock = createMockConnection();
  render(
    <SSEProvider connection={mock}>
      <OrdersLive />
    </SSEProvider>,
  );
  act(() => void mock.emit('order', { id: 'a1', status: 'paid' }));
  expect(queryClient.setQueryData).toHaveBeenCalledWith(['order', 'a1'], { id: 'a1', status: 'paid' });
  act(() => void mock.emitReset('unknown-id'));
  expect(queryClient.invalidateQueries).toHaveBeenCalledWith({ queryKey: ['order'] });
});

let world: FakeWorld;
beforeEach(() => {
  world = fakeWorld();
});

it('through a real provider connection: a reset from the transport reaches the hook, the devtools snapshot counts it', () => {
  vi.useFakeTimers();
  try {
    const resets: SSEReset[] = [];
    function Widget() {
      useSSEEvent('tick', () => {});
      useSSEReset((reset) => resets.push(reset));
      return null;
    }
    render(
      <SSEProvider url="http://test.local/reset" options={{ environment: world.environment, closeDelay: 0 }}>
        <Widget />
      </SSEProvider>,
    );
    const source = world.transports.latest();
    act(() => {
      source.open();
      source.emitReset('foreign-epoch', 'e2.0', 'e1.9');
    });
    expect(resets.map((reset) => [reset.reason, reset.lastEventId])).toEqual([['foreign-epoch', 'e1.9']]);
  } finally {
    cleanup();
    vi.runOnlyPendingTimers();
    vi.useRealTimers();
  }
});
