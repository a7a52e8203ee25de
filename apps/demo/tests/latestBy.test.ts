import { expect, it } from 'vitest';
import { latestBy } from '../src/pages/overview/latestBy';

it('keeps the newest version of each key, ordered by when each key last arrived', () => {
  const items = [
    { id: 'a', v: 1 },
    { id: 'b', v: 1 },
    { id: 'a', v: 2 },
    { id: 'c', v: 1 },
  ];
  expect(latestBy(items, (item) => item.id)).toEqual([
    { id: 'b', v: 1 },
    { id: 'a', v: 2 },
    { id: 'c', v: 1 },
  ]);
});

it('shows a state the server sent twice (before and after a reset) once', () => {
  const snapshot = [1, 2, 3].map((ts) => ({ ts, rps: ts * 10 }));
  const live = [{ ts: 4, rps: 40 }];
  expect(latestBy([...snapshot, ...live, ...snapshot, { ts: 5, rps: 50 }], (point) => point.ts).map((point) => point.ts)).toEqual([4, 1, 2, 3, 5]);
});
