import { createBackoff } from './backoff';
import { classifyFailure } from './classifyFailure';
import { createDuplicateFilter } from './createDuplicateFilter';
import { createIdleWatchdog, type IdleWatchdog } from './idleWatchdog';
import { createSubscribers } from './createSubscribers';
import { createTimer } from './createTimer';
import { idleSnapshot } from './idleSnapshot';
import { resolveEnvironment } from './environment';
import type { FetchEventSourceInit } from './FetchEventSource';
import { warn } from './isDevelopment';
import { tapEvent, trackConnection } from './inspect';
import { reportError } from './reportError';
import { fetchPreferredBy, fetchRequiredBy, isTransportKind, selectTransport } from './selectTransport';
import { SSEError } from './SSEError';
import { shareAcrossTabs } from './shareAcrossTabs';
import type {
  Connection,
  ConnectionOptions,
  ConnectionSnapshot,
  EventSourceLike,
  SSEMessage,
} from './types';

export const DEFAULT_CLOSE_DELAY = 1000;
export const DEFAULT_RESET_BACKOFF_AFTER = 5000;
const MAX_TIMER_DELAY = 2 ** 31 - 1;
const NATIVE_CONNECTING = 0;

type TransportHandler = (event: MessageEvent<string>) => void;

/** One attempt: a transport instance and what the connection knows about it. */
interface Attempt {
  readonly source: EventSourceLike;
  readonly handlers: Map<string, TransportHandler>;
  /** The transport's reconnectionTime when created: a later different value came from `retry:`. */
  readonly initialRetry: number | undefined;
  readonly native: boolean;
}

type NumberOption = 'closeDelay' | 'resetBackoffAfter' | 'idleTimeout' | 'maxRetries';

// Takes the option's name rather than its value: the name is then the only copy in the bundle.
function validNumber(options: ConnectionOptions, name: NumberOption, min: number): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (Number.isFinite(value) && value >= min) return value;
  if (process.env.NODE_ENV !== 'production') warn(`${name} must be a finite number >= ${min}; got ${String(value)}. The option is ignored.`);
  return undefined;
}

function errorOf(event: Event): SSEError {
  const error = (event as { error?: unknown }).error;
  if (error instanceof SSEError) return error;
  // The native EventSource never says why; only FetchEventSource (SSEErrorEvent) does.
  return new SSEError(
    'network',
    "The EventSource connection failed; the browser's EventSource does not say why (network error, a status other than 200, or a Content-Type other than text/event-stream). Use transport: 'fetch' to see the exact cause.",
  );
}

/**
 * A shared, ref-counted SSE connection with the reconnect policy: the store that React binds to
 * with useSyncExternalStore. See ConnectionOptions for the knobs and the README for the policy.
 */
export function createConnection(url: string, options: ConnectionOptions = {}): Connection {
  // createConnection is passed in rather than imported there, so the two files form no import cycle.
  if (options.shareAcrossTabs === true) return shareAcrossTabs(url, options, createConnection);
  // Fail loudly where a developer can fix it; production falls back to 'auto' rather than crash a page.
  if (process.env.NODE_ENV !== 'production' && options.transport !== undefined && !isTransportKind(options.transport)) {
    throw new TypeError(`[@kit/sse-react] Unknown transport ${JSON.stringify(options.transport)}: use 'auto', 'native' or 'fetch'.`);
  }
  const env = resolveEnvironment(options.environment);
  const closeDelay = validNumber(options, 'closeDelay', 0) ?? DEFAULT_CLOSE_DELAY;
  const resetAfter = validNumber(options, 'resetBackoffAfter', 0) ?? DEFAULT_RESET_BACKOFF_AFTER;
  const idleTimeout = validNumber(options, 'idleTimeout', 1);
  const maxRetries = validNumber(options, 'maxRetries', 0);
  const pauseWhenHidden = options.pauseWhenHidden === true;
  const pauseWhenOffline = options.pauseWhenOffline !== false;
  const backoff = options.backoff ?? createBackoff({ random: () => env.random() });
  const transportMode = isTransportKind(options.transport) ? options.transport : 'auto';
  if (process.env.NODE_ENV !== 'production' && transportMode === 'native') {
    const lost = fetchRequiredBy(options) ?? fetchPreferredBy(options, options.lastEventId ?? '');
    if (lost !== undefined) {
      warn(
        `transport: 'native' cannot honour "${lost}" (EventSource sends no headers, method, body or initial Last-Event-ID, bounds no event size and hides heartbeat comments). Use transport: 'auto' or 'fetch'.`,
      );
    }
  }

  const serverSnapshot = idleSnapshot(options.lastEventId);
  let snapshot = serverSnapshot;
  const subscribers = createSubscribers({
    onAdd: onSubscriberAdded,
    onRemove: onSubscriberRemoved,
    onNameAdded(name) {
      if (attempt !== null) listenOnTransport(attempt, name);
    },
    onNameRemoved(name) {
      const handler = attempt?.handlers.get(name);
      if (attempt !== null && handler !== undefined) {
        attempt.source.removeEventListener(name, handler);
        attempt.handlers.delete(name);
      }
    },
  });

  const retryTimer = createTimer(env);
  const closeTimer = createTimer(env);
  const stableTimer = createTimer(env);
  let watchdog: IdleWatchdog | null = null;
  let attempt: Attempt | null = null;
  /** True between the first subscriber (or reconnect()) and teardown: environment signals are watched. */
  let active = false;
  let environmentUnsubscribes: Array<() => void> = [];
  let previousUnauthorized = false;
  let serverRetryMs: number | undefined;
  let resumeId = options.lastEventId ?? '';
  const duplicates = createDuplicateFilter();

  function setSnapshot(patch: Partial<ConnectionSnapshot>): void {
    const next = { ...snapshot, ...patch };
    // Only patched fields can differ, so comparing those decides "really changed".
    if ((Object.keys(patch) as Array<keyof ConnectionSnapshot>).every((key) => Object.is(next[key], snapshot[key]))) return;
    snapshot = Object.freeze(next);
    subscribers.notify();
  }

  function pauseReason(): 'hidden' | 'offline' | undefined {
    if (pauseWhenOffline && env.online !== undefined && !env.online.get()) return 'offline';
    if (pauseWhenHidden && env.visibility !== undefined && !env.visibility.get()) return 'hidden';
    return undefined;
  }

  // ---- transport ------------------------------------------------------------------------------

  function handlerFor(current: Attempt, name: string): TransportHandler {
    return (event) => {
      if (attempt !== current) return;
      watchdog?.feed();
      const id = typeof event.lastEventId === 'string' ? event.lastEventId : '';
      const hasOwnId = (event as { hasOwnId?: unknown }).hasOwnId;
      if (!duplicates.accept(id, typeof hasOwnId === 'boolean' ? hasOwnId : undefined)) return;
      resumeId = id;
      setSnapshot({ lastEventId: id });
      if (!subscribers.hasListeners(name)) return;
      const message: SSEMessage = Object.freeze({
        type: name,
        data: typeof event.data === 'string' ? event.data : String(event.data),
        lastEventId: id,
        origin: typeof event.origin === 'string' ? event.origin : '',
      });
      tapEvent(connection, message);
      subscribers.deliver(name, message);
    };
  }

  function listenOnTransport(current: Attempt, name: string): void {
    if (current.handlers.has(name)) return;
    const handler = handlerFor(current, name);
    current.handlers.set(name, handler);
    current.source.addEventListener(name, handler);
  }

  /** Closes the current transport and keeps what it learnt (last id, `retry:`) for the next one. */
  function stopTransport(): void {
    const current = attempt;
    watchdog?.stop();
    watchdog = null;
    stableTimer.cancel();
    if (current === null) return;
    attempt = null;
    const { source } = current;
    const transportId = (source as { lastEventId?: unknown }).lastEventId;
    // FetchEventSource knows the id of events nobody listened to; native EventSource does not say.
    if (typeof transportId === 'string') resumeId = transportId;
    const retry = (source as { reconnectionTime?: unknown }).reconnectionTime;
    if (typeof retry === 'number' && retry !== current.initialRetry && Number.isFinite(retry)) serverRetryMs = retry;
    source.onopen = null;
    source.onerror = null;
    for (const [name, handler] of current.handlers) source.removeEventListener(name, handler);
    current.handlers.clear();
    try {
      source.close();
    } catch (error) {
      reportError(error);
    }
    if (resumeId !== snapshot.lastEventId) setSnapshot({ lastEventId: resumeId });
  }

  function openTransport(isCurrent: (source: EventSourceLike) => boolean): { source: EventSourceLike; native: boolean } | SSEError {
    const selected = selectTransport({ ...options, transport: transportMode }, env, resumeId);
    if (selected.kind === 'none') return new SSEError('network', selected.reason);
    try {
      if (selected.kind === 'native' && env.EventSource !== undefined) {
        const init = options.withCredentials === undefined ? {} : { withCredentials: options.withCredentials };
        return { source: new env.EventSource(url, init), native: true };
      }
      if (env.FetchEventSource === undefined || env.fetch === undefined) {
        return new SSEError('network', 'No fetch transport is available. Pass environment.fetch.');
      }
      const created: { source?: EventSourceLike } = {};
      const init: FetchEventSourceInit = {
        fetch: env.fetch,
        // The connection owns the reconnect policy; the transport just reports and stops.
        reconnect: false,
        // A closed transport must not keep the next attempt's watchdog alive.
        onActivity: () => {
          if (created.source !== undefined && isCurrent(created.source)) watchdog?.feed();
        },
      };
      // Copied only when set: the init keeps no own `undefined` keys, as exactOptionalPropertyTypes wants.
      for (const key of ['headers', 'method', 'body', 'withCredentials', 'maxEventSize'] as const) {
        if (options[key] !== undefined) (init as Record<string, unknown>)[key] = options[key];
      }
      if (resumeId !== '') init.lastEventId = resumeId;
      created.source = new env.FetchEventSource(url, init);
      return { source: created.source, native: false };
    } catch (error) {
      // An invalid URL: the constructor throws a SyntaxError, and retrying cannot fix it.
      return new SSEError(
        'network',
        `Cannot open an event stream at "${url}" (${error instanceof Error ? error.message : String(error)}). Check the URL.`,
        { cause: error },
      );
    }
  }

  function connect(status: 'connecting' | 'reconnecting'): void {
    stopTransport();
    retryTimer.cancel();
    // Created before the transport: a FetchEventSource may report activity from its constructor.
    if (idleTimeout !== undefined) {
      watchdog = createIdleWatchdog(env, idleTimeout, onIdle);
      watchdog.feed();
    }
    const opened = openTransport((candidate) => attempt?.source === candidate);
    if (opened instanceof SSEError) {
      stop(opened);
      return;
    }
    const { source, native } = opened;
    const retry = (source as { reconnectionTime?: unknown }).reconnectionTime;
    const current: Attempt = {
      source,
      handlers: new Map(),
      initialRetry: typeof retry === 'number' ? retry : undefined,
      native,
    };
    attempt = current;
    duplicates.startAttempt();
    source.onopen = () => {
      if (attempt === current) onOpen();
    };
    source.onerror = (event) => {
      if (attempt !== current) return;
      if (current.native && source.readyState === NATIVE_CONNECTING && !canResumeWithFetch()) {
        nativeRetrying(errorOf(event));
      } else {
        fail(errorOf(event));
      }
    };
    for (const name of subscribers.names()) listenOnTransport(current, name);
    setSnapshot({ status, nextRetryAt: null });
  }

  // ---- policy -----------------------------------------------------------------------------------

  function onOpen(): void {
    previousUnauthorized = false;
    watchdog?.feed();
    setSnapshot({ status: 'open', error: null, nextRetryAt: null });
    // A connection that opens and drops at once must keep backing off, so the attempt counter
    // resets only once the stream has proved itself for a while.
    stableTimer.start(resetAfter, () => setSnapshot({ retryCount: 0 }));
  }

  function onIdle(): void {
    if (attempt === null) return;
    fail(
      new SSEError(
        'timeout',
        `Nothing arrived from ${url} for ${idleTimeout} ms (idleTimeout), not even a heartbeat comment; the connection was dropped and will be retried. Have the server send a comment (": ping") more often, or raise idleTimeout.`,
      ),
    );
  }

  // A new native instance cannot send Last-Event-ID, so when nothing can replace it by fetch
  // (transport: 'native', or no fetch), a native source that reconnects by itself (readyState
  // CONNECTING after a network error) is left to do so: it resends the id and honours `retry:`.
  // Our backoff does not apply then, but retryCount and maxRetries do.
  function canResumeWithFetch(): boolean {
    return transportMode !== 'native' && env.fetch !== undefined && env.FetchEventSource !== undefined;
  }

  function nativeRetrying(error: SSEError): void {
    const retryCount = snapshot.retryCount + 1;
    if (maxRetries !== undefined && retryCount > maxRetries) {
      stop(error);
      return;
    }
    stableTimer.cancel();
    duplicates.startAttempt();
    watchdog?.feed();
    setSnapshot({ status: 'reconnecting', error, retryCount, nextRetryAt: null });
  }

  /** Stops with an error: retrying cannot help, or the user's maxRetries ran out. */
  function stop(error: SSEError): void {
    teardown();
    setSnapshot({ status: 'closed', error, nextRetryAt: null });
  }

  function fail(error: SSEError): void {
    stopTransport();
    const decision = classifyFailure(error, previousUnauthorized);
    previousUnauthorized = error.kind === 'http' && error.status === 401;
    if (decision === 'stop') {
      stop(error);
      return;
    }
    const retryCount = snapshot.retryCount + 1;
    if (maxRetries !== undefined && retryCount > maxRetries) {
      stop(error);
      return;
    }
    if (pauseReason() !== undefined) {
      setSnapshot({ status: 'paused', error, retryCount, nextRetryAt: null });
      return;
    }
    if (decision === 'retry-now') {
      setSnapshot({ error, retryCount });
      connect('reconnecting');
      return;
    }
    let delay: number;
    try {
      delay = backoff(retryCount, error, { retryMs: serverRetryMs });
    } catch (backoffError) {
      // A throwing user backoff must not leave the connection with no transport and no retry.
      reportError(backoffError);
      delay = Number.NaN;
    }
    if (!Number.isFinite(delay) || delay < 0) {
      if (process.env.NODE_ENV !== 'production') warn(`The backoff function returned ${String(delay)} for attempt ${retryCount}; expected a finite number of ms >= 0. Using 1000.`);
      delay = 1000;
    }
    delay = Math.min(delay, MAX_TIMER_DELAY);
    retryTimer.start(delay, () => connect('reconnecting'));
    setSnapshot({ status: 'reconnecting', error, retryCount, nextRetryAt: env.now() + delay });
  }

  function onEnvironmentChange(): void {
    if (!active) return;
    if (pauseReason() !== undefined) {
      if (snapshot.status === 'paused') return;
      stopTransport();
      retryTimer.cancel();
      setSnapshot({ status: 'paused', nextRetryAt: null });
    } else if (snapshot.status === 'paused') {
      // Back online or visible: reconnect now, the wait was spent paused.
      connect(snapshot.retryCount > 0 ? 'reconnecting' : 'connecting');
    }
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  function activate(): void {
    if (active) return;
    active = true;
    trackConnection(connection, describe, true);
    const watch = (source: typeof env.online, wanted: boolean) => {
      if (!wanted || source === undefined) return;
      try {
        environmentUnsubscribes.push(source.subscribe(onEnvironmentChange));
      } catch (error) {
        reportError(error);
      }
    };
    watch(env.online, pauseWhenOffline);
    watch(env.visibility, pauseWhenHidden);
    if (pauseReason() !== undefined) setSnapshot({ status: 'paused', nextRetryAt: null });
    else connect(snapshot.retryCount > 0 ? 'reconnecting' : 'connecting');
  }

  /** Releases every transport, timer and environment listener. */
  function teardown(): void {
    stopTransport();
    retryTimer.cancel();
    closeTimer.cancel();
    const unsubscribes = environmentUnsubscribes;
    environmentUnsubscribes = [];
    for (const unsubscribe of unsubscribes) {
      try {
        unsubscribe();
      } catch (error) {
        reportError(error);
      }
    }
    active = false;
    trackConnection(connection, describe, false);
  }

  // For devtools (inspect.ts): called only when a panel asks.
  const describe = () => ({
    transport: attempt === null ? null : attempt.native ? ('native' as const) : ('fetch' as const),
    ...subscribers.counts(),
    role: 'local' as const,
  });

  function onSubscriberAdded(): void {
    closeTimer.cancel();
    if (!active && snapshot.status !== 'closed') activate();
  }

  function onSubscriberRemoved(): void {
    if (subscribers.size > 0 || !active) return;
    // Not at once: StrictMode unmounts and remounts, and route changes often re-subscribe in the
    // same tick; closing now would cost a reconnect and a replay for nothing.
    closeTimer.start(closeDelay, () => {
      teardown();
      setSnapshot({ status: 'idle', error: null, retryCount: 0, nextRetryAt: null });
    });
  }

  const connection: Connection = {
    url,
    subscribe: subscribers.subscribe,
    getSnapshot: () => snapshot,
    getServerSnapshot: () => serverSnapshot,
    on: subscribers.on,
    close() {
      teardown();
      setSnapshot({ status: 'closed', nextRetryAt: null });
    },
    reconnect() {
      stopTransport();
      retryTimer.cancel();
      previousUnauthorized = false;
      setSnapshot({ retryCount: 0, nextRetryAt: null });
      if (subscribers.size === 0) {
        teardown();
        setSnapshot({ status: 'idle' });
        return;
      }
      closeTimer.cancel();
      if (!active) activate();
      else if (pauseReason() !== undefined) setSnapshot({ status: 'paused' });
      else connect('connecting');
    },
  };
  return connection;
}
