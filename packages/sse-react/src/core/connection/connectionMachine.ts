import { closeAttempt, type Attempt } from './attempt';
import type { ResolvedOptions } from './connectionOptions';
import type { DuplicateFilter } from './createDuplicateFilter';
import type { SnapshotStore } from './createSnapshotStore';
import type { Subscribers } from './createSubscribers';
import type { IdleWatchdog } from './idleWatchdog';
import type { Timer } from '../runtime/createTimer';
import type { Connection, ConnectionOptions, ConnectionSnapshot, SSEEnvironment } from '../types';

/**
 * Where a connection is, with what that phase holds. Only the attempt phases own a transport and
 * only `waiting` owns the retry timer, so leaving a phase (in move) releases exactly those.
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
  /** Written by enter and release only. */
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

/**
 * Sets the phase, releasing what the previous one held and the next does not; a closed
 * transport's last id is published at once, as its own snapshot, before the caller's change.
 */
function move(context: ConnectionContext, next: Phase): void {
  const previous = context.phase;
  context.phase = next;
  if (previous.kind === 'waiting') previous.retry.cancel();
  const nextAttempt = attemptOf(next);
  if (nextAttempt === null) {
    context.watchdog.stop();
    context.stableTimer.cancel();
    context.connectTimer.cancel();
  }
  const attempt = attemptOf(previous);
  if (attempt === null || attempt === nextAttempt) return;
  const learnt = closeAttempt(attempt);
  if (learnt.transportId !== undefined) context.resumeId = learnt.transportId;
  if (learnt.retryMs !== undefined) context.serverRetryMs = learnt.retryMs;
  context.store.set({ lastEventId: context.resumeId });
}

/**
 * Enters a phase and publishes what it shows, with `nextRetryAt` cleared unless `patch` sets it
 * (only `waiting` has a retry ahead). With release, the only writer of the phase.
 *
 * The commands (runConnection) say which phase comes next and what it shows, where they know
 * why: an action object per change, decoded again by a reducer and a patch table, was a second
 * description of the same transitions (1.45 kB of the root entry, minified).
 */
export function enter(context: ConnectionContext, next: Phase, patch: Partial<ConnectionSnapshot>): void {
  move(context, next);
  context.store.set({ nextRetryAt: null, ...patch });
}

const BETWEEN_ATTEMPTS: Phase = { kind: 'between-attempts' };

/**
 * The current attempt (or the backoff's wait, or a pause) ends, and the caller chooses what comes
 * next within the same call. Publishes nothing of its own; idle and closed stay as they are.
 */
export function release(context: ConnectionContext): void {
  if (isActive(context.phase)) move(context, BETWEEN_ATTEMPTS);
}
