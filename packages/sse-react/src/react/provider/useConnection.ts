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
  // Re-runs only when the connection or the options object changes (an inline object: each render).
  useEffect(() => {
    if (shared && options) shared.update(options);
  }, [shared, options]);
  const connection = shared ?? provided;
  if (!connection) throw kitError(`${call} needs an <SSEProvider> above it, or pass a url.`);
  return connection;
}
