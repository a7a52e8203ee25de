import type { ConnectionOptions } from '../../core/index';
import { resolveCloseDelay } from '../../core/connection/connectionOptions';
import { createDelayedClose } from '../../core/connection/createDelayedClose';
import { resolveEnvironment } from '../../core/runtime/environment';
import { bindingRegistry } from '../binding/bindingRegistry';
import { createLazyConnection, type LazyConnection } from './createLazyConnection';
import { sameConnectionOptions } from './sameConnectionOptions';

/**
 * Connections that hooks given a `url` share without a provider, by url and equal options (SWR's
 * per-key subscription counts), kept in `bindingRegistry.shared`. An entry leaves `closeDelay` ms
 * after its last subscriber, the same delay (resolved by the core's rule) after which the core
 * closes the socket, so a remount in between reuses it.
 */
const { shared } = bindingRegistry;

function add(connection: LazyConnection): void {
  const list = shared.get(connection.url);
  if (!list) shared.set(connection.url, [connection]);
  else if (!list.includes(connection)) list.push(connection);
}

function remove(connection: LazyConnection): void {
  const list = shared.get(connection.url);
  if (!list) return;
  const rest = list.filter((entry) => entry !== connection);
  if (rest.length === 0) shared.delete(connection.url);
  else shared.set(connection.url, rest);
}

function find(url: string, options: ConnectionOptions): LazyConnection | undefined {
  return shared.get(url)?.find((entry) => sameConnectionOptions(entry.options, options));
}

export function acquireSharedConnection(url: string, options: ConnectionOptions): LazyConnection {
  const found = find(url, options);
  if (found) return found;
  // The core's delayed close, on the connection's own environment (fake timers in tests).
  const removal = createDelayedClose(resolveEnvironment(options.environment), resolveCloseDelay(options), () => remove(connection));
  const connection = createLazyConnection(url, options, {
    onActive() {
      removal.cancel();
      // Back after its entry left (a render kept it): rejoin unless an equal one took its place.
      if (!find(url, options)) add(connection);
    },
    onIdle: () => removal.schedule(),
  });
  // A server render must not fill a module-level map that lives across requests.
  if (typeof window !== 'undefined') add(connection);
  return connection;
}
