import { SSEError, type SSEMessage } from '../core/index';

export type ParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: SSEError };

/** Turns an event's `data` into a value. Called with the data only, so `JSON.parse` or `Number` fit. */
export type Parse<T> = (data: string) => T;

export const defaultParse: Parse<unknown> = (data) => JSON.parse(data);

// The core hands the same message object to every listener of a name, so caching per
// (parse function, message) parses each event once however many components read it.
const cache = new WeakMap<Parse<unknown>, WeakMap<SSEMessage, ParseResult>>();

export function parseMessage(message: SSEMessage, parse: Parse<unknown>): ParseResult {
  let results = cache.get(parse);
  if (!results) cache.set(parse, (results = new WeakMap()));
  let result = results.get(message);
  if (!result) {
    try {
      result = { ok: true, value: parse(message.data) };
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      result = {
        ok: false,
        error: new SSEError('parse', `Could not parse the data of event "${message.type}" (${reason}); the last good value is kept.`, {
          raw: message.data,
          eventName: message.type,
          cause,
        }),
      };
    }
    results.set(message, result);
  }
  return result;
}
