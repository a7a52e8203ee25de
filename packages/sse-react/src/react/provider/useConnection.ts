import { useContext, useEffect } from 'react';
import type { Connection, ConnectionOptions } from '../../core/index';
import { kitError } from '../kitError';
import { acquireSharedConnection } from './acquireSharedConnection';
import { SSEContext } from './SSEContext';
import { validateConnectionOptions } from './validateConnectionOptions';

/**
 * The connection a hook reads: the shared one for `url` when given, else the nearest provider's.
 * `call` names the hook call in the error, e.g. `useSSEEvent("price")`.
 */
export function useConnection(call: string, url: string | undefined, options: ConnectionOptions | undefined): Connection {
  const provided = useContext(SSEContext);
  // `url` first: under a provider no render reads process.env, which is a slow lookup in Node
  // (SSR, or any run where no bundler replaced it); the literal guard still folds away when bundled.
  if (url !== undefined) {
    if (process.env.NODE_ENV !== 'production') validateConnectionOptions(call, options);
  }
  const shared = url === undefined ? null : acquireSharedConnection(url, options ?? {});
  // Re-runs only when the shared connection or its options object changes (an inline object: each
  // render). Under a provider there is nothing to update, so its dependencies never change: a
  // passive effect per render of every hook cost ~4% of a 100-component fan-out.
  const update = shared === null ? undefined : options;
  useEffect(() => {
    if (shared && update) shared.update(update);
  }, [shared, update]);
  const connection = shared ?? provided;
  if (!connection) throw kitError(`${call} needs an <SSEProvider> above it, or pass a url.`);
  return connection;
}
