import { warn } from '../runtime/isDevelopment';

const PREFIX = 'sse:heartbeat=';
export const MIN_HEARTBEAT_MS = 100;
export const MAX_HEARTBEAT_MS = 3_600_000;
/**
 * Silence for this many advertised periods ends an attempt: a heartbeat a whole period late is
 * still tolerated, and a dead stream behind a proxy is noticed (and resumed) within seconds.
 */
export const HEARTBEATS_BEFORE_IDLE = 2;

/**
 * The heartbeat period a server advertises in a `: sse:heartbeat=<ms>` comment
 * (docs/wire-contract.md). Undefined for any other comment, and for an absurd period (not an
 * integer, or outside 100 ms – 1 h), which a development warning reports and the watchdog ignores.
 */
export function readHeartbeatAdvert(comment: string): number | undefined {
  if (!comment.startsWith(PREFIX)) return undefined;
  const raw = comment.slice(PREFIX.length).trim();
  const period = /^[0-9]{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (period >= MIN_HEARTBEAT_MS && period <= MAX_HEARTBEAT_MS) return period;
  if (process.env.NODE_ENV !== 'production') {
    warn(
      `The server advertised a heartbeat of ${JSON.stringify(raw)} ms; expected an integer from ${MIN_HEARTBEAT_MS} to ${MAX_HEARTBEAT_MS}. The idle watchdog ignores it (set idleTimeout to choose one).`,
    );
  }
  return undefined;
}
