import { assertTransportKind, resolveOptions, type ResolvedOptions } from './connectionOptions';
import { attemptOf, isActive, release, type ConnectionContext } from './connectionMachine';
import { createDelayedClose } from './createDelayedClose';
import { createDuplicateFilter } from './createDuplicateFilter';
import { createSnapshotStore } from './createSnapshotStore';
import { createSubscribers } from './createSubscribers';
import { flushResumeId, listenOnTransport, stopListening } from './eventIntake';
import { BACK_TO_IDLE, idleSnapshot } from './idleSnapshot';
import { createIdleWatchdog } from './idleWatchdog';
import { onEnvironmentChange, onIdle, onWake, start, teardown } from './runConnection';
import { createTimer } from '../runtime/createTimer';
import { resolveEnvironment } from '../runtime/environment';
import { trackConnection } from '../runtime/inspect';
import { warn } from '../runtime/isDevelopment';
import { reportError } from '../runtime/reportError';
import { RESET_EVENT } from '../protocol/resetSignal';
import { fetchPreferredBy, fetchRequiredBy } from '../transport/selectTransport';
import { shareAcrossTabs } from '../tabs/shareAcrossTabs';
import type { Connection, ConnectionOptions, SSEEnvironment } from '../types';

export { DEFAULT_CLOSE_DELAY, DEFAULT_RESET_BACKOFF_AFTER } from './connectionOptions';

function warnAboutNativeLimits(options: ConnectionOptions, resolved: ResolvedOptions): void {
  if (resolved.transport !== 'native') return;
  const lost = fetchRequiredBy(options) ?? fetchPreferredBy(options, options.lastEventId ?? '');
  if (lost !== undefined) {
    warn(
      `transport: 'native' cannot honour "${lost}" (EventSource sends no headers, method, body or initial Last-Event-ID, bounds no event size and hides heartbeat comments, so the idle watchdog cannot follow the server's heartbeat). Use transport: 'auto' or 'fetch'.`,
    );
  }
}

/** Subscribes to the environment's signals, each guarded: a throwing source costs its signal only. Returns the unsubscribes. */
function watchEnvironment(env: SSEEnvironment, context: ConnectionContext): Array<() => void> {
  const offs: Array<() => void> = [];
  const watch = (source: { subscribe(listener: () => void): () => void } | undefined, listener: () => void) => {
    if (source === undefined) return;
    try {
      offs.push(source.subscribe(listener));
    } catch (error) {
      reportError(error);
    }
  };
  // Watched whatever the pause options say: coming back visible or online is also a wake-up.
  watch(env.online, () => onEnvironmentChange(context));
  watch(env.visibility, () => onEnvironmentChange(context));
  watch(env.wake, () => onWake(context));
  return offs;
}

function unwatch(offs: ReadonlyArray<() => void>): void {
  for (const off of offs) {
    try {
      off();
    } catch (error) {
      reportError(error);
    }
  }
}

/**
 * A shared, ref-counted SSE connection with the reconnect policy: the store that React binds to
 * with useSyncExternalStore. See ConnectionOptions for the knobs and the README for the policy.
 * This is the shell: subscribers, the close delay, inspect and the environment; the phases and
 * the policy are in connectionMachine and runConnection.
 */
export function createConnection(url: string, options: ConnectionOptions = {}): Connection {
  // createConnection is passed in rather than imported there, so the two files form no import cycle.
  if (options.shareAcrossTabs === true) return shareAcrossTabs(url, options, createConnection);
  // Fail loudly where a developer can fix it; production falls back to 'auto' rather than crash a page.
  if (process.env.NODE_ENV !== 'production') assertTransportKind(options.transport);
  const env = resolveEnvironment(options.environment);
  const resolved = resolveOptions(options, env);
  if (process.env.NODE_ENV !== 'production') warnAboutNativeLimits(options, resolved);

  const serverSnapshot = idleSnapshot(options.lastEventId);
  let environmentOffs: Array<() => void> = [];
  const subscribers = createSubscribers({
    onAdd() {
      closeDelay.cancel();
      if (context.phase.kind === 'idle') activate();
    },
    onRemove() {
      if (subscribers.size === 0 && isActive(context.phase)) closeDelay.schedule();
    },
    onNameAdded(name) {
      if (process.env.NODE_ENV !== 'production' && name === RESET_EVENT) {
        warn(`"${RESET_EVENT}" is the kit's reset signal, not delivered to event listeners. Use connection.onReset() or useSSEReset().`);
      }
      const attempt = attemptOf(context.phase);
      if (attempt !== null) listenOnTransport(context, attempt, name);
    },
    onNameRemoved(name) {
      const attempt = attemptOf(context.phase);
      if (attempt !== null) stopListening(attempt, name);
    },
  });
  const closeDelay = createDelayedClose(env, resolved.closeDelay, () => teardown(context, { kind: 'idle' }, BACK_TO_IDLE));

  // For devtools (inspect.ts): called only when a panel asks.
  const describe = () => {
    const attempt = attemptOf(context.phase);
    return {
      transport: attempt === null ? null : attempt.native ? ('native' as const) : ('fetch' as const),
      ...subscribers.counts(),
      role: 'local' as const,
    };
  };

  function activate(): void {
    trackConnection(connection, describe, true);
    environmentOffs = watchEnvironment(env, context);
    start(context, context.store.get().retryCount > 0 ? 'reconnecting' : 'connecting');
  }

  const connection: Connection = {
    url,
    // Both first publish the id events left unpublished while no status subscriber listened (eventIntake).
    subscribe(listener) {
      flushResumeId(context);
      return subscribers.subscribe(listener);
    },
    getSnapshot() {
      flushResumeId(context);
      return context.store.get();
    },
    getServerSnapshot: () => serverSnapshot,
    on: subscribers.on,
    onReset: subscribers.onReset,
    close: () => teardown(context, { kind: 'closed' }, { status: 'closed' }),
    reconnect() {
      release(context);
      context.previousUnauthorized = false;
      context.store.set({ retryCount: 0, nextRetryAt: null });
      // With nobody listening, the last error stays on show.
      if (subscribers.size === 0) return teardown(context, { kind: 'idle' }, { status: 'idle' });
      closeDelay.cancel();
      if (isActive(context.phase)) start(context, 'connecting');
      else activate();
    },
  };

  const context: ConnectionContext = {
    url,
    options,
    env,
    resolved,
    store: createSnapshotStore(serverSnapshot, subscribers.notify),
    subscribers,
    duplicates: createDuplicateFilter(),
    watchdog: createIdleWatchdog(env, () => onIdle(context)),
    stableTimer: createTimer(env),
    connectTimer: createTimer(env),
    connection,
    deactivate() {
      closeDelay.cancel();
      const offs = environmentOffs;
      environmentOffs = [];
      unwatch(offs);
      trackConnection(connection, describe, false);
    },
    phase: { kind: 'idle' },
    resumeId: options.lastEventId ?? '',
    serverRetryMs: undefined,
    previousUnauthorized: false,
    tooLargeInARow: 0,
    duplicateRun: 0,
    lastActivityAt: 0,
    lastNativeRetryAt: Number.NEGATIVE_INFINITY,
  };
  return connection;
}
