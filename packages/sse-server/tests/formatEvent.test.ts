import { describe, expect, it } from 'vitest';
import { formatEvent } from '../src/index';

describe('formatEvent', () => {
  it('splits multi-line data into data lines and ends with a blank line', () => {
    expect(formatEvent({ event: 'log', id: '7', data: 'a\nb\r\nc' })).toBe(
      'event: log\nid: 7\ndata: a\ndata: b\ndata: c\n\n',
    );
  });

  it('serializes non-string data as JSON', () => {
    expect(formatEvent({ data: { cpu: 0.5 } })).toBe('data: {"cpu":0.5}\n\n');
  });

  it('rejects a line break in the event name or id', () => {
    expect(() => formatEvent({ event: 'a\ndata: x', data: '' })).toThrow(/line break/);
    expect(() => formatEvent({ id: '1\r2', data: '' })).toThrow(/line break/);
  });

  it('accepts any id that comes back unchanged in a Last-Event-ID header', () => {
    for (const id of ['42', 'm4x2k9qa7f.42', '1764620000000-0', 'a b', '~!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}', 'x'.repeat(1024), '']) {
      expect(formatEvent({ id, data: '' }), id.slice(0, 20)).toBe(`id: ${id}\ndata: \n\n`);
    }
  });

  it('refuses ids a client cannot send back, saying why and what to do', () => {
    const refusal = (id: string) => {
      try {
        formatEvent({ id, data: '' });
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${JSON.stringify(id)}`);
    };
    expect(refusal('a\nb')).toMatch(/^\[@kit\/sse-server\] The event id "a\\nb" contains a line break/);
    expect(refusal('a\0b')).toMatch(/contains NUL/);
    expect(refusal('caf\u00e9')).toMatch(/contains U\+00E9 at index 3: a client cannot send it back in a Last-Event-ID header.*Encode the id/);
    expect(refusal('\u{1F600}')).toMatch(/contains U\+1F600 at index 0/);
    expect(refusal('a\tb')).toMatch(/contains U\+0009 at index 1/);
    expect(refusal('a\u007fb')).toMatch(/contains U\+007F/);
    expect(refusal(' 42')).toMatch(/starts or ends with a space, which HTTP trims/);
    expect(refusal('42 ')).toMatch(/starts or ends with a space/);
    expect(refusal(' ')).toMatch(/starts or ends with a space/);
    expect(refusal('x'.repeat(1025))).toMatch(/is 1025 characters long; the limit is 1024.*Use a shorter id/);
  });

  it('rejects data that has no JSON form', () => {
    expect(() => formatEvent({ data: undefined })).toThrow(/^\[@kit\/sse-server\] data must be/);
  });
});
