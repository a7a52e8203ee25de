import type { Connections } from './createConnections';
import type { RestartReport } from '../history/createHistory';
import { isRecord } from '../http/http';

export type ChaosResult =
  | {
      ok: true;
      state: ChaosState;
      /** SSE responses cut by this action (`drop`, `fail` with `drop`, `restart`). */
      dropped?: number;
      /** What `restart` did. */
      restart?: RestartReport;
    }
  | { ok: false; error: string };

export interface ChaosState {
  /** Delay added before every new stream connect, ms. */
  latencyMs: number;
  /** Stream connects still to be answered with 503. */
  failRemaining: number;
  /** Retry-After sent with those 503s, seconds. */
  failRetryAfter: number;
  /** Until when (epoch ms) streams send nothing at all; 0 when not stalled. */
  stalledUntil: number;
}

const MAX_MS = 120_000;

function nonNegative(value: unknown, max: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max ? value : null;
}

/**
 * The failure modes a dashboard must survive, on demand (POST /api/chaos). `restart` is the
 * server's: it replaces the event history in-process (see createHistory) after the open streams
 * are dropped.
 */
export function createChaos(connections: Connections, restartHistory: () => RestartReport) {
  const state: ChaosState = { latencyMs: 0, failRemaining: 0, failRetryAfter: 1, stalledUntil: 0 };
  let stallTimer: ReturnType<typeof setTimeout> | undefined;

  /** Destroys, not ends: the client should see a network failure, as with a dying proxy or process. */
  function dropAll(): number {
    const sinks = connections.sinks();
    for (const sink of sinks) sink.abort();
    return sinks.length;
  }

  function endStall(): void {
    if (stallTimer) clearTimeout(stallTimer);
    stallTimer = undefined;
    state.stalledUntil = 0;
    for (const sink of connections.sinks()) sink.resume();
  }

  return {
    state,
    apply(body: unknown): ChaosResult {
      if (!isRecord(body)) return { ok: false, error: 'Expected a JSON object with an "action".' };
      switch (body.action) {
        case 'drop':
          return { ok: true, state: { ...state }, dropped: dropAll() };
        case 'restart': {
          const dropped = dropAll();
          return { ok: true, state: { ...state }, dropped, restart: restartHistory() };
        }
        case 'latency': {
          const ms = nonNegative(body.ms, MAX_MS);
          if (ms === null) return { ok: false, error: `"ms" must be a number from 0 to ${MAX_MS}.` };
          state.latencyMs = ms;
          return { ok: true, state: { ...state } };
        }
        case 'fail': {
          const count = nonNegative(body.count, 1000);
          const retryAfter = body.retryAfter === undefined ? 1 : nonNegative(body.retryAfter, 3600);
          if (count === null || !Number.isInteger(count)) return { ok: false, error: '"count" must be an integer from 0 to 1000.' };
          if (retryAfter === null || !Number.isInteger(retryAfter)) {
            return { ok: false, error: '"retryAfter" must be an integer number of seconds from 0 to 3600.' };
          }
          if (body.drop !== undefined && typeof body.drop !== 'boolean') return { ok: false, error: '"drop" must be a boolean.' };
          state.failRemaining = count;
          state.failRetryAfter = retryAfter;
          // drop: the open streams reconnect into the failures now, instead of at their next reconnect.
          return body.drop ? { ok: true, state: { ...state }, dropped: dropAll() } : { ok: true, state: { ...state } };
        }
        case 'stall': {
          const ms = nonNegative(body.ms, MAX_MS);
          if (ms === null) return { ok: false, error: `"ms" must be a number from 0 to ${MAX_MS}.` };
          if (stallTimer) clearTimeout(stallTimer);
          state.stalledUntil = Date.now() + ms;
          for (const sink of connections.sinks()) sink.pause();
          stallTimer = setTimeout(endStall, ms);
          stallTimer.unref();
          return { ok: true, state: { ...state } };
        }
        case 'reset':
          state.latencyMs = 0;
          state.failRemaining = 0;
          state.failRetryAfter = 1;
          endStall();
          return { ok: true, state: { ...state } };
        default:
          return { ok: false, error: 'Unknown action: use "drop", "latency", "fail", "stall", "restart" or "reset".' };
      }
    },
    /** Takes one 503 from the fail budget; returns its Retry-After, or null to let the connect through. */
    takeFailure(): number | null {
      if (state.failRemaining <= 0) return null;
      state.failRemaining--;
      return state.failRetryAfter;
    },
    /** Applies a running stall to a stream that connects during it. */
    joinStall(pause: () => void): void {
      if (state.stalledUntil > Date.now()) pause();
    },
    stop(): void {
      if (stallTimer) clearTimeout(stallTimer);
    },
  };
}

export type Chaos = ReturnType<typeof createChaos>;
