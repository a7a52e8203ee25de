// The dev server's event contract (apps/dev-server/src/startGenerators.ts, createDeploys.ts,
// handleChat.ts) in one place: the Typed contract page hands this map to createSSEHooks, and the
// other pages name their payload types from it.

export interface ServiceMetrics {
  service: string;
  /** 0..1 */
  cpu: number;
  memoryMb: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export interface MetricsEvent {
  ts: number;
  services: ServiceMetrics[];
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEvent {
  ts: number;
  level: LogLevel;
  service: string;
  message: string;
}

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertEvent {
  id: string;
  ts: number;
  severity: AlertSeverity;
  service: string;
  message: string;
}

export interface DeployEvent {
  id: string;
  service: string;
  /** 0..100 */
  progress: number;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: number;
}

/** A counter, 1, 2, 3… per dev-server process, so a gap or a duplicate is visible. */
export interface TickEvent {
  seq: number;
  ts: number;
}

/** Sent when the server cannot replay from our Last-Event-ID (e.g. it restarted): refetch state. */
export interface ResetEvent {
  reason: 'malformed-id' | 'unknown-id' | 'too-old';
  lastEventId: string;
  message: string;
}

/** Every event `/api/stream` sends, by name. */
export interface DashboardEvents {
  metrics: MetricsEvent;
  log: LogEvent;
  alert: AlertEvent;
  deploy: DeployEvent;
  tick: TickEvent;
  reset: ResetEvent;
}

/** The events of `POST /api/chat`. */
export interface ChatEvents {
  token: { index: number; text: string };
  done: { tokens: number; finishReason: string };
}
