import type { Connection, SSEError, SSEMessage } from '../core/index';
import type { ParseResult } from './parseMessage';

/**
 * The latest parse failure per connection, read by useSSEStatus (`parseError`). It is cleared
 * when an event of the same name parses again, so it says "this stream is sending bad data now".
 */
interface ParseErrorStore {
  error: SSEError | null;
  readonly listeners: Set<() => void>;
}

const stores = new WeakMap<Connection, ParseErrorStore>();

export function getParseErrorStore(connection: Connection): ParseErrorStore {
  let store = stores.get(connection);
  if (!store) stores.set(connection, (store = { error: null, listeners: new Set() }));
  return store;
}

function set(store: ParseErrorStore, error: SSEError | null): void {
  if (store.error === error) return;
  store.error = error;
  for (const listener of store.listeners) listener();
}

/** Runs on the event path (never during render): records the result and calls the hook's onError. */
export function reportParseResult(
  connection: Connection,
  message: SSEMessage,
  result: ParseResult,
  onError: ((error: SSEError) => void) | undefined,
): void {
  const store = getParseErrorStore(connection);
  if (result.ok) {
    if (store.error?.eventName === message.type) set(store, null);
    return;
  }
  set(store, result.error);
  onError?.(result.error);
}
