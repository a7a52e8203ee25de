import { createDeferredConnection } from './createDeferredConnection';
import { warn } from '../runtime/isDevelopment';
import type * as TabSharingModule from './createTabSharedConnection';
import type { Connection, ConnectionOptions } from '../types';

type TabSharing = typeof TabSharingModule;
type CreateLocal = (url: string, options: ConnectionOptions) => Connection;

// registry: the tab-sharing chunk of this page, loaded once (`loading` is forgotten when the load
// fails, so the next connection tries again), and how many tab-shared connections the page made
// (each tab id carries its ordinal).
const tabSharing: { loaded: TabSharing | undefined; loading: Promise<TabSharing> | undefined; made: number } = {
  loaded: undefined,
  loading: undefined,
  made: 0,
};

/**
 * Loads the tab-sharing code (its own chunk in bundlers that split dynamic imports, so apps that
 * never set `shareAcrossTabs` do not ship it). Awaiting it first makes later connections start
 * synchronously, which tests do.
 */
export function preloadTabSharing(): Promise<TabSharing> {
  return (tabSharing.loading ??= import('./createTabSharedConnection').then((module) => (tabSharing.loaded = module)));
}

/** createConnection's `shareAcrossTabs` branch. */
export function shareAcrossTabs(url: string, options: ConnectionOptions, createLocal: CreateLocal): Connection {
  const ordinal = (tabSharing.made += 1);
  const { loaded } = tabSharing;
  if (loaded !== undefined) return loaded.createTabSharedConnection(url, options, createLocal, ordinal);
  return createDeferredConnection(url, options.lastEventId ?? '', () =>
    preloadTabSharing().then(
      (module) => module.createTabSharedConnection(url, options, createLocal, ordinal),
      (error: unknown) => {
        // A chunk that failed to load (offline, a deploy replaced it) must not cost the stream.
        if (process.env.NODE_ENV !== 'production') {
          warn(`shareAcrossTabs: the tab-sharing code failed to load (${String(error)}), so this tab opens its own connection to ${url}.`);
        }
        tabSharing.loading = undefined;
        return createLocal(url, { ...options, shareAcrossTabs: false });
      },
    ),
  );
}
