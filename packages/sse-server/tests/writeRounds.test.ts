import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { MIN_SLICE, SLICES_PER_ROUND, WriteRounds } from '../src/sink/WriteRounds';

/** An entry that records the turn it was flushed in. */
function entries(count: number, log: number[], turn: () => number) {
  return Array.from({ length: count }, () => ({ flushPending: () => void log.push(turn()) }));
}

describe('WriteRounds', () => {
  it('writes a round in SLICES_PER_ROUND slices, one turn of the event loop apart, then calls afterRound', async () => {
    let turn = 0;
    let rounds = 0;
    const log: number[] = [];
    const schedule = new WriteRounds(() => rounds++);
    const count = SLICES_PER_ROUND * MIN_SLICE * 2;
    for (const entry of entries(count, log, () => turn)) schedule.add(entry);
    expect(log).toEqual([]);
    while (log.length < count) {
      turn++;
      await nextTurn();
    }
    const perTurn = [...new Set(log)].map((t) => log.filter((x) => x === t).length);
    expect(perTurn).toEqual(Array(SLICES_PER_ROUND).fill(count / SLICES_PER_ROUND));
    expect(rounds).toBe(1);
  });

  it('writes small rounds in one slice', async () => {
    const log: number[] = [];
    const schedule = new WriteRounds(() => {});
    for (const entry of entries(MIN_SLICE, log, () => 0)) schedule.add(entry);
    await nextTurn();
    expect(log.length).toBe(MIN_SLICE);
  });

  it('puts an entry that joins during a round into the next one, and keeps going after a throw', async () => {
    const order: string[] = [];
    let rounds = 0;
    const schedule = new WriteRounds(() => rounds++);
    const late = { flushPending: () => void order.push('late') };
    schedule.add({
      flushPending: () => {
        order.push('first');
        schedule.add(late);
        throw new Error('a transport threw');
      },
    });
    await expect(new Promise((_, reject) => process.once('uncaughtException', reject))).rejects.toThrow('a transport threw');
    await nextTurn();
    expect(order).toEqual(['first', 'late']);
    expect(rounds).toBe(1);
  });
});
