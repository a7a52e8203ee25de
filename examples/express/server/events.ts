// The event map shared by the server (createChannel<Events>) and the client's hooks.
export interface Metrics {
  /** Counts every metrics event since the server started: the client's ledger spots gaps with it. */
  seq: number;
  cpu: number;
}

export interface Alert {
  id: number;
  severity: 'info' | 'critical';
  text: string;
}

export interface Deploy {
  service: string;
  progress: number;
}

export interface Events {
  metrics: Metrics;
  alert: Alert;
  deploy: Deploy;
}

export const TOPICS = ['metrics', 'alert', 'deploy'] as const;
export type Topic = (typeof TOPICS)[number];
