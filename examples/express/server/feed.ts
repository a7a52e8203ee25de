import { createChannel, type Channel } from '@kit/sse-server';
import { TOPICS, type Events, type Metrics } from './events';

export interface FeedOptions {
  /** How often `metrics` is published; alerts and deploy steps follow from it. */
  metricsEveryMs: number;
}

export interface Feed {
  channel: Channel<Events>;
  stop(): void;
}

/** A channel restricted to the example's topics, with publishers standing in for real systems. */
export function startFeed({ metricsEveryMs }: FeedOptions): Feed {
  // replaySize: how far back a reconnecting client can resume with Last-Event-ID.
  const channel = createChannel<Events>({ topics: [...TOPICS], replaySize: 2000 });
  let metrics: Metrics = { seq: 0, cpu: 0 };
  let progress = 0;
  const timer = setInterval(() => {
    const seq = metrics.seq + 1;
    metrics = { seq, cpu: Math.round((0.5 + 0.4 * Math.sin(seq / 9)) * 1000) / 1000 };
    void channel.publish({ event: 'metrics', data: metrics });
    if (seq % 8 === 0) {
      const id = seq / 8;
      void channel.publish({ event: 'alert', data: { id, severity: id % 3 === 0 ? 'critical' : 'info', text: `cpu at ${Math.round(metrics.cpu * 100)} %` } });
    }
    if (seq % 4 === 0) {
      progress = progress >= 100 ? 0 : progress + 10;
      void channel.publish({ event: 'deploy', data: { service: 'checkout', progress } });
    }
  }, metricsEveryMs);
  return {
    channel,
    stop() {
      clearInterval(timer);
      channel.close();
    },
  };
}
