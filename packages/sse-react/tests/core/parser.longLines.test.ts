// Lines longer than a chunk: the parser keeps their long pieces as a rope and reads a data line's
// field name in the first piece only. These inputs go through that path (pieces of 1 KiB and
// more) and compare it with the same text fed whole, which never buffers a line.
import { createParser } from '@kit/sse-react/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { recordParse as run } from './parserRecorder';

function splitEvery(text: string, sizes: readonly number[]): string[] {
  const chunks: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length] as number;
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

const long = (seed: string, length: number): string => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);

it('delivers a data line spread over many long chunks exactly, with the next event after it', () => {
  const value = long('{"row":1,"é":"日本😀"},', 100_000);
  const text = `id: 1\nevent: snapshot\ndata: ${value}\n\nid: 2\ndata: after\n\n`;
  const { output } = run(splitEvery(text, [4096]));
  expect(output).toEqual([
    ['event', { type: 'snapshot', data: value, lastEventId: '1' }],
    ['event', { type: 'message', data: 'after', lastEventId: '2' }],
  ]);
});

it('strips the space after `data:` when the first piece ends right before or after it', () => {
  const value = long('abc', 5000);
  // The first piece is `data:` alone (the space is in the next piece), then `data: ` alone.
  expect(run(['data:', ` ${value}`, '\n\n']).output).toEqual([['event', { type: 'message', data: value, lastEventId: '' }]]);
  expect(run(['data: ', value, '\n\n']).output).toEqual([['event', { type: 'message', data: value, lastEventId: '' }]]);
  // A second space is part of the value.
  expect(run(['data: ', ` ${value}`, '\n\n']).output).toEqual([['event', { type: 'message', data: ` ${value}`, lastEventId: '' }]]);
});

it('keeps the order of short and long pieces in one line', () => {
  const pieces = ['da', 't', 'a: ', 'x'.repeat(300), 'y', 'z'.repeat(2000), 'w', 'v'.repeat(1500), 'u'];
  const value = pieces.join('').slice('data: '.length);
  expect(run([...pieces, '\n', '\n']).output).toEqual([['event', { type: 'message', data: value, lastEventId: '' }]]);
});

it('joins a long data line with the other data lines of its block', () => {
  const value = long('0123456789', 3000);
  const chunks = ['data: first\ndata: ', value.slice(0, 1500), value.slice(1500), '\ndata: last\n\n'];
  expect(run(chunks).output).toEqual([['event', { type: 'message', data: `first\n${value}\nlast`, lastEventId: '' }]]);
});

it('reads long lines of other fields, and long lines that only start like a data field, whole', () => {
  const value = long('q', 4000);
  const chunks = [`: ${value.slice(0, 2000)}`, `${value.slice(2000)}\r\nid: ${value.slice(0, 1200)}`, `${value.slice(1200)}\revent: ${value.slice(0, 1500)}`, `${value.slice(1500)}\r`, `\ndata\u0000: ${value}`, '\ndataa:', `${value}\ndata: x\n\n`];
  expect(run(chunks)).toEqual(run([chunks.join('')]));
  expect(run(chunks).output).toEqual([
    ['comment', value],
    ['event', { type: value, data: 'x', lastEventId: value }],
  ]);
});

it('bounds a long line by maxEventSize as it arrives, and accepts one within the bound', () => {
  const sizes: number[] = [];
  const chunk = long('x', 2048);
  const parser = createParser({ onEvent: () => sizes.push(-1), maxEventSize: 10_000, onTooLarge: (size) => sizes.push(size) });
  parser.feed('data: ');
  for (let i = 0; i < 4; i++) parser.feed(chunk, chunk.length);
  parser.feed('\n\n', 2);
  expect(sizes).toEqual([-1]);
  parser.feed('data: ');
  for (let i = 0; i < 5 && sizes.length === 1; i++) parser.feed(chunk, chunk.length);
  expect(sizes).toEqual([-1, 6 + 5 * 2048]);
});

// Any split of lines of 1-6000 chars, each made of a field start and a long value.
const fieldStart = fc.constantFrom('data:', 'data: ', 'data:  ', 'dat', 'id: ', 'event:', ': ', 'retry: ', 'x');
const line = fc.tuple(fieldStart, fc.nat({ max: 6000 }), fc.constantFrom('\n', '\r', '\r\n', '\n\n', '\r\n\r\n'));
const lines = fc.array(line, { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([start, length, end]) => start + long('7é', length) + end).join(''));

it('gives the same events for any split of long lines into chunks of any size', () => {
  fc.assert(
    fc.property(lines, fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }), (text, sizes) => {
      expect(run(splitEvery(text, sizes))).toEqual(run([text]));
    }),
    { numRuns: 200 },
  );
});

it('counts a long data line at its end from the sizes its pieces had on arrival, exactly', () => {
  // 1,500 two-byte chars in 700-char chunks, each fed with its byte length: the event is
  // `data: ` and the line end (7 bytes) plus 3,000 bytes of value.
  const value = long('é', 1500);
  const chunks = ['data: ', ...splitEvery(value, [700]), '\n\n'];
  const bytes = (text: string): number => new TextEncoder().encode(text).byteLength;
  const outcome = (maxEventSize: number): number[] => {
    const seen: number[] = [];
    const parser = createParser({ onEvent: (event) => seen.push(event.data.length), maxEventSize, onTooLarge: (size) => seen.push(-size) });
    for (const chunk of chunks) parser.feed(chunk, bytes(chunk));
    return seen;
  };
  expect(outcome(3007)).toEqual([1500]);
  expect(outcome(3006)).toEqual([-3007]);
});
