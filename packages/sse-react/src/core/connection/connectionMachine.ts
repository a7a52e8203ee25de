import { closeAttempt, type Attempt } from './attempt';
import type { ResolvedOptions } from './connectionOptions';
import type { DuplicateFilter } from './createDuplicateFilter';
import type { SnapshotStore } from './createSnapshotStore';
import type { Subscribers } from './createSubscribers';
import type { IdleWatchdog } from './idleWatchdog';
import { BACK_TO_IDLE } from './idleSnapshot';
import type { Timer } from '../runtime/createTimer';
import type { SSEReset } from '../protocol/resetSignal';
import type { SSEError } from '../SSEError';
import type { Connection, ConnectionOptions, ConnectionSnapshot, SSEEnvironment } from '../types';

/**
 * Where a connection is, with what that phase holds. Only the attempt phases own a transport and
 * only `waiting` owns the retry timer, so leaving a phase (in dispatch) releases exactly those.
 * - `idle`: no subscriber (or never started); nothing watched, nothing open.
 * - `connecting`: an attempt waits for its response headers (status connecting or reconnecting).
 * - `open`: the attempt's stream is flowing.
 * - `native-retrying`: a native EventSource reconnects by itself, which alone resends Last-Event-ID.
 * - `between-attempts`: an attempt just ended and the policy is choosing what comes next, within
 *   the same call: never left standing.
 * - `waiting`: the backoff runs; its timer starts the next attempt.
 * - `paused`: hidden or offline, per the pause options; the environment's change resumes it.
 * - `closed`: stopped (by close(), or because retrying cannot help) until reconnect().
 */
export type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting'; readonly attempt: Attempt }
  | { readonly kind: 'open'; readonly attempt: Attempt }
  | { readonly kind: 'native-retrying'; readonly attempt: Attempt }
  | { readonly kind: 'between-attempts' }
  | { readonly kind: 'waiting'; readonly retry: Timer }
  | { readonly kind: 'paused' }
  | { readonly kind: 'closed' };

export type Action =
  | { readonly type: 'event'; readonly lastEventId: string }
  | { readonly type: 'duplicate-dropped' }
  | { readonly type: 'reset'; readonly lastEventId: string; readonly reset: SSEReset }
  | { readonly type: 'heartbeat-advertised'; readonly ms: number }
  | { readonly type: 'proved-stable' }
  | { readonly type: 'released' }
  | { readonly type: 'connecting'; readonly attempt: Attempt; readonly status: 'connecting' | 'reconnecting' }
  | { readonly type: 'opened' }
  | { readonly type: 'native-retrying'; readonly error: SSEError; readonly retryCount: number }
  | { readonly type: 'retrying-now'; readonly error: SSEError; readonly retryCount: number }
  | { readonly type: 'waiting'; readonly retry: Timer; readonly retryAt: number; readonly error: SSEError; readonly retryCount: number }
  | { readonly type: 'paused'; readonly failure?: { readonly error: SSEError; readonly retryCount: number } }
  | { readonly type: 'closed'; readonly error?: SSEError }
  | { readonly type: 'reconnect-requested' }
  | { readonly type: 'idle'; readonly after: 'close-delay' | 'reconnect' };

/** Everything one local connection works with: its parts, its phase, and what outlives an attempt. */
export interface ConnectionContext {
  readonly url: string;
  readonly options: ConnectionOptions;
  readonly env: SSEEnvironment;
  readonly resolved: ResolvedOptions;
  readonly store: SnapshotStore;
  readonly subscribers: Subscribers;
  readonly duplicates: DuplicateFilter;
  readonly watchdog: IdleWatchdog;
  readonly stableTimer: Timer;
  readonly connectTimer: Timer;
  /** The public object, which inspect's event tap names. */
  readonly connection: Connection;
  /** Releases what only the shell holds: the close delay, environment subscriptions, inspect registration. */
  readonly deactivate: () => void;
  /** Written by dispatch only. */
  phase: Phase;
  resumeId: string;
  serverRetryMs: number | undefined;
  previousUnauthorized: boolean;
  tooLargeInARow: number;
  duplicateRun: number;
  /** When the current attempt last received a byte (`environment.now()`). */
  lastActivityAt: number;
  lastNativeRetryAt: number;
}

export function attemptOf(phase: Phase): Attempt | null {
  return phase.kind === 'connecting' || phase.kind === 'open' || phase.kind === 'native-retrying' ? phase.attempt : null;
}

/** Between the first subscriber (or reconnect()) and teardown: environment signals are watched. */
export function isActive(phase: Phase): boolean {
  return phase.kind !== 'idle' && phase.kind !== 'closed';
}

/** The phase an action leads to: pure. */
function nextPhase(phase: Phase, action: Action): Phase {
  const attempt = attemptOf(phase);
  switch (action.type) {
    case 'connecting':
      return { kind: 'connecting', attempt: action.attempt };
    case 'opened':
      return attempt === null ? phase : { kind: 'open', attempt };
    case 'native-retrying':
      return attempt === null ? phase : { kind: 'native-retrying', attempt };
    case 'released':
    case 'reconnect-requested':
    case 'retrying-now':
      return isActive(phase) ? { kind: 'between-attempts' } : phase;
    case 'waiting':
      return { kind: 'waiting', retry: action.retry };
    case 'paused':
      return { kind: 'paused' };
    case 'closed':
      return { kind: 'closed' };
    case 'idle':
      return { kind: 'idle' };
    default:
      return phase;
  }
}

/** What an action changes in the published snapshot: pure; null when nothing. */
function patchFor(snapshot: ConnectionSnapshot, action: Action, phase: Phase): Partial<ConnectionSnapshot> | null {
  switch (action.type) {
    case 'event':
      return { lastEventId: action.lastEventId };
    case 'duplicate-dropped':
      return { droppedDuplicates: snapshot.droppedDuplicates + 1 };
    case 'reset':
      return { lastEventId: action.lastEventId, resets: snapshot.resets + 1, lastReset: action.reset };
    case 'heartbeat-advertised':
      return { heartbeatMs: action.ms };
    case 'proved-stable':
      return { retryCount: 0 };
    case 'connecting':
      return { status: action.status, nextRetryAt: null };
    case 'opened':
      return { status: 'open', error: attemptOf(phase)?.unsentId ?? null, nextRetryAt: null };
    case 'native-retrying':
      return { status: 'reconnecting', error: action.error, retryCount: action.retryCount, nextRetryAt: null };
    case 'retrying-now':
      return { error: action.error, retryCount: action.retryCount };
    case 'waiting':
      return { status: 'reconnecting', error: action.error, retryCount: action.retryCount, nextRetryAt: action.retryAt };
    case 'paused':
      return action.failure === undefined ? { status: 'paused', nextRetryAt: null } : { status: 'paused', ...action.failure, nextRetryAt: null };
    case 'closed':
      return action.error === undefined ? { status: 'closed', nextRetryAt: null } : { status: 'closed', error: action.error, nextRetryAt: null };
    case 'reconnect-requested':
      return { retryCount: 0, nextRetryAt: null };
    case 'idle':
      // After reconnect() with nobody listening, the last error stays on show.
      return action.after === 'close-delay' ? BACK_TO_IDLE : { status: 'idle' };
    case 'released':
      return null;
  }
}

/** Releases what `previous` held and `next` does not; true when a transport was closed. */
function leave(context: ConnectionContext, previous: Phase, next: Phase): boolean {
  if (previous.kind === 'waiting') previous.retry.cancel();
  const nextAttempt = attemptOf(next);
  if (nextAttempt === null) {
    context.watchdog.stop();
    context.stableTimer.cancel();
    context.connectTimer.cancel();
  }
  const attempt = attemptOf(previous);
  if (attempt === null || attempt === nextAttempt) return false;
  const learnt = closeAttempt(attempt);
  if (learnt.transportId !== undefined) context.resumeId = learnt.transportId;
  if (learnt.retryMs !== undefined) context.serverRetryMs = learnt.retryMs;
  return true;
}

/**
 * The only writer of the phase and of the snapshot (TanStack Query's `#dispatch`): the next phase
 * and the patch come from pure functions; leaving a phase releases what it held, and a closed
 * transport's last id is published before the action's own change, as its own snapshot.
 */
export function dispatch(context: ConnectionContext, action: Action): void {
  const previous = context.phase;
  const next = nextPhase(previous, action);
  if (next !== previous) {
    context.phase = next;
    if (leave(context, previous, next)) context.store.set({ lastEventId: context.resumeId });
  }
  const patch = patchFor(context.store.get(), action, next);
  if (patch !== null) context.store.set(patch);
}
