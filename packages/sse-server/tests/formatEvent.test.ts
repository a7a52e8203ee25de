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

  it('rejects data that has no JSON form', () => {
    expect(() => formatEvent({ data: undefined })).toThrow(/^\[@kit\/sse-server\] data must be/);
  });
});
