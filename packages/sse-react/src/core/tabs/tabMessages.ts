import type { SSEReset } from '../protocol/resetSignal';
import type { ConnectionSnapshot, ConnectionStatus, SSEMessage } from '../types';
import { SSEError, type SSEErrorKind } from '../SSEError';

/** An SSEError as it crosses tabs (structured clone keeps no class). */
export interface WireError {
  readonly kind: SSEErrorKind;
  readonly message: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
}

export interface WireStatus {
  readonly status: ConnectionStatus;
  readonly error: WireError | null;
  readonly retryCount: number;
  readonly nextRetryAt: number | null;
  /** Optional: a tab of an older deploy sends none. */
  readonly droppedDuplicates?: number;
  readonly heartbeatMs?: number | null;
}

/**
 * The BroadcastChannel protocol of one stream. Every message names its sender tab; the leader's
 * carry its epoch, so a deposed leader that wakes up is ignored rather than heard twice.
 */
export type TabMessage =
  /** Any tab, on joining, when its event names or visibility change, and every second: "I am here, I want these". */
  | { readonly t: 'here'; readonly from: string; readonly names: readonly string[]; readonly visible: boolean }
  | { readonly t: 'leave'; readonly from: string }
  | { readonly t: 'beat'; readonly from: string; readonly epoch: number; readonly hidden: boolean }
  | { readonly t: 'status'; readonly from: string; readonly epoch: number; readonly status: WireStatus }
  | { readonly t: 'event'; readonly from: string; readonly epoch: number; readonly message: SSEMessage }
  /** The leader's stream was reset; `lastEventId` is the position it resumes from now. */
  | { readonly t: 'reset'; readonly from: string; readonly epoch: number; readonly reset: SSEReset; readonly lastEventId: string }
  /** A follower's reconnect(), run by the leader. */
  | { readonly t: 'reconnect'; readonly from: string };

/** What only the leader sends: carries its epoch. */
export type LeaderMessage = Extract<TabMessage, { readonly epoch: number }>;

export function isTabMessage(value: unknown): value is TabMessage {
  return typeof value === 'object' && value !== null && typeof (value as { t?: unknown }).t === 'string' && typeof (value as { from?: unknown }).from === 'string';
}

const PREFIX = '[@kit/sse-react] ';

/** Without the package prefix: the receiving tab's SSEError adds it again. */
export function toWireError(error: SSEError | null): WireError | null {
  if (error === null) return null;
  const message = error.message.startsWith(PREFIX) ? error.message.slice(PREFIX.length) : error.message;
  const wire: { -readonly [K in keyof WireError]: WireError[K] } = { kind: error.kind, message };
  if (error.status !== undefined) wire.status = error.status;
  if (error.retryAfterMs !== undefined) wire.retryAfterMs = error.retryAfterMs;
  return wire;
}

export function fromWireError(wire: WireError): SSEError {
  return new SSEError(wire.kind, wire.message, {
    ...(wire.status === undefined ? {} : { status: wire.status }),
    ...(wire.retryAfterMs === undefined ? {} : { retryAfterMs: wire.retryAfterMs }),
  });
}

export function sameWireError(a: WireError | null, b: WireError | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.message === b.message && a.status === b.status);
}

/** The status part of a snapshot, as the leader sends it. */
export function toWireStatus(snapshot: ConnectionSnapshot): WireStatus {
  return {
    status: snapshot.status,
    error: toWireError(snapshot.error),
    retryCount: snapshot.retryCount,
    nextRetryAt: snapshot.nextRetryAt,
    droppedDuplicates: snapshot.droppedDuplicates,
    heartbeatMs: snapshot.heartbeatMs,
  };
}

export function sameWireStatus(a: WireStatus, b: WireStatus): boolean {
  return (
    a.status === b.status &&
    a.retryCount === b.retryCount &&
    a.nextRetryAt === b.nextRetryAt &&
    a.droppedDuplicates === b.droppedDuplicates &&
    a.heartbeatMs === b.heartbeatMs &&
    sameWireError(a.error, b.error)
  );
}
