import type { Connection, ConnectionStatus, SSEReset } from '@kit/sse-react';
import { inspectConnection, subscribeToEvents } from '@kit/sse-react/devtools';
import { detectBursts, type Burst } from './detectBursts';
import type { WireAttempt, WireTap } from './createWireTap';

export interface StatusChange {
  readonly status: ConnectionStatus;
  readonly at: number;
  /** The error kind that caused it (`network`, `http 503`, `timeout`, …), if any. */
  readonly cause: string | null;
}

export interface HeartbeatSummary {
  /** The period the server advertised for the current stream, as the kit read it (its watchdog uses it). */
  readonly advertisedMs: number | null;
  /** Heartbeats seen across all attempts. */
  readonly seen: number;
  /** Spacing between the last two heartbeats of one attempt. */
  readonly lastIntervalMs: number | null;
  /** The widest spacing between two heartbeats of one attempt. */
  readonly longestIntervalMs: number | null;
  /** Since the latest attempt's last heartbeat (or its first byte, before any). */
  readonly sinceLastMs: number | null;
}

export interface DiagnosticsSummary {
  readonly status: ConnectionStatus;
  readonly transport: 'native' | 'fetch' | null;
  readonly lastEventId: string;
  readonly retryCount: number;
  readonly events: number;
  /** `sse:reset` signals: the server could not replay, so widgets refetched. */
  readonly resets: number;
  readonly lastReset: SSEReset | null;
  /** Events the kit dropped because it had already delivered their id. */
  readonly droppedDuplicates: number;
  /** Times the stream opened after its first open. */
  readonly reconnects: number;
  /** Attempts that never got a 200 response. */
  readonly failedAttempts: number;
  readonly timeToHeadersMs: number | null;
  readonly timeToFirstByteMs: number | null;
  readonly heartbeat: HeartbeatSummary;
  readonly bursts: readonly Burst[];
  readonly statusChanges: readonly StatusChange[];
  readonly attempts: readonly WireAttempt[];
}

const KEEP_ARRIVALS = 5000;
const KEEP_STATUS_CHANGES = 30;

function heartbeatSummary(attempts: readonly WireAttempt[], advertisedMs: number | null, now: number): HeartbeatSummary {
  let seen = 0;
  let lastIntervalMs: number | null = null;
  let longestIntervalMs: number | null = null;
  for (const attempt of attempts) {
    seen += attempt.heartbeats.length;
    for (let index = 1; index < attempt.heartbeats.length; index++) {
      const interval = (attempt.heartbeats[index] ?? 0) - (attempt.heartbeats[index - 1] ?? 0);
      lastIntervalMs = interval;
      longestIntervalMs = Math.max(longestIntervalMs ?? 0, interval);
    }
  }
  const latest = attempts.at(-1);
  const lastSign = latest?.heartbeats.at(-1) ?? latest?.firstByteAt ?? null;
  const live = latest !== undefined && latest.endedAt === null;
  return {
    advertisedMs,
    seen,
    lastIntervalMs,
    longestIntervalMs,
    sinceLastMs: live && lastSign !== null ? now - lastSign : null,
  };
}

/**
 * Records one connection for the Diagnostics page: its status changes (a status subscription,
 * which also keeps it open), the arrival time of every event it dispatches (the devtools' event
 * tap) and what the wire tap saw per attempt. `summary()` derives the figures.
 */
export function createDiagnosticsRecorder(connection: Connection, tap: WireTap, now: () => number = Date.now) {
  const arrivals: number[] = [];
  const opens: number[] = [];
  const statusChanges: StatusChange[] = [];
  let events = 0;
  let status: ConnectionStatus | null = null;

  const onStatus = () => {
    const snapshot = connection.getSnapshot();
    if (snapshot.status === status) return;
    status = snapshot.status;
    const at = now();
    if (status === 'open') opens.push(at);
    const error = snapshot.error;
    const cause = status === 'open' || error === null ? null : error.status !== undefined ? `${error.kind} ${error.status}` : error.kind;
    statusChanges.push({ status, at, cause });
    if (statusChanges.length > KEEP_STATUS_CHANGES) statusChanges.shift();
  };
  const stopStatus = connection.subscribe(onStatus);
  onStatus();
  const stopEvents = subscribeToEvents((source) => {
    if (source !== connection) return;
    events++;
    arrivals.push(now());
    if (arrivals.length > KEEP_ARRIVALS) arrivals.splice(0, arrivals.length - KEEP_ARRIVALS);
  });

  return {
    summary(): DiagnosticsSummary {
      const snapshot = connection.getSnapshot();
      const attempts = tap.attempts().map((attempt) => ({ ...attempt, heartbeats: [...attempt.heartbeats] }));
      const answered = attempts.filter((attempt) => attempt.httpStatus === 200);
      const latest = answered.at(-1);
      return {
        status: snapshot.status,
        transport: inspectConnection(connection)?.transport ?? null,
        lastEventId: snapshot.lastEventId,
        retryCount: snapshot.retryCount,
        events,
        resets: snapshot.resets,
        lastReset: snapshot.lastReset,
        droppedDuplicates: snapshot.droppedDuplicates,
        reconnects: Math.max(0, opens.length - 1),
        failedAttempts: attempts.filter((attempt) => attempt.httpStatus !== 200 && (attempt.endedAt !== null || attempt.httpStatus !== null)).length,
        timeToHeadersMs: latest?.headersAt != null ? latest.headersAt - latest.startedAt : null,
        timeToFirstByteMs: latest?.firstByteAt != null ? latest.firstByteAt - latest.startedAt : null,
        heartbeat: heartbeatSummary(answered, snapshot.heartbeatMs, now()),
        bursts: detectBursts(arrivals, opens),
        statusChanges: [...statusChanges],
        attempts,
      };
    },
    stop(): void {
      stopStatus();
      stopEvents();
    },
  };
}

export type DiagnosticsRecorder = ReturnType<typeof createDiagnosticsRecorder>;
