import { errorOf, openTransport, sendableResumeId, type Attempt } from './attempt';
import { attemptOf, enter, isActive, release, type ConnectionContext, type Phase } from './connectionMachine';
import { listenForReset, listenOnTransport, markActivity, publishResumeId } from './eventIntake';
import { afterFailure, retryDelay } from './policy/failurePolicy';
import { isSilentTooLong, pauseReason } from './policy/pausePolicy';
import { createTimer } from '../runtime/createTimer';
import { HEARTBEATS_BEFORE_IDLE } from '../protocol/heartbeatAdvert';
import { SSEError } from '../SSEError';
import type { ConnectionSnapshot } from '../types';
import { FetchTransport } from '../transport/FetchTransport';
import { hasFetch } from '../transport/selectTransport';

// The connection's commands: each does its effects (transports, timers) in the order the policy
// needs, and changes the phase through enter and release (connectionMachine). Only the shell
// (createConnection) calls them.

/** `readyState` CONNECTING of a native EventSource: it is reconnecting by itself. */
const NATIVE_CONNECTING = 0;
/** A native EventSource reconnecting by itself faster than this is obeying a hostile `retry:`. */
const MIN_NATIVE_RETRY_GAP = 250;

/** Opens a new attempt (closing the current one first); stops when no transport can be opened. */
export function connect(context: ConnectionContext, status: 'connecting' | 'reconnecting'): void {
  const { env, resolved } = context;
  release(context);
  // Armed before the transport: a FetchEventSource may report activity from its constructor.
  context.watchdog.arm(resolved.idleTimeout);
  context.lastActivityAt = env.now();
  const resumeFrom = sendableResumeId(context.resumeId);
  const opened = openTransport(context.url, context.options, env, resolved.transport, typeof resumeFrom === 'string' ? resumeFrom : '', {
    isCurrent: (candidate) => attemptOf(context.phase)?.source === candidate,
    onActivity: () => markActivity(context),
    onChunkParsed: () => publishResumeId(context),
    onHeartbeatAdvert: (period) => onHeartbeatAdvert(context, period),
  });
  if (opened instanceof SSEError) {
    stop(context, opened);
    return;
  }
  const { source, native } = opened;
  const retry = (source as { reconnectionTime?: unknown }).reconnectionTime;
  const attempt: Attempt = {
    source,
    handlers: new Map(),
    initialRetry: typeof retry === 'number' ? retry : undefined,
    native,
    perChunk: source instanceof FetchTransport,
    freezeMessages: process.env.NODE_ENV !== 'production',
    opened: false,
    heartbeatMs: undefined,
    unsentId: resumeFrom instanceof SSEError ? resumeFrom : null,
    staleTransportId: undefined,
  };
  context.duplicates.startAttempt();
  if (resolved.connectTimeout !== undefined) context.connectTimer.start(resolved.connectTimeout, () => onConnectTimeout(context, attempt));
  listenForReset(context, attempt);
  source.onopen = () => {
    if (attemptOf(context.phase) === attempt) onOpen(context, attempt);
  };
  source.onerror = (event) => {
    if (attemptOf(context.phase) !== attempt) return;
    if (attempt.native && source.readyState === NATIVE_CONNECTING && !canResumeWithFetch(context)) nativeRetrying(context, attempt, errorOf(event));
    else fail(context, errorOf(event));
  };
  for (const name of context.subscribers.names()) listenOnTransport(context, attempt, name);
  enter(context, { kind: 'connecting', attempt }, { status });
}

function onOpen(context: ConnectionContext, attempt: Attempt): void {
  context.previousUnauthorized = false;
  attempt.opened = true;
  context.connectTimer.cancel();
  markActivity(context);
  enter(context, { kind: 'open', attempt }, { status: 'open', error: attempt.unsentId });
  // A connection that opens and drops at once must keep backing off, so the attempt counter
  // resets only once the stream has proved itself for a while.
  context.stableTimer.start(context.resolved.resetBackoffAfter, () => context.store.set({ retryCount: 0 }));
}

function onConnectTimeout(context: ConnectionContext, attempt: Attempt): void {
  if (attemptOf(context.phase) !== attempt || attempt.opened) return;
  fail(
    context,
    new SSEError(
      'timeout',
      `${context.url} sent no response headers within ${context.resolved.connectTimeout} ms (connectTimeout)${
        process.env.NODE_ENV !== 'production'
          ? '; the attempt was dropped and will be retried. Check that the server answers streams at once (flush the headers before the first event).'
          : ''
      }`,
    ),
  );
}

// The server said how often it sends heartbeats: a few missed ones mean the stream is dead, even
// when a proxy keeps this socket open for a server that is gone.
function onHeartbeatAdvert(context: ConnectionContext, period: number): void {
  const attempt = attemptOf(context.phase);
  if (attempt === null) return;
  attempt.heartbeatMs = period;
  if (context.resolved.idleTimeout === undefined && !context.resolved.idleWatchdogOff) context.watchdog.arm(period * HEARTBEATS_BEFORE_IDLE);
  context.store.set({ heartbeatMs: period });
}

/** The watchdog fired: nothing arrived for too long. */
export function onIdle(context: ConnectionContext): void {
  if (attemptOf(context.phase) === null) return;
  fail(
    context,
    new SSEError(
      'timeout',
      process.env.NODE_ENV !== 'production'
        ? context.resolved.idleTimeout !== undefined
          ? `Nothing arrived from ${context.url} for ${context.resolved.idleTimeout} ms (idleTimeout), not even a heartbeat comment; the connection was dropped and will be retried. Have the server send a comment (": ping") more often, or raise idleTimeout.`
          : `Nothing arrived from ${context.url} for ${context.watchdog.timeout ?? 0} ms, ${HEARTBEATS_BEFORE_IDLE} of the heartbeat periods it advertised; the stream is dead (a proxy may be holding the socket open) and is retried with Last-Event-ID. Set idleTimeout to choose the limit, or false to turn it off.`
        : `Nothing arrived from ${context.url} for ${context.watchdog.timeout ?? 0} ms`,
    ),
  );
}

/** The page came back: a stream that has been silent too long is reconnected now. */
export function onWake(context: ConnectionContext): void {
  const attempt = attemptOf(context.phase);
  if (attempt === null || !attempt.opened) return;
  if (!isSilentTooLong(context.env.now() - context.lastActivityAt, attempt.heartbeatMs, context.resolved.idleTimeout)) return;
  connect(context, 'reconnecting');
}

// A new native instance cannot send Last-Event-ID, so when nothing can replace it by fetch
// (transport: 'native', or no fetch), a native source that reconnects by itself (readyState
// CONNECTING after a network error) is left to do so: it resends the id and honours `retry:`.
// Our backoff does not apply then, but retryCount and maxRetries do.
function canResumeWithFetch({ resolved, env }: ConnectionContext): boolean {
  return resolved.transport !== 'native' && hasFetch(env);
}

function nativeRetrying(context: ConnectionContext, attempt: Attempt, error: SSEError): void {
  const now = context.env.now();
  const tooSoon = now - context.lastNativeRetryAt < MIN_NATIVE_RETRY_GAP;
  context.lastNativeRetryAt = now;
  // A `retry:` of (nearly) 0: take the reconnect over, with our floor, at the cost of resume.
  if (tooSoon) return fail(context, error);
  const retryCount = context.store.get().retryCount + 1;
  const { maxRetries } = context.resolved;
  if (maxRetries !== undefined && retryCount > maxRetries) return stop(context, error);
  context.stableTimer.cancel();
  context.duplicates.startAttempt();
  context.watchdog.feed();
  enter(context, { kind: 'native-retrying', attempt }, { status: 'reconnecting', error, retryCount });
}

/** Releases every transport, timer and environment listener, then enters idle or closed. */
export function teardown(context: ConnectionContext, next: Phase, patch: Partial<ConnectionSnapshot>): void {
  release(context);
  context.deactivate();
  enter(context, next, patch);
}

/** Stops with an error: retrying cannot help, or the user's maxRetries ran out. */
function stop(context: ConnectionContext, error: SSEError): void {
  teardown(context, { kind: 'closed' }, { status: 'closed', error });
}

function fail(context: ConnectionContext, error: SSEError): void {
  release(context);
  if (error.kind === 'too-large') context.tooLargeInARow++;
  const retryCount = context.store.get().retryCount + 1;
  const next = afterFailure(error, {
    retryCount,
    maxRetries: context.resolved.maxRetries,
    previousUnauthorized: context.previousUnauthorized,
    tooLargeInARow: context.tooLargeInARow,
    pauseWanted: pauseReason(context.resolved, context.env) !== undefined,
  });
  context.previousUnauthorized = error.kind === 'http' && error.status === 401;
  switch (next.kind) {
    case 'stop':
      return stop(context, next.error);
    case 'pause':
      return enter(context, PAUSED, { status: 'paused', error, retryCount });
    case 'retry-now':
      context.store.set({ error, retryCount });
      return connect(context, 'reconnecting');
    case 'retry-after-backoff': {
      const delay = retryDelay(context.resolved.backoff, retryCount, error, context.serverRetryMs);
      const retry = createTimer(context.env);
      retry.start(delay, () => connect(context, 'reconnecting'));
      return enter(context, { kind: 'waiting', retry }, { status: 'reconnecting', error, retryCount, nextRetryAt: context.env.now() + delay });
    }
  }
}

const PAUSED: Phase = { kind: 'paused' };

/** Hidden or offline, per the pause options: no stream until the environment changes back. */
function pause(context: ConnectionContext): void {
  enter(context, PAUSED, { status: 'paused' });
}

/** Online/offline or visible/hidden changed (watched only while active). */
export function onEnvironmentChange(context: ConnectionContext): void {
  if (!isActive(context.phase)) return;
  onWake(context);
  if (pauseReason(context.resolved, context.env) !== undefined) {
    if (context.phase.kind !== 'paused') pause(context);
  } else if (context.phase.kind === 'paused') {
    // Back online or visible: reconnect now, the wait was spent paused.
    connect(context, context.store.get().retryCount > 0 ? 'reconnecting' : 'connecting');
  }
}

/** The first subscriber arrived (or reconnect() was called with subscribers): pause or connect. */
export function start(context: ConnectionContext, status: 'connecting' | 'reconnecting'): void {
  if (pauseReason(context.resolved, context.env) !== undefined) pause(context);
  else connect(context, status);
}
