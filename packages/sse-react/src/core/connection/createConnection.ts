import { classifyFailure } from './classifyFailure';
import { resolveOptions } from './connectionOptions';
import { MAX_TIMER_DELAY } from '../runtime/createTimer';
import { createDuplicateFilter } from './createDuplicateFilter';
import { createIdleWatchdog } from './idleWatchdog';
import { createSubscribers } from './createSubscribers';
import { createTimer } from '../runtime/createTimer';
import { HEARTBEATS_BEFORE_IDLE, readHeartbeatAdvert } from '../protocol/heartbeatAdvert';
import { idleSnapshot } from './idleSnapshot';
import { resolveEnvironment } from '../runtime/environment';
import type { FetchEventSourceInit } from '../transport/FetchEventSource';
import { warn } from '../runtime/isDevelopment';
import { tapEvent, trackConnection } from '../runtime/inspect';
import { lastEventIdHeader, MAX_LAST_EVENT_ID_BYTES } from '../protocol/lastEventIdHeader';
import { reportError } from '../runtime/reportError';
import { readReset, RESET_EVENT, type SSEReset } from '../protocol/resetSignal';
import { fetchPreferredBy, fetchRequiredBy, isTransportKind, selectTransport } from '../transport/selectTransport';
import { SSEError } from '../SSEError';
import { shareAcrossTabs } from '../tabs/shareAcrossTabs';
import type {
  Connection,
  ConnectionOptions,
  ConnectionSnapshot,
  EventSourceLike,
  SSEMessage,
} from '../types';

export { DEFAULT_CLOSE_DELAY, DEFAULT_RESET_BACKOFF_AFTER } from './connectionOptions';
const NATIVE_CONNECTING = 0;
/** The same oversized event this many attempts in a row: retrying cannot help, so the connection closes. */
const MAX_TOO_LARGE_IN_A_ROW = 3;
/** More duplicates in a row than any replay overlap explains: the server probably reuses ids. */
const SUSPICIOUS_DUPLICATE_RUN = 50;
/** A native EventSource reconnecting by itself faster than this is obeying a hostile `retry:`. */
const MIN_NATIVE_RETRY_GAP = 250;

type TransportHandler = (event: MessageEvent<string>) => void;

/** One attempt: a transport instance and what the connection knows about it. */
interface Attempt {
  readonly source: EventSourceLike;
  readonly handlers: Map<string, TransportHandler>;
  /** The transport's reconnectionTime when created: a later different value came from `retry:`. */
  readonly initialRetry: number | undefined;
  readonly native: boolean;
  opened: boolean;
  /** The heartbeat period this stream advertised, once it has. */
  heartbeatMs: number | undefined;
  /** Why the resume id was not sent (a header cannot carry it); shown as the error while open. */
  unsentId: SSEError | null;
  /**
   * After a reset without an `id:`, the transport still holds the id from before it; that value
   * must not come back as the resume position when the attempt ends.
   */
  staleTransportId: string | undefined;
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
  const resolved = resolveOptions(options, env);
  const { closeDelay, idleTimeout, connectTimeout, maxRetries, pauseWhenHidden, pauseWhenOffline, backoff } = resolved;
  const transportMode = resolved.transport;
  if (process.env.NODE_ENV !== 'production' && transportMode === 'native') {
    const lost = fetchRequiredBy(options) ?? fetchPreferredBy(options, options.lastEventId ?? '');
    if (lost !== undefined) {
      warn(
        `transport: 'native' cannot honour "${lost}" (EventSource sends no headers, method, body or initial Last-Event-ID, bounds no event size and hides heartbeat comments, so the idle watchdog cannot follow the server's heartbeat). Use transport: 'auto' or 'fetch'.`,
      );
    }
  }

  const serverSnapshot = idleSnapshot(options.lastEventId);
  let snapshot = serverSnapshot;
  const subscribers = createSubscribers({
    onAdd: onSubscriberAdded,
    onRemove: onSubscriberRemoved,
    onNameAdded(name) {
      if (process.env.NODE_ENV !== 'production' && name === RESET_EVENT) {
        warn(`"${RESET_EVENT}" is the kit's reset signal, not delivered to event listeners. Use connection.onReset() or useSSEReset().`);
      }
      if (attempt !== null) listenOnTransport(attempt, name);
    },
    onNameRemoved(name) {
      if (name === RESET_EVENT) return;
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
  const connectTimer = createTimer(env);
  const watchdog = createIdleWatchdog(env, onIdle);
  const resetListeners = new Set<(reset: SSEReset) => void>();
  let attempt: Attempt | null = null;
  /** When the current attempt last received a byte (`environment.now()`). */
  let lastActivityAt = 0;
  let tooLargeInARow = 0;
  let duplicateRun = 0;
  let lastNativeRetryAt = Number.NEGATIVE_INFINITY;
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

  function onActivity(): void {
    lastActivityAt = env.now();
    watchdog.feed();
  }

  function hasOwnIdOf(event: MessageEvent<string>): boolean | undefined {
    const hasOwnId = (event as { hasOwnId?: unknown }).hasOwnId;
    return typeof hasOwnId === 'boolean' ? hasOwnId : undefined;
  }

  function dropDuplicate(id: string): void {
    duplicateRun++;
    setSnapshot({ droppedDuplicates: snapshot.droppedDuplicates + 1 });
    if (process.env.NODE_ENV !== 'production' && duplicateRun === SUSPICIOUS_DUPLICATE_RUN) {
      warn(
        `${SUSPICIOUS_DUPLICATE_RUN} events in a row from ${url} were dropped as duplicates (the latest id: ${JSON.stringify(id)}): more than a replay overlap explains. The server seems to reuse ids from before a restart without sending "${RESET_EVENT}". Make its ids unique across restarts (@kit/sse-server does), or have it send the reset.`,
      );
    }
  }

  function handlerFor(current: Attempt, name: string): TransportHandler {
    return (event) => {
      if (attempt !== current) return;
      onActivity();
      const id = typeof event.lastEventId === 'string' ? event.lastEventId : '';
      if (!duplicates.accept(id, hasOwnIdOf(event))) {
        dropDuplicate(id);
        return;
      }
      duplicateRun = 0;
      tooLargeInARow = 0;
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

  // A protocol signal: never filtered as a duplicate (a new history may reuse a recent id), never
  // delivered as data.
  function onResetEvent(current: Attempt, event: MessageEvent<string>): void {
    if (attempt !== current) return;
    onActivity();
    const reset = readReset(typeof event.data === 'string' ? event.data : '', env.now());
    duplicates.clear();
    duplicateRun = 0;
    const id = typeof event.lastEventId === 'string' ? event.lastEventId : '';
    if (hasOwnIdOf(event) === false) {
      if (process.env.NODE_ENV !== 'production') {
        warn(`A "${RESET_EVENT}" event from ${url} carried no id: the next reconnect sends no Last-Event-ID (it starts fresh). A server should send its current position as the reset's id.`);
      }
      current.staleTransportId = id;
      resumeId = '';
    } else {
      resumeId = id;
    }
    setSnapshot({ lastEventId: resumeId, resets: snapshot.resets + 1, lastReset: reset });
    tapEvent(connection, Object.freeze({ type: RESET_EVENT, data: String(event.data), lastEventId: resumeId, origin: '' }));
    for (const listener of [...resetListeners]) {
      try {
        listener(reset);
      } catch (error) {
        reportError(error);
      }
    }
  }

  function listenOnTransport(current: Attempt, name: string): void {
    if (current.handlers.has(name) || name === RESET_EVENT) return;
    const handler = handlerFor(current, name);
    current.handlers.set(name, handler);
    current.source.addEventListener(name, handler);
  }

  /** Closes the current transport and keeps what it learnt (last id, `retry:`) for the next one. */
  function stopTransport(): void {
    const current = attempt;
    watchdog.stop();
    stableTimer.cancel();
    connectTimer.cancel();
    if (current === null) return;
    attempt = null;
    const { source } = current;
    const transportId = (source as { lastEventId?: unknown }).lastEventId;
    // FetchEventSource knows the id of events nobody listened to; native EventSource does not say.
    if (typeof transportId === 'string' && transportId !== current.staleTransportId) resumeId = transportId;
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

  /** The resume id if a header can carry it; else the error that says why it is not sent. */
  function sendableResumeId(): string | SSEError {
    if (resumeId === '' || lastEventIdHeader(resumeId) !== undefined) return resumeId;
    const error = new SSEError(
      'parse',
      `The server's last event id (${JSON.stringify(resumeId.slice(0, 80))}${resumeId.length > 80 ? '…' : ''}) cannot be sent back as a Last-Event-ID header (it has a control character, or is over ${MAX_LAST_EVENT_ID_BYTES} bytes), so this reconnect resumes without it and may miss events. Give events printable ASCII ids.`,
    );
    if (process.env.NODE_ENV !== 'production') warn(error.message);
    return error;
  }

  function openTransport(
    isCurrent: (source: EventSourceLike) => boolean,
    resumeFrom: string,
  ): { source: EventSourceLike; native: boolean } | SSEError {
    const selected = selectTransport({ ...options, transport: transportMode }, env);
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
          if (created.source !== undefined && isCurrent(created.source)) onActivity();
        },
        onComment: (comment) => {
          if (created.source === undefined || !isCurrent(created.source)) return;
          const period = readHeartbeatAdvert(comment);
          if (period !== undefined) onHeartbeatAdvert(period);
        },
      };
      // Copied only when set: the init keeps no own `undefined` keys, as exactOptionalPropertyTypes wants.
      for (const key of ['headers', 'method', 'body', 'withCredentials', 'maxEventSize'] as const) {
        if (options[key] !== undefined) (init as Record<string, unknown>)[key] = options[key];
      }
      if (resumeFrom !== '') init.lastEventId = resumeFrom;
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
    // Armed before the transport: a FetchEventSource may report activity from its constructor.
    watchdog.arm(idleTimeout);
    lastActivityAt = env.now();
    const resumeFrom = sendableResumeId();
    const opened = openTransport((candidate) => attempt?.source === candidate, typeof resumeFrom === 'string' ? resumeFrom : '');
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
      opened: false,
      heartbeatMs: undefined,
      unsentId: resumeFrom instanceof SSEError ? resumeFrom : null,
      staleTransportId: undefined,
    };
    attempt = current;
    duplicates.startAttempt();
    if (connectTimeout !== undefined) connectTimer.start(connectTimeout, () => onConnectTimeout(current));
    // In the handler table like a name, so stopTransport removes it with the rest.
    const resetHandler: TransportHandler = (event) => onResetEvent(current, event);
    current.handlers.set(RESET_EVENT, resetHandler);
    source.addEventListener(RESET_EVENT, resetHandler);
    source.onopen = () => {
      if (attempt === current) onOpen(current);
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

  function onOpen(current: Attempt): void {
    previousUnauthorized = false;
    current.opened = true;
    connectTimer.cancel();
    onActivity();
    setSnapshot({ status: 'open', error: current.unsentId, nextRetryAt: null });
    // A connection that opens and drops at once must keep backing off, so the attempt counter
    // resets only once the stream has proved itself for a while.
    stableTimer.start(resolved.resetBackoffAfter, () => setSnapshot({ retryCount: 0 }));
  }

  function onConnectTimeout(current: Attempt): void {
    if (attempt !== current || current.opened) return;
    fail(
      new SSEError(
        'timeout',
        `${url} sent no response headers within ${connectTimeout} ms (connectTimeout); the attempt was dropped and will be retried. Check that the server answers streams at once (flush the headers before the first event).`,
      ),
    );
  }

  // The server said how often it sends heartbeats: a few missed ones mean the stream is dead, even
  // when a proxy keeps this socket open for a server that is gone.
  function onHeartbeatAdvert(period: number): void {
    if (attempt === null) return;
    attempt.heartbeatMs = period;
    if (idleTimeout === undefined && !resolved.idleWatchdogOff) watchdog.arm(period * HEARTBEATS_BEFORE_IDLE);
    setSnapshot({ heartbeatMs: period });
  }

  function onIdle(): void {
    if (attempt === null) return;
    const explicit = idleTimeout !== undefined;
    fail(
      new SSEError(
        'timeout',
        explicit
          ? `Nothing arrived from ${url} for ${idleTimeout} ms (idleTimeout), not even a heartbeat comment; the connection was dropped and will be retried. Have the server send a comment (": ping") more often, or raise idleTimeout.`
          : `Nothing arrived from ${url} for ${watchdog.timeout ?? 0} ms, ${HEARTBEATS_BEFORE_IDLE} of the heartbeat periods it advertised; the stream is dead (a proxy may be holding the socket open) and is retried with Last-Event-ID. Set idleTimeout to choose the limit, or false to turn it off.`,
      ),
    );
  }

  /**
   * The page came back (visible, online, restored from the back-forward cache). Mobile browsers
   * kill background sockets without telling anyone: a stream silent for longer than its heartbeat
   * period is reconnected now rather than when the watchdog fires.
   */
  function onWake(): void {
    const current = attempt;
    if (current === null || !current.opened) return;
    const period = current.heartbeatMs ?? idleTimeout;
    if (period === undefined || env.now() - lastActivityAt <= period) return;
    connect('reconnecting');
  }

  // A new native instance cannot send Last-Event-ID, so when nothing can replace it by fetch
  // (transport: 'native', or no fetch), a native source that reconnects by itself (readyState
  // CONNECTING after a network error) is left to do so: it resends the id and honours `retry:`.
  // Our backoff does not apply then, but retryCount and maxRetries do.
  function canResumeWithFetch(): boolean {
    return transportMode !== 'native' && env.fetch !== undefined && env.FetchEventSource !== undefined;
  }

  function nativeRetrying(error: SSEError): void {
    const now = env.now();
    const tooSoon = now - lastNativeRetryAt < MIN_NATIVE_RETRY_GAP;
    lastNativeRetryAt = now;
    if (tooSoon) {
      // A `retry:` of (nearly) 0: take the reconnect over, with our floor, at the cost of resume.
      fail(error);
      return;
    }
    const retryCount = snapshot.retryCount + 1;
    if (maxRetries !== undefined && retryCount > maxRetries) {
      stop(error);
      return;
    }
    stableTimer.cancel();
    duplicates.startAttempt();
    watchdog.feed();
    setSnapshot({ status: 'reconnecting', error, retryCount, nextRetryAt: null });
  }

  /** Stops with an error: retrying cannot help, or the user's maxRetries ran out. */
  function stop(error: SSEError): void {
    teardown();
    setSnapshot({ status: 'closed', error, nextRetryAt: null });
  }

  function fail(error: SSEError): void {
    stopTransport();
    if (error.kind === 'too-large' && ++tooLargeInARow >= MAX_TOO_LARGE_IN_A_ROW) {
      stop(
        new SSEError(
          'too-large',
          `${error.message} It happened ${tooLargeInARow} attempts in a row (the same event is sent again on every resume), so the connection is closed; call reconnect() after raising maxEventSize.`,
        ),
      );
      return;
    }
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
    onWake();
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
    // Watched whatever the pause options say: coming back visible or online is also a wake-up.
    const watch = (source: { subscribe(listener: () => void): () => void } | undefined, listener: () => void) => {
      if (source === undefined) return;
      try {
        environmentUnsubscribes.push(source.subscribe(listener));
      } catch (error) {
        reportError(error);
      }
    };
    watch(env.online, onEnvironmentChange);
    watch(env.visibility, onEnvironmentChange);
    watch(env.wake, onWake);
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
    onReset(listener) {
      resetListeners.add(listener);
      return () => {
        resetListeners.delete(listener);
      };
    },
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
