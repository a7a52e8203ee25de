import { warn } from '../runtime/isDevelopment';

/** The reset event's name on the wire (docs/wire-contract.md). `sse:` names are the kit's own. */
export const RESET_EVENT = 'sse:reset';

/** Why a server could not replay what a client missed. `unknown`: a reason this client does not know. */
export type SSEResetReason = 'foreign-epoch' | 'unknown-id' | 'malformed-id' | 'too-old' | 'unavailable' | 'unknown';

const REASONS: readonly string[] = ['foreign-epoch', 'unknown-id', 'malformed-id', 'too-old', 'unavailable'] satisfies SSEResetReason[];

/** One reset, as the connection records it and hands it to reset listeners. */
export interface SSEReset {
  readonly reason: SSEResetReason;
  /** The id this client resumed from, which the server could not replay after ('' if unknown). */
  readonly lastEventId: string;
  /** The server's explanation, when it sent one. */
  readonly message: string;
  /** When the reset arrived (`environment.now()` clock, ms). */
  readonly at: number;
}

/**
 * Reads a reset event's data (`{"reason": …, "lastEventId": …, "message": …}`). Anything else, or
 * a reason it does not know, still counts as a reset: the server said it could not replay, and
 * that is what the app must act on. A development warning names what was wrong.
 */
export function readReset(data: string, at: number): SSEReset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    parsed = undefined;
  }
  const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const reason = typeof fields.reason === 'string' && REASONS.includes(fields.reason) ? (fields.reason as SSEResetReason) : 'unknown';
  if (process.env.NODE_ENV !== 'production' && reason === 'unknown') {
    warn(
      `A ${RESET_EVENT} event came with ${JSON.stringify(data.slice(0, 200))}, which names no known reason (${REASONS.join(', ')}). It is handled as a reset with reason 'unknown'.`,
    );
  }
  return Object.freeze({
    reason,
    lastEventId: typeof fields.lastEventId === 'string' ? fields.lastEventId : '',
    message: typeof fields.message === 'string' ? fields.message : '',
    at,
  });
}
