import { useContext, useEffect } from 'react';
import type { Connection, ConnectionOptions } from '../../core/index';
import { kitError } from '../kitError';
import { acquireSharedConnection } from './acquireSharedConnection';
import type { LazyConnection } from './createLazyConnection';
import { SSEContext } from './SSEContext';
import { validateConnectionOptions } from './validateConnectionOptions';

/**
 * How an error names the hook call, e.g. `useSSEEvent("price")`: built only when it is read, since
 * the lookups below run in every render (a string built per render showed in a fan-out's profile).
 */
function describeCall(hook: string, arg: string | undefined): string {
  return `${hook}(${arg === undefined ? '' : JSON.stringify(arg)})`;
}

/** The connection hooks given `url` share without a provider (see acquireSharedConnection). */
export function sharedConnection(hook: string, arg: string | undefined, url: string, options: ConnectionOptions | undefined): LazyConnection {
  if (process.env.NODE_ENV !== 'production') validateConnectionOptions(describeCall(hook, arg), options);
  return acquireSharedConnection(url, options ?? {});
}

/** The nearest provider's connection (`provided`, the hook's useContext(SSEContext)), or a helpful error. */
export function providedConnection(hook: string, arg: string | undefined, provided: Connection | null): Connection {
  if (!provided) throw kitError(`${describeCall(hook, arg)} needs an <SSEProvider> above it, or pass a url.`);
  return provided;
}

/**
 * The connection a hook reads: the shared one for `url` when given, else the nearest provider's;
 * the shared one is given the latest options in an effect. `hook` and `arg` name the call in an
 * error, e.g. `useSSEBuffer("price")`.
 */
export function useConnection(hook: string, arg: string | undefined, url: string | undefined, options: ConnectionOptions | undefined): Connection {
  const provided = useContext(SSEContext);
  // `url` first: under a provider no render reads process.env, which is a slow lookup in Node
  // (SSR, or any run where no bundler replaced it); the literal guard still folds away when bundled.
  const shared = url === undefined ? null : sharedConnection(hook, arg, url, options);
  // Re-runs only when the shared connection or its options object changes (an inline object: each
  // render). Under a provider there is nothing to update, so its dependencies never change: a
  // passive effect per render of every hook cost ~4% of a 100-component fan-out.
  const update = shared === null ? undefined : options;
  useEffect(() => {
    if (shared && update) shared.update(update);
  }, [shared, update]);
  return shared ?? providedConnection(hook, arg, provided);
}
