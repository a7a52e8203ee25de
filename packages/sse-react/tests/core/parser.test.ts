import { createParser } from '@kit/sse-react/core';
import type { ParsedEvent, ParserOptions } from '@kit/sse-react/core';
import { describe, expect, it } from 'vitest';

interface Recorded {
  events: ParsedEvent[];
  retries: number[];
  comments: string[];
}

function parse(chunks: string | string[], options: Partial<ParserOptions> = {}): Recorded & { parser: ReturnType<typeof createParser> } {
  const recorded: Recorded = { events: [], retries: [], comments: [] };
  const parser = createParser({
    onEvent: (event) => recorded.events.push(event),
    onRetry: (ms) => recorded.retries.push(ms),
    onComment: (comment) => recorded.comments.push(comment),
    ...options,
  });
  for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) parser.feed(chunk);
  return { ...recorded, parser };
}

const message = (data: string, lastEventId = '', type = 'message'): ParsedEvent => ({ type, data, lastEventId });

describe('createParser: line ends', () => {
  it('ends lines on LF', () => {
    expect(parse('data: a\n\ndata: b\n\n').events).toEqual([message('a'), message('b')]);
  });

  it('ends lines on CR', () => {
    expect(parse('data: a\r\rdata: b\r\r').events).toEqual([message('a'), message('b')]);
  });

  it('ends lines on CRLF, as one line end', () => {
    expect(parse('data: a\r\ndata: b\r\n\r\n').events).toEqual([message('a\nb')]);
  });

  it('mixes LF, CR and CRLF in one stream', () => {
    expect(parse('data: a\rdata: b\ndata: c\r\n\n').events).toEqual([message('a\nb\nc')]);
  });

  it('ends the line at a CR that ends a chunk, without waiting for the next chunk', () => {
    expect(parse([': ping\r']).comments).toEqual(['ping']);
    expect(parse(['data: a\r', '\r']).events).toEqual([message('a')]);
  });

  it('dispatches at once when a chunk ends with the CR of a blank line', () => {
    expect(parse(['data: a\n\r']).events).toEqual([message('a')]);
  });

  it('skips an LF opening the next chunk after a chunk-final CR', () => {
    // Were each LF a line end of its own, it would be a blank line and split the event in two.
    expect(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']).events).toEqual([message('a\nb')]);
  });

  it('skips only one LF after a chunk-final CR', () => {
    expect(parse(['data: a\r', '\n\n']).events).toEqual([message('a')]);
  });

  it('does not skip a non-LF character after a chunk-final CR', () => {
    expect(parse(['data: a\r', 'data: b\n\n']).events).toEqual([message('a\nb')]);
  });

  it('keeps the CR-skip state across an empty chunk', () => {
    expect(parse(['data: a\r', '', '\ndata: b\n\n']).events).toEqual([message('a\nb')]);
  });

  it('joins a line split across many chunks', () => {
    expect(parse(['da', 'ta', ': he', 'll', 'o\n', '\n']).events).toEqual([message('hello')]);
  });
});

describe('createParser: fields', () => {
  it('strips exactly one leading space after the colon', () => {
    expect(parse('data:  two spaces\n\n').events).toEqual([message(' two spaces')]);
    expect(parse('data:no space\n\n').events).toEqual([message('no space')]);
  });

  it('splits on the first colon only', () => {
    expect(parse('data: a:b: c\n\n').events).toEqual([message('a:b: c')]);
  });

  it('treats a line without a colon as a field name with an empty value', () => {
    expect(parse('data\n\n').events).toEqual([message('')]);
    expect(parse('data\ndata\n\n').events).toEqual([message('\n')]);
  });

  it('keeps trailing whitespace and other spaces in values', () => {
    expect(parse('data: a \t\n\n').events).toEqual([message('a \t')]);
  });

  it('ignores unknown fields and field names that differ in case or spacing', () => {
    expect(parse('foo: bar\nDATA: x\ndata : y\ndata: z\n\n').events).toEqual([message('z')]);
  });

  it('treats names that extend or shorten a known field as unknown', () => {
    const { events, retries } = parse('dat: 1\ndatas: 2\nd: 3\nids: 4\ni: 5\neventx: 6\neven: 7\nretryx: 8\nretr: 9\ndata: ok\n\n');
    expect(events).toEqual([message('ok')]);
    expect(retries).toEqual([]);
  });

  it('reads known fields the same whether the line arrives whole or in pieces', () => {
    const whole = parse('id: 1\nevent: e\ndata: d\n\n').events;
    expect(whole).toEqual([message('d', '1', 'e')]);
    expect(parse(['i', 'd: 1\neve', 'nt: e\nd', 'ata: d\n', '\n']).events).toEqual(whole);
  });

  it('joins data lines with LF and removes the trailing LF on dispatch', () => {
    expect(parse('data: a\ndata: b\ndata: c\n\n').events).toEqual([message('a\nb\nc')]);
  });

  it('dispatches an empty data line as an event with empty data', () => {
    expect(parse('data:\n\n').events).toEqual([message('')]);
  });

  it('keeps a value with a trailing LF when a data line is empty at the end', () => {
    expect(parse('data: a\ndata:\n\n').events).toEqual([message('a\n')]);
  });
});

describe('createParser: comments', () => {
  it('passes the comment text to onComment, one leading space stripped', () => {
    const { comments, events } = parse(': heartbeat\n:raw\n:\n\n');
    expect(comments).toEqual(['heartbeat', 'raw', '']);
    expect(events).toEqual([]);
  });

  it('does not treat a comment inside an event as a field', () => {
    expect(parse('data: a\n: data: b\ndata: c\n\n').events).toEqual([message('a\nc')]);
  });
});

describe('createParser: retry', () => {
  it('reports a retry made only of ASCII digits', () => {
    expect(parse('retry: 1500\n').retries).toEqual([1500]);
    expect(parse('retry:0\n').retries).toEqual([0]);
  });

  it('ignores a retry with anything but ASCII digits', () => {
    const inputs = ['retry: 1.5\n', 'retry: -1\n', 'retry: 10ms\n', 'retry:\n', 'retry: \n', 'retry:  10\n', 'retry: ١٠\n', 'retry: 1e3\n'];
    for (const input of inputs) expect(parse(input).retries, input).toEqual([]);
  });

  it('does not dispatch anything for a retry alone', () => {
    expect(parse('retry: 10\n\n').events).toEqual([]);
  });
});

describe('createParser: event type', () => {
  it('defaults to message', () => {
    expect(parse('data: a\n\n').events[0]?.type).toBe('message');
  });

  it('uses the event field', () => {
    expect(parse('event: tick\ndata: a\n\n').events).toEqual([message('a', '', 'tick')]);
  });

  it('falls back to message for an empty event field', () => {
    expect(parse('event:\ndata: a\n\n').events).toEqual([message('a')]);
  });

  it('resets after each dispatch', () => {
    expect(parse('event: tick\ndata: a\n\ndata: b\n\n').events).toEqual([message('a', '', 'tick'), message('b')]);
  });

  it('resets at a blank line even when nothing was dispatched', () => {
    expect(parse('event: tick\n\ndata: b\n\n').events).toEqual([message('b')]);
  });
});

describe('createParser: empty data buffer', () => {
  it('does not dispatch an event without data lines', () => {
    expect(parse('event: tick\nid: 1\n\n\n\n').events).toEqual([]);
  });
});

describe('createParser: last event id', () => {
  it('is set by the id field and persists across events', () => {
    expect(parse('id: 1\ndata: a\n\ndata: b\n\n').events).toEqual([message('a', '1'), message('b', '1')]);
  });

  it('is committed at a blank line even when no event is dispatched', () => {
    const { events, parser } = parse('id: 7\n\n');
    expect(events).toEqual([]);
    expect(parser.lastEventId).toBe('7');
    parser.feed('data: a\n\n');
    expect(parser.lastEventId).toBe('7');
  });

  it('is not committed before the blank line', () => {
    expect(parse('id: 7\ndata: a\n').parser.lastEventId).toBe('');
  });

  it('can be cleared by an empty id field', () => {
    expect(parse('id: 1\ndata: a\n\nid\ndata: b\n\n').events).toEqual([message('a', '1'), message('b', '')]);
  });

  it('ignores an id containing NUL', () => {
    expect(parse('id: 1\n\nid: a\0b\ndata: x\n\n').events).toEqual([message('x', '1')]);
  });

  it('keeps non-ASCII ids', () => {
    expect(parse('id: 日本-é\ndata: x\n\n').events).toEqual([message('x', '日本-é')]);
  });

  it('starts from the lastEventId option', () => {
    const { events, parser } = parse('data: a\n\n', { lastEventId: 'resume-3' });
    expect(events).toEqual([message('a', 'resume-3')]);
    expect(parser.lastEventId).toBe('resume-3');
  });

  it('uses the last id field of a block', () => {
    expect(parse('id: 1\nid: 2\ndata: x\n\n').events).toEqual([message('x', '2')]);
  });
});

describe('createParser: reset', () => {
  it('drops the incomplete block, including an id not yet committed', () => {
    const { events, parser } = parse('id: 1\n\nid: 2\nevent: tick\ndata: lost\ndata: par');
    parser.reset();
    parser.feed('tial\n\ndata: b\n\n');
    expect(events).toEqual([message('b', '1')]);
    expect(parser.lastEventId).toBe('1');
  });

  it('drops the pending CR-skip state', () => {
    const { events, parser } = parse('data: a\r');
    parser.reset();
    // After a reset the LF is a line end of its own: a blank line with nothing to dispatch.
    parser.feed('\ndata: b\n\n');
    expect(events).toEqual([message('b')]);
  });

  it('stops the current feed when a callback resets', () => {
    const events: ParsedEvent[] = [];
    const parser = createParser({
      onEvent: (event) => {
        events.push(event);
        parser.reset();
      },
    });
    parser.feed('data: a\n\ndata: b\n\n');
    expect(events).toEqual([message('a')]);
    parser.feed('data: c\n\n');
    expect(events).toEqual([message('a'), message('c')]);
  });
});

describe('createParser: what it leaves to others', () => {
  it('does not strip a BOM (the decoder does)', () => {
    expect(parse('\uFEFFdata: a\n\n').events).toEqual([]);
    expect(parse('data: \uFEFFa\n\n').events).toEqual([message('\uFEFFa')]);
  });

  it('passes U+FFFD and other characters through untouched', () => {
    expect(parse('data: \uFFFD😀\u2028x\n\n').events).toEqual([message('\uFFFD😀\u2028x')]);
  });

  it('does not dispatch a block the stream ends in', () => {
    expect(parse('data: a\n\ndata: b\n').events).toEqual([message('a')]);
  });
});

describe('createParser: maxEventSize', () => {
  it('reports an event whose data grows past the limit, drops it and the rest of the chunk', () => {
    const sizes: number[] = [];
    const { events, parser } = parse(['data: 12345\ndata: 6789\ndata: x\n\n'], {
      maxEventSize: 20,
      onTooLarge: (size) => sizes.push(size),
    });
    // Each data line counts as it arrived: `data: ` and the line end (7) plus its value.
    expect(sizes).toEqual([23]);
    expect(events).toEqual([]);
    parser.feed('data: ok\n\n');
    expect(events).toEqual([message('ok')]);
  });

  it('counts the unterminated line together with the data buffer', () => {
    const sizes: number[] = [];
    parse(['data: 12345\ndata: 678'], { maxEventSize: 20, onTooLarge: (size) => sizes.push(size) });
    expect(sizes).toEqual([21]);
  });

  it('counts UTF-8 bytes, not UTF-16 units: three euro signs are 9 bytes', () => {
    const sizes: number[] = [];
    const { events } = parse('data: €€€\n\ndata: €€\n\n', { maxEventSize: 8, onTooLarge: (size) => sizes.push(size) });
    expect(sizes).toEqual([9]);
    // The rest of that chunk is dropped with the oversized event.
    expect(events).toEqual([]);
    const split = parse(['data: x\ndata: €', '€€'], { maxEventSize: 16, onTooLarge: (size) => sizes.push(size) });
    expect(split.events).toEqual([]);
    expect(sizes).toEqual([9, 17]);
  });

  it('measures an ASCII chunk by its length when told its byte length, and any chunk exactly without', () => {
    const sizes: number[] = [];
    const { parser } = parse([], { maxEventSize: 10, onTooLarge: (size) => sizes.push(size) });
    parser.feed('data: é', 8); // 'é' is 2 bytes: the hint says the chunk is not ASCII
    parser.feed('é');
    expect(sizes).toEqual([]);
    parser.feed('éé');
    // The unterminated line counts whole: 'data: ' (6) and four 2-byte chars.
    expect(sizes).toEqual([14]);
  });

  it('a million one-char data lines are bounded like the bytes they took on the wire', () => {
    const sizes: number[] = [];
    const { parser } = parse([], { maxEventSize: 1024 * 1024, onTooLarge: (size) => sizes.push(size) });
    const lines = 'data: x\n'.repeat(1024);
    for (let i = 0; i < 200 && sizes.length === 0; i++) parser.feed(lines, lines.length);
    // 8 bytes per line: the bound trips after 131 072 lines, not after a million.
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toBeGreaterThan(1024 * 1024);
    expect(sizes[0]).toBeLessThanOrEqual(1024 * 1024 + 8);
  });

  it('reports a line that grows past the limit before it ends', () => {
    const sizes: number[] = [];
    const { parser } = parse([], { maxEventSize: 10, onTooLarge: (size) => sizes.push(size) });
    parser.feed('data: 12');
    parser.feed('345678');
    expect(sizes).toEqual([14]);
  });

  it('accepts an event of exactly the limit', () => {
    const sizes: number[] = [];
    // A lone data line followed by the blank line counts its value alone.
    const { events } = parse('data: 12345\n\n', { maxEventSize: 5, onTooLarge: (size) => sizes.push(size) });
    expect(events).toEqual([message('12345')]);
    expect(sizes).toEqual([]);
  });
});

describe('dispatchingOwnId (extension)', () => {
  it('tells an event with its own id field from one that inherits the last id', () => {
    const seen: Array<[string, boolean]> = [];
    const parser = createParser({ onEvent: (event) => seen.push([event.data, parser.dispatchingOwnId]) });
    parser.feed('id: 7\ndata: a\n\ndata: b\n\nid: 7\ndata: c\n\nid: 8\0\ndata: d\n\n');
    expect(seen).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
      // An id with NUL is ignored, so the block has no id of its own.
      ['d', false],
    ]);
    expect(parser.dispatchingOwnId).toBe(false);
  });
});

describe('dispatchingOwnId when onEvent throws', () => {
  it('is reset on the way out, and the error reaches the caller of feed', () => {
    const failure = new Error('listener failed');
    const parser = createParser({
      onEvent: () => {
        throw failure;
      },
    });
    expect(() => parser.feed('id: 7\ndata: a\n\n')).toThrow(failure);
    expect(parser.dispatchingOwnId).toBe(false);
    expect(parser.lastEventId).toBe('7');
  });
});

describe('createParser: the LF-only fast path', () => {
  it('tells a repeated event line from one that only starts like it', () => {
    const events = parse('event: tick\ndata: a\n\nevent: tick\ndata: b\n\nevent: ticks\ndata: c\n\nevent: tic\ndata: d\n\nevent: tick\ndata: e\n\n').events;
    expect(events.map((event) => event.type)).toEqual(['tick', 'tick', 'ticks', 'tic', 'tick']);
  });

  it('recognises a repeated event line split across chunks, or at a chunk end', () => {
    const events = parse(['event: tick\ndata: a\n\nevent: ti', 'ck\ndata: b\n\nevent: tick', '\ndata: c\n\n']).events;
    expect(events).toEqual([message('a', '', 'tick'), message('b', '', 'tick'), message('c', '', 'tick')]);
  });

  it('ignores an id with NUL wherever the NUL sits in the chunk', () => {
    const { events } = parse('id: 1\ndata: a\n\nid: 2\0\ndata: b\n\nid: 3\ndata: c\n\nid: \0\ndata: d\n\n');
    expect(events.map((event) => event.lastEventId)).toEqual(['1', '1', '3', '3']);
  });

  it('keeps ids clean when a NUL comes only after them in the chunk', () => {
    const { events } = parse('id: 1\ndata: a\n\ndata: x\0y\n\n');
    expect(events).toEqual([message('a', '1'), message('x\0y', '1')]);
  });

  it('gives parsers created one after another the same results (one shape for all)', () => {
    const results = Array.from({ length: 5 }, () => parse('id: 1\nevent: e\ndata: d\n\n'));
    for (const { events, parser } of results) {
      expect(events).toEqual([message('d', '1', 'e')]);
      expect(parser.lastEventId).toBe('1');
      expect(parser.dispatchingOwnId).toBe(false);
    }
  });
});
