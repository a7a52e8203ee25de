import { SSEProvider } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { TickSequence } from '../src/pages/resilience/TickSequence';

afterEach(cleanup);

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

it('starts a new segment on a server reset instead of calling the restart a gap', () => {
  const { connection, ledger, tick } = setup();
  [7, 8].forEach(tick);
  act(() => void connection.emit('reset', { reason: 'unknown-id', lastEventId: '8', message: '' }));
  [3, 4].forEach(tick);
  expect(ledger()).toMatchObject({ segments: '7,8|3,4', gaps: '0', duplicates: '0', resets: '1' });
});
