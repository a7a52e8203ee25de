import { createDeferredConnection } from './createDeferredConnection';
import { warn } from '../runtime/isDevelopment';
import type * as TabSharingModule from './createTabSharedConnection';
import type { Connection, ConnectionOptions } from '../types';

type TabSharing = typeof TabSharingModule;
type CreateLocal = (url: string, options: ConnectionOptions) => Connection;

let loaded: TabSharing | undefined;
let loading: Promise<TabSharing> | undefined;

/**
 * Loads the tab-sharing code (its own chunk in bundlers that split dynamic imports, so apps that
 * never set `shareAcrossTabs` do not ship it). Awaiting it first makes later connections start
 * synchronously, which tests do.
 */
export function preloadTabSharing(): Promise<TabSharing> {
  return (loading ??= import('./createTabSharedConnection').then((module) => (loaded = module)));
}

/** createConnection's `shareAcrossTabs` branch. */
export function shareAcrossTabs(url: string, options: ConnectionOptions, createLocal: CreateLocal): Connection {
  if (loaded !== undefined) return loaded.createTabSharedConnection(url, options, createLocal);
  return createDeferredConnection(url, options.lastEventId ?? '', () =>
    preloadTabSharing().then(
      (module) => module.createTabSharedConnection(url, options, createLocal),
      (error: unknown) => {
        // A chunk that failed to load (offline, a deploy replaced it) must not cost the stream.
        if (process.env.NODE_ENV !== 'production') {
          warn(`shareAcrossTabs: the tab-sharing code failed to load (${String(error)}), so this tab opens its own connection to ${url}.`);
        }
        loading = undefined;
        return createLocal(url, { ...options, shareAcrossTabs: false });
      },
    ),
  );
}
