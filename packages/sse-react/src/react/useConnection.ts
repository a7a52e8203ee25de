import { useContext, useEffect } from 'react';
import type { Connection, ConnectionOptions } from '../core/index';
import { kitError } from './kitError';
import { SSEContext } from './SSEContext';
import { acquireSharedConnection } from './sharedConnections';
import { validateConnectionOptions } from './validateConnectionOptions';

/**
 * The connection a hook reads: the shared one for `url` when given, else the nearest provider's.
 * `call` names the hook call in the error, e.g. `useSSEEvent("price")`.
 */
export function useConnection(call: string, url: string | undefined, options: ConnectionOptions | undefined): Connection {
  const provided = useContext(SSEContext);
  if (process.env.NODE_ENV !== 'production' && url !== undefined) validateConnectionOptions(call, options);
  const shared = url === undefined ? null : acquireSharedConnection(url, options ?? {});
  useEffect(() => {
    if (shared && options) shared.update(options);
  });
  const connection = shared ?? provided;
  if (!connection) throw kitError(`${call} needs an <SSEProvider> above it, or pass a url.`);
  return connection;
}
