import { createChannel, type Channel } from '@kit/sse-server';
import type { Alert, Events, Metrics } from './events';

/** The server's side of the stream: one channel, and the latest values for server rendering. */
export interface Feed {
  channel: Channel<Events>;
  latest: Metrics;
  alerts: Alert[];
  /** The newest event id: the page hands it to the browser, which resumes from it. */
  lastEventId: string | null;
}

const METRICS_EVERY_MS = Number(process.env.METRICS_EVERY_MS ?? 500);
const ALERT_EVERY = 6;
const KEEP_ALERTS = 20;

// Next bundles the page and the Route Handler separately; a global keeps one feed per process.
const key = Symbol.for('@kit/example-nextjs/feed');

export function getFeed(): Feed {
  const store = globalThis as { [key]?: Feed };
  return (store[key] ??= startFeed());
}

function startFeed(): Feed {
  const channel = createChannel<Events>({ topics: ['metrics', 'alert'], replaySize: 1000 });
  const feed: Feed = { channel, latest: { seq: 0, cpu: 0, memory: 0 }, alerts: [], lastEventId: null };
  const publish = async (event: Parameters<Channel<Events>['publish']>[0]) => {
    const { id } = await channel.publish(event);
    feed.lastEventId = id;
  };
  const tick = () => {
    const seq = feed.latest.seq + 1;
    feed.latest = { seq, cpu: round(0.5 + 0.4 * Math.sin(seq / 7)), memory: round(0.6 + 0.1 * Math.cos(seq / 11)) };
    void publish({ event: 'metrics', data: feed.latest });
    if (seq % ALERT_EVERY === 0) {
      const alert: Alert = { id: seq / ALERT_EVERY, severity: seq % (ALERT_EVERY * 3) === 0 ? 'critical' : 'info', text: `cpu at ${Math.round(feed.latest.cpu * 100)} %` };
      feed.alerts = [...feed.alerts, alert].slice(-KEEP_ALERTS);
      void publish({ event: 'alert', data: alert });
    }
  };
  // The first values exist at once, so even the first page rendered shows real numbers.
  tick();
  const timer = setInterval(tick, METRICS_EVERY_MS);
  // Never keeps a process alive by itself (next build imports this module to collect page data).
  timer.unref();
  return feed;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
