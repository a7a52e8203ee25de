import type { ChannelEvent } from '@kit/sse-server';
import type { AlertEvent, DashboardEvents, DeployEvent, MetricsEvent } from '../events';

export interface RecentStateOptions {
  /** How much metrics history a new client gets at once. Default two minutes. */
  metricsWindowMs?: number;
  /** Newest alerts a new client gets. Default 20. */
  alerts?: number;
  /** Newest deploys (their latest state) a new client gets. Default 10. */
  deploys?: number;
}

/**
 * What a dashboard shows the moment it connects: the last two minutes of metrics, the newest
 * alerts and deploys. The channel's `snapshot` option sends it to every new (or reset) client as
 * ordinary events before the live ones, so charts are full from the first frame and a reload shows
 * the same history. A real server would read this from its database; here it is kept in memory.
 */
export function createRecentState(options: RecentStateOptions = {}) {
  const { metricsWindowMs = 120_000, alerts: maxAlerts = 20, deploys: maxDeploys = 10 } = options;
  const metrics: MetricsEvent[] = [];
  const alerts: AlertEvent[] = [];
  const deploys = new Map<string, DeployEvent>();

  function record(init: ChannelEvent<DashboardEvents>): void {
    switch (init.event) {
      case 'metrics': {
        metrics.push(init.data);
        const oldest = init.data.ts - metricsWindowMs;
        let drop = 0;
        while (drop < metrics.length && (metrics[drop]?.ts ?? 0) < oldest) drop++;
        if (drop > 0) metrics.splice(0, drop);
        return;
      }
      case 'alert':
        alerts.push(init.data);
        if (alerts.length > maxAlerts) alerts.shift();
        return;
      case 'deploy':
        // Re-inserted, so the Map's order is "most recently updated last".
        deploys.delete(init.data.id);
        deploys.set(init.data.id, init.data);
        if (deploys.size > maxDeploys) deploys.delete(deploys.keys().next().value as string);
        return;
      default:
        return;
    }
  }

  /** The state as events, oldest first, for the topics the client asked for (null: all). */
  function snapshot(topics: readonly string[] | null): ChannelEvent<DashboardEvents>[] {
    const wants = (name: string) => topics === null || topics.includes(name);
    const events: ChannelEvent<DashboardEvents>[] = [];
    if (wants('metrics')) for (const data of metrics) events.push({ event: 'metrics', data });
    if (wants('alert')) for (const data of alerts) events.push({ event: 'alert', data });
    if (wants('deploy')) for (const data of deploys.values()) events.push({ event: 'deploy', data });
    return events;
  }

  return { record, snapshot, metricsWindowMs };
}

export type RecentState = ReturnType<typeof createRecentState>;
