import { expect, it } from 'vitest';
import { detectBursts } from '../src/pages/diagnostics/detectBursts';

// A steady stream: one event every 250 ms.
const steady = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index * 250);

it('finds nothing in a steady stream', () => {
  expect(detectBursts(steady(0, 40), [0])).toEqual([]);
});

it('flags a clump of events after a long silence on an open stream', () => {
  const clump = [5000, 5001, 5001, 5002, 5003, 5004];
  const bursts = detectBursts([...steady(0, 8), ...clump, ...steady(5250, 4)], [0]);
  expect(bursts).toEqual([{ at: 5000, silenceMs: 5000 - 1750, events: 6 }]);
});

it('does not flag the replay that follows a reconnect', () => {
  const replay = [6000, 6001, 6001, 6002, 6003, 6004];
  expect(detectBursts([...steady(0, 8), ...replay], [0, 5990])).toEqual([]);
});

it('does not flag a silence followed by too few events, or events too far apart', () => {
  expect(detectBursts([...steady(0, 4), 4000, 4001, 4002], [0])).toEqual([]);
  expect(detectBursts([...steady(0, 4), 4000, 4060, 4120, 4180, 4240], [0])).toEqual([]);
});

it('follows the rules it is given', () => {
  const arrivals = [...steady(0, 4), 2000, 2010, 2020];
  expect(detectBursts(arrivals, [0], { silenceMs: 1000, minEvents: 3, windowMs: 50 })).toEqual([{ at: 2000, silenceMs: 1250, events: 3 }]);
});
