import { resolveCloseDelay } from '../connection/connectionOptions';
import { createDelayedClose } from '../connection/createDelayedClose';
import { BACK_TO_IDLE } from '../connection/idleSnapshot';
import { resolveEnvironment } from '../runtime/environment';
import { tapEvent, trackConnection } from '../runtime/inspect';
import { warn } from '../runtime/isDevelopment';
import type { Connection, ConnectionOptions, SSEEnvironment } from '../types';
import { createTabStore } from './createTabStore';
import { createTabSession } from './createTabSession';
import { tabEnvironment } from './tabEnvironment';
import { tabStreamKey } from './tabStreamKey';

type CreateLocal = (url: string, options: ConnectionOptions) => Connection;

/**
 * Random and clock come from the environment; `ordinal` (this page's count of tab connections)
 * keeps two connections of one page apart even where `random` repeats, as test fakes' does.
 */
function newTabId(env: SSEEnvironment, ordinal: number): string {
  return env.random().toString(36).slice(2, 10) + env.now().toString(36).slice(-4) + ordinal.toString(36);
}

/**
 * `shareAcrossTabs`: one HTTP connection per stream for all of this origin's tabs. The tab that
 * holds the stream's Web Lock leads: it runs a real connection (createLocal) and relays its events
 * and status over a BroadcastChannel; the other tabs follow and deliver what they receive to
 * their listeners as a local connection would. A leader that closes releases its lock and the
 * next tab in the lock's queue resumes from the last event id it delivered; duplicate ids are
 * dropped, so a hand-over loses and repeats nothing.
 */
export function createTabSharedConnection(url: string, options: ConnectionOptions, createLocal: CreateLocal, ordinal = 0): Connection {
  const localOptions: ConnectionOptions = { ...options, shareAcrossTabs: false };
  const tabEnv = tabEnvironment(options.environment);
  if (typeof tabEnv === 'string') {
    if (process.env.NODE_ENV !== 'production') warn(`shareAcrossTabs: ${tabEnv}, so this tab opens its own connection to ${url}.`);
    return createLocal(url, localOptions);
  }
  const env = resolveEnvironment(options.environment);
  const tabId = newTabId(env, ordinal);
  const delayedClose = createDelayedClose(env, resolveCloseDelay(options), () => {
    session.deactivate();
    store.set(BACK_TO_IDLE);
  });
  let closed = false;

  const store = createTabStore(
    options.lastEventId,
    {
      onAdd() {
        delayedClose.cancel();
        if (!session.active && !closed) session.activate();
      },
      onRemove() {
        if (store.subscribers.size === 0 && session.active) delayedClose.schedule();
      },
      onNameAdded: () => session.namesChanged(),
      onNameRemoved: () => session.namesChanged(),
    },
    (message) => tapEvent(connection, message),
  );

  const session = createTabSession({
    tabId,
    name: `@kit/sse-react ${tabStreamKey(url, options, tabId)}`,
    env,
    tabEnv,
    store,
    open(lastEventId, anyTabVisible) {
      const resumeFrom = lastEventId === '' ? {} : { lastEventId };
      const visibility = options.pauseWhenHidden === true ? { environment: { ...options.environment, visibility: anyTabVisible } } : {};
      return createLocal(url, { ...localOptions, ...resumeFrom, ...visibility });
    },
    track: (active) => trackConnection(connection, describe, active),
  });

  function describe() {
    return { transport: session.role.transport(), ...store.subscribers.counts(), role: session.role.name };
  }

  const connection: Connection = {
    url,
    subscribe: store.subscribers.subscribe,
    getSnapshot: store.get,
    getServerSnapshot: () => store.serverSnapshot,
    on: store.subscribers.on,
    onReset: store.onReset,
    close() {
      // This tab stops; the others carry on (one of them takes the lead if this tab had it).
      closed = true;
      delayedClose.cancel();
      session.deactivate();
      store.set({ status: 'closed', nextRetryAt: null });
    },
    reconnect() {
      closed = false;
      if (session.active) session.role.reconnect();
      else if (store.subscribers.size > 0) session.activate();
      else store.set(BACK_TO_IDLE);
    },
  };
  return connection;
}
