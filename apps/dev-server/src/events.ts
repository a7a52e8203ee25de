// The dev server's event contract: every event name /api/stream and POST /api/chat send, with its
// payload. One map types both ends: the server's channel (createChannel<DashboardEvents>) and the
// demo's hooks (createSSEHooks<DashboardEvents>), which import it as a type from
// `@kit/dev-server/events`. Types only: importing it bundles no server code.

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

/**
 * A counter, 1, 2, 3…, so a gap or a duplicate is visible. It continues across an in-process
 * restart (POST /api/chaos `restart`) and, with a Redis broker, across process restarts.
 */
export interface TickEvent {
  seq: number;
  ts: number;
}

/** Every event `/api/stream` sends, by name (the `sse:reset` signal is the protocol's, not listed). */
export interface DashboardEvents {
  metrics: MetricsEvent;
  log: LogEvent;
  alert: AlertEvent;
  deploy: DeployEvent;
  tick: TickEvent;
}

/** The events of `POST /api/chat`. */
export interface ChatEvents {
  token: { index: number; text: string };
  done: { tokens: number; finishReason: string };
}
