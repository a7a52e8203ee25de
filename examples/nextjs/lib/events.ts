// The event map shared by the Route Handler (createChannel<Events>) and the widgets.
export interface Metrics {
  /** Counts every metrics event since the server started: a gap in it is a lost event. */
  seq: number;
  cpu: number;
  memory: number;
}

export interface Alert {
  id: number;
  severity: 'info' | 'critical';
  text: string;
}

export interface Events {
  metrics: Metrics;
  alert: Alert;
}

export const STREAM_URL = '/api/stream?topics=metrics,alert';
