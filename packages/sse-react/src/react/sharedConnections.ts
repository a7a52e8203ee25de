import type { ConnectionOptions } from '../core/index';
import { createLazyConnection, type LazyConnection } from './createLazyConnection';
import { sameConnectionOptions } from './sameConnectionOptions';

/**
 * Connections that hooks given a `url` share without a provider, by url and equal options (SWR's
 * per-key subscription counts). An entry leaves `closeDelay` ms after its last subscriber, the
 * same delay after which the core closes the socket, so a remount in between reuses it.
 */
const byUrl = new Map<string, LazyConnection[]>();

function add(connection: LazyConnection): void {
  const list = byUrl.get(connection.url);
  if (!list) byUrl.set(connection.url, [connection]);
  else if (!list.includes(connection)) list.push(connection);
}

function remove(connection: LazyConnection): void {
  const list = byUrl.get(connection.url);
  if (!list) return;
  const rest = list.filter((entry) => entry !== connection);
  if (rest.length === 0) byUrl.delete(connection.url);
  else byUrl.set(connection.url, rest);
}

function find(url: string, options: ConnectionOptions): LazyConnection | undefined {
  return byUrl.get(url)?.find((entry) => sameConnectionOptions(entry.options, options));
}

export function acquireSharedConnection(url: string, options: ConnectionOptions): LazyConnection {
  const found = find(url, options);
  if (found) return found;
  const { environment } = options;
  const setTimer = environment?.setTimeout ?? ((callback: () => void, ms: number): unknown => setTimeout(callback, ms));
  const clearTimer = environment?.clearTimeout ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let removal: unknown = null;
  const connection = createLazyConnection(url, options, {
    onActive() {
      if (removal !== null) clearTimer(removal);
      removal = null;
      // Back after its entry left (a render kept it): rejoin unless an equal one took its place.
      if (!find(url, options)) add(connection);
    },
    onIdle() {
      removal = setTimer(() => {
        removal = null;
        remove(connection);
      }, options.closeDelay ?? 1000);
    },
  });
  // A server render must not fill a module-level map that lives across requests.
  if (typeof window !== 'undefined') add(connection);
  return connection;
}

/** Test hook: how many shared connections are registered. */
export function sharedConnectionCount(): number {
  let count = 0;
  for (const list of byUrl.values()) count += list.length;
  return count;
}
