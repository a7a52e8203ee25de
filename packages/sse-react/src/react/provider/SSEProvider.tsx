import { useEffect, useState, type ReactNode } from 'react';
import type { Connection, ConnectionOptions } from '../../core/index';
import { createLazyConnection, type LazyConnection } from './createLazyConnection';
import { sameConnectionOptions } from './sameConnectionOptions';
import { SSEContext } from './SSEContext';
import { validateConnectionOptions } from './validateConnectionOptions';

export type SSEProviderProps =
  | {
      /** The stream this provider's hooks share. */
      url: string;
      /**
       * Passed to the core's createConnection. A new connection is made only when `url` changes or
       * options change by value (see the README's "When is a connection recreated"); an inline
       * object, and inline `headers`/`backoff` functions, are fine.
       */
      options?: ConnectionOptions;
      connection?: never;
      children?: ReactNode;
    }
  | {
      /** A connection you made (the core's createConnection, or a test's createMockConnection). */
      connection: Connection;
      url?: never;
      options?: never;
      children?: ReactNode;
    };

interface Owned {
  readonly url: string;
  readonly options: ConnectionOptions;
  readonly connection: LazyConnection;
}

// Frozen: one shared empty options object, which nothing may fill.
const noOptions: ConnectionOptions = Object.freeze({});

/**
 * Gives every hook below it one shared connection. The core connection is created on the first
 * subscription (an effect), so rendering, SSR and StrictMode's discarded renders open nothing; it
 * closes `closeDelay` ms after its last subscriber, which makes StrictMode's remount free.
 */
export function SSEProvider(props: SSEProviderProps) {
  const { url, connection: given, children } = props;
  const options = props.options ?? noOptions;
  if (process.env.NODE_ENV !== 'production' && given === undefined) validateConnectionOptions('<SSEProvider>', options);
  const [owned, setOwned] = useState<Owned | null>(() =>
    url === undefined ? null : { url, options, connection: createLazyConnection(url, options) },
  );
  let current = owned;
  if (url !== undefined && (!current || current.url !== url || !sameConnectionOptions(current.options, options))) {
    // Derived state: React re-renders at once with the new connection (no effect round trip).
    current = { url, options, connection: createLazyConnection(url, options) };
    setOwned(current);
  }
  const lazy = url === undefined ? null : (current?.connection ?? null);
  useEffect(() => {
    lazy?.update(options);
  });
  return <SSEContext.Provider value={given ?? lazy}>{children}</SSEContext.Provider>;
}
