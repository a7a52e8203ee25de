import { useContext, useEffect } from 'react';
import type { Connection, ConnectionOptions } from '../../core/index';
import { kitError } from '../kitError';
import { acquireSharedConnection } from './acquireSharedConnection';
import type { LazyConnection } from './createLazyConnection';
import { SSEContext } from './SSEContext';
import { validateConnectionOptions } from './validateConnectionOptions';

/** Where a hook's connection comes from: `shared` is set for a hook given a `url` (no provider). */
export interface FoundConnection {
  readonly connection: Connection;
  readonly shared: LazyConnection | null;
}

/**
 * The connection a hook reads: the shared one for `url` when given, else the nearest provider's
 * (`provided`, the hook's useContext(SSEContext)). No hooks of its own, so a hook with an effect of
 * its own can hand the shared connection its latest options there (see useConnection).
 * `call` names the hook call in the error, e.g. `useSSEEvent("price")`.
 */
export function findConnection(
  call: string,
  url: string | undefined,
  options: ConnectionOptions | undefined,
  provided: Connection | null,
): FoundConnection {
  // `url` first: under a provider no render reads process.env, which is a slow lookup in Node
  // (SSR, or any run where no bundler replaced it); the literal guard still folds away when bundled.
  if (url !== undefined) {
    if (process.env.NODE_ENV !== 'production') validateConnectionOptions(call, options);
    const shared = acquireSharedConnection(url, options ?? {});
    return { connection: shared, shared };
  }
  if (!provided) throw kitError(`${call} needs an <SSEProvider> above it, or pass a url.`);
  return { connection: provided, shared: null };
}

/** findConnection, with the shared connection given the latest options in an effect. */
export function useConnection(call: string, url: string | undefined, options: ConnectionOptions | undefined): Connection {
  const { connection, shared } = findConnection(call, url, options, useContext(SSEContext));
  // Re-runs only when the shared connection or its options object changes (an inline object: each
  // render). Under a provider there is nothing to update, so its dependencies never change: a
  // passive effect per render of every hook cost ~4% of a 100-component fan-out.
  const update = shared === null ? undefined : options;
  useEffect(() => {
    if (shared && update) shared.update(update);
  }, [shared, update]);
  return connection;
}
