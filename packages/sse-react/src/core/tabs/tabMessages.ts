import type { SSEReset } from '../protocol/resetSignal';
import type { ConnectionStatus, SSEMessage } from '../types';
import type { SSEErrorKind } from '../SSEError';

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

export function isTabMessage(value: unknown): value is TabMessage {
  return typeof value === 'object' && value !== null && typeof (value as { t?: unknown }).t === 'string' && typeof (value as { from?: unknown }).from === 'string';
}
