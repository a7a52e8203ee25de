import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecentIds } from '../../src/core/connection/recentIds';

/** The plain definition: a queue of the last `capacity` remembered ids, searched linearly. */
function referenceRecentIds(capacity: number) {
  let ids: string[] = [];
  return {
    remember(id: string): boolean {
      if (ids.includes(id)) return false;
      ids.push(id);
      if (ids.length > capacity) ids = ids.slice(1);
      return true;
    },
    clear() {
      ids = [];
    },
  };
}

type Step = { kind: 'id'; id: string } | { kind: 'clear' };

// Ids as servers send them, so every path is taken: counters that go up (the ordered path),
// replays that go back (bisection, then the Set), random ids, and clears.
const counter = fc.integer({ min: 0, max: 40 }).map((n): Step => ({ kind: 'id', id: String(n) }));
const epochSeq = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 30 })).map(([epoch, seq]): Step => ({ kind: 'id', id: `${epoch}.${seq}` }));
const random = fc.string({ maxLength: 3 }).map((id): Step => ({ kind: 'id', id }));
const clear = fc.constant<Step>({ kind: 'clear' });
// Mostly ascending runs: a run of consecutive counters from a random start.
const run = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 30 })).map(([from, length]): Step[] =>
  Array.from({ length }, (_, i) => ({ kind: 'id', id: String(from + i) })),
);
const steps = fc.array(fc.oneof(run, counter.map((s) => [s]), epochSeq.map((s) => [s]), random.map((s) => [s]), clear.map((s) => [s])), { maxLength: 40 }).map((groups) => groups.flat());

describe('createRecentIds', () => {
  it('answers exactly as a queue of the last `capacity` ids, whatever the order of the ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), steps, (capacity, sequence) => {
        const recent = createRecentIds(capacity);
        const reference = referenceRecentIds(capacity);
        sequence.forEach((step, index) => {
          if (step.kind === 'clear') {
            recent.clear();
            reference.clear();
          } else {
            expect(recent.remember(step.id), `step ${index}: ${step.id}`).toBe(reference.remember(step.id));
          }
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a replayed id among ids in order, and forgets the oldest once full', () => {
    const recent = createRecentIds(4);
    for (const id of ['8', '9', '10', '11']) expect(recent.remember(id)).toBe(true);
    // A replay from the resume id inclusive: the newest, then older ones, are duplicates.
    for (const id of ['11', '8', '9', '10']) expect(recent.remember(id)).toBe(false);
    expect(recent.remember('12')).toBe(true);
    // '8' was pushed out by '12': it is new again, and pushes '9' out.
    expect(recent.remember('8')).toBe(true);
    // Out of order now: the Set answers for '10', '11', '12' and '8'.
    for (const id of ['10', '11', '12', '8']) expect(recent.remember(id)).toBe(false);
    expect(recent.remember('9')).toBe(true);
  });

  it('takes ids that grow in length as in order (a counter past 9, 99, ...)', () => {
    const recent = createRecentIds(3);
    for (const id of ['1.9', '1.10', '1.11', '2.0']) expect(recent.remember(id)).toBe(true);
    expect(recent.remember('1.10')).toBe(false);
    expect(recent.remember('1.9')).toBe(true);
  });
});
