import { SSEError, type SSEMessage } from '../../core/index';
import type { Parse } from '../hookTypes';
import { bindingRegistry, type ParseResult } from './bindingRegistry';

export const defaultParse: Parse<unknown> = (data) => JSON.parse(data);

/** `parse(message.data)`, once per (parse function, message): see `bindingRegistry.parsed`. */
export function parseMessage(message: SSEMessage, parse: Parse<unknown>): ParseResult {
  let results = bindingRegistry.parsed.get(parse);
  if (!results) bindingRegistry.parsed.set(parse, (results = new WeakMap()));
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
