import { SSEProvider } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { TickSequence } from '../src/pages/resilience/TickSequence';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup() {
  const connection = createMockConnection();
  render(
    <SSEProvider connection={connection}>
      <TickSequence />
    </SSEProvider>,
  );
  const ledger = () => screen.getByTestId('ticks').dataset;
  const tick = (seq: number) => act(() => void connection.emit('tick', { seq, ts: 0 }));
  return { connection, ledger, tick };
}

it('records a contiguous sequence with no gap and no duplicate', () => {
  const { ledger, tick } = setup();
  [1, 2, 3, 4].forEach(tick);
  expect(ledger()).toMatchObject({ segments: '1,2,3,4', gaps: '0', duplicates: '0', resets: '0' });
});

it('counts a gap and a duplicate', () => {
  const { ledger, tick } = setup();
  [1, 2, 4, 4].forEach(tick);
  expect(ledger()).toMatchObject({ segments: '1,2,4,4', gaps: '1', duplicates: '1' });
});

/** Answers GET /api/ticks/state with `seq` once `release` is called, like a server that takes its time. */
function stubTickState(seq: number) {
  let release: () => void = () => {};
  const answered = new Promise<void>((resolve) => (release = resolve));
  const fetch = vi.fn(async (url: string) => {
    expect(url).toBe('/api/ticks/state');
    await answered;
    return new Response(JSON.stringify({ seq, ts: 0 }), { headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, release };
}

it('on a reset, starts a new segment, refetches the counter and counts on from it (ticks it covers are not duplicates)', async () => {
  const { connection, ledger, tick } = setup();
  const state = stubTickState(10);
  [7, 8].forEach(tick);
  act(() => void connection.emitReset('foreign-epoch'));
  // Arrive before the refetch answers: held, then judged against the refetched counter.
  [10, 11].forEach(tick);
  expect(ledger()).toMatchObject({ segments: '7,8|', resets: '1', holding: 'true', lastReset: 'foreign-epoch' });
  state.release();
  await waitFor(() => expect(ledger().holding).toBe('false'));
  [12, 13].forEach(tick);
  expect(state.fetch).toHaveBeenCalledTimes(1);
  expect(ledger()).toMatchObject({ segments: '7,8|11,12,13', refetched: '10', covered: '1', gaps: '0', duplicates: '0', resets: '1' });
});

it('after a crash the refetched counter is low, and the new segment starts from it without a gap', async () => {
  const { connection, ledger, tick } = setup();
  const state = stubTickState(2);
  [40, 41].forEach(tick);
  act(() => void connection.emitReset('foreign-epoch'));
  state.release();
  await waitFor(() => expect(ledger().holding).toBe('false'));
  [3, 4].forEach(tick);
  expect(ledger()).toMatchObject({ segments: '40,41|3,4', refetched: '2', gaps: '0', duplicates: '0', resets: '1' });
});
