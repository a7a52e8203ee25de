import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SSEProvider, useSSEEvent } from '@kit/sse-react';
import { SSEDevtools } from '@kit/sse-react/devtools';
import { fakeWorld, type FakeWorld } from '../core/connectionFakes';

let world: FakeWorld;
beforeEach(() => {
  vi.useFakeTimers();
  world = fakeWorld();
});
afterEach(() => {
  cleanup();
  // Lets closeDelay run, so this test's connection leaves the registry before the next test.
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
});

function Ticks() {
  useSSEEvent('tick', () => {});
  return null;
}

function renderApp() {
  return render(
    <SSEProvider url="http://test.local/devtools" options={{ environment: world.environment, closeDelay: 0 }}>
      <Ticks />
      <SSEDevtools />
    </SSEProvider>,
  );
}

it('toggles a panel that lists the connection and logs its events; pause and filter work', () => {
  renderApp();
  const toggle = screen.getByRole('button', { name: 'SSE devtools' });
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  act(() => toggle.click());
  const panel = screen.getByRole('region', { name: 'SSE devtools' });
  const source = world.transports.latest();
  act(() => {
    source.open();
    source.emit('tick', '{"seq":1}', '1');
    source.emit('other', 'ignored', '2');
    source.emit('tick', '{"seq":2}', '3');
    vi.advanceTimersByTime(500);
  });
  const row = within(within(panel).getByRole('table')).getByText('http://test.local/devtools').closest('tr');
  expect(row?.getAttribute('data-status')).toBe('open');
  expect(row?.textContent).toContain('fetch');
  expect(row?.textContent).toContain('tick×1');
  expect(within(panel).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
    expect.stringContaining('{"seq":2}'),
    expect.stringContaining('{"seq":1}'),
  ]);

  act(() => screen.getByRole('button', { name: 'Pause' }).click());
  act(() => {
    source.emit('tick', '{"seq":3}', '4');
    vi.advanceTimersByTime(500);
  });
  expect(within(panel).getAllByRole('listitem')).toHaveLength(2);
  act(() => screen.getByRole('button', { name: 'Resume' }).click());

  fireEvent.change(screen.getByLabelText('Filter'), { target: { value: 'seq":1' } });
  expect(within(panel).getAllByRole('listitem')).toHaveLength(1);
});

it('reconnects and closes a connection from its row', () => {
  renderApp();
  act(() => screen.getByRole('button', { name: 'SSE devtools' }).click());
  act(() => screen.getByRole('button', { name: 'Reconnect http://test.local/devtools' }).click());
  expect(world.transports.sources).toHaveLength(2);
  act(() => screen.getByRole('button', { name: 'Close http://test.local/devtools' }).click());
  expect(world.transports.latest().closed).toBe(true);
  act(() => vi.advanceTimersByTime(500));
  expect(screen.getByText('No active connection.')).toBeTruthy();
});
