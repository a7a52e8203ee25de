// createParser against a spec-literal parser (WHATWG HTML §9.2.6, written line by line from the
// spec's prose, no fast paths) on the property tests' inputs, whole and in arbitrary chunks.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { recordParse, type Output } from './parserRecorder';

/** The spec's "interpret an event stream", over the whole text at once. */
function specParse(text: string): Output {
  const output: Output = [];
  let data = '';
  let eventType = '';
  let lastEventIdBuffer = '';
  let lastEventId = '';
  // "Lines must be separated by either a U+000D CARRIAGE RETURN U+000A LINE FEED (CRLF) character
  // pair, a single U+000A LINE FEED (LF) character, or a single U+000D CARRIAGE RETURN (CR)."
  // A last line without a line end is not a line yet: it is never processed.
  const lines = text.split(/\r\n|\r|\n/);
  lines.pop();
  for (const line of lines) {
    if (line === '') {
      // "If the line is empty (a blank line): dispatch the event."
      lastEventId = lastEventIdBuffer;
      if (data === '') {
        eventType = '';
        continue;
      }
      if (data.endsWith('\n')) data = data.slice(0, -1);
      output.push(['event', { type: eventType === '' ? 'message' : eventType, data, lastEventId }]);
      data = '';
      eventType = '';
      continue;
    }
    // "If the line starts with a U+003A COLON character (:)": ignore (the kit reports comments).
    if (line.startsWith(':')) {
      const comment = line.slice(1);
      output.push(['comment', comment.startsWith(' ') ? comment.slice(1) : comment]);
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventType = value;
    else if (field === 'data') data += `${value}\n`;
    else if (field === 'id') {
      if (!value.includes('\0')) lastEventIdBuffer = value;
    } else if (field === 'retry') {
      if (/^[0-9]+$/.test(value)) output.push(['retry', Number.parseInt(value, 10)]);
    }
  }
  return output;
}

const kitParse = (chunks: readonly string[]): Output => recordParse(chunks).output;

const piece = fc.constantFrom(
  'data', 'data:', 'data: ', 'event:', 'event: tick', 'id:', 'id: 1', 'id: é', 'retry:', 'retry: 25', 'retry: x',
  ':', ': hb', ' ', 'x', 'yz', '\0', 'é', '日本', '😀', '\uFEFF', '\n', '\r', '\r\n', '\n\n', '\r\r',
);
const stream = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

it('matches the spec-literal parser on whole streams', () => {
  fc.assert(
    fc.property(stream, (text) => {
      // A CR at the very end might be half of a CRLF: the spec waits, and so must we; compare
      // what both know once the stream is terminated by an LF.
      const terminated = `${text}\n`;
      expect(kitParse([terminated])).toEqual(specParse(terminated));
    }),
    { numRuns: 1000 },
  );
});

it('matches the spec-literal parser when fed in arbitrary chunks', () => {
  fc.assert(
    fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (text, cuts) => {
      const terminated = `${text}\n`;
      const points = [...new Set(cuts.map((cut) => cut % (terminated.length + 1)))].sort((a, b) => a - b);
      const chunks: string[] = [];
      let start = 0;
      for (const point of points) {
        chunks.push(terminated.slice(start, point));
        start = point;
      }
      chunks.push(terminated.slice(start));
      expect(kitParse(chunks)).toEqual(specParse(terminated));
    }),
    { numRuns: 500 },
  );
});
