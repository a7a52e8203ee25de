import type { ChannelEvent } from '@kit/sse-server';
import type { Ticker } from './createTicker';
import type { DashboardEvents } from '../events';
import type { ResolvedOptions } from '../options';
import { SERVICES } from './topics';

const LOG_LINES = [
  ['info', 'GET /orders 200'],
  ['info', 'cache warm-up finished'],
  ['debug', 'pool size adjusted'],
  ['warn', 'slow query (812 ms)'],
  ['warn', 'retrying upstream call'],
  ['error', 'upstream timed out after 5 s'],
] as const;

const ALERTS = [
  ['info', 'Autoscaler added a replica'],
  ['warning', 'p99 latency above 400 ms'],
  ['warning', 'Error rate above 1 %'],
  ['critical', 'Health check failing'],
] as const;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length) % items.length] as T;
}

/**
 * Publishes the dashboard's data on timers. Returns a stop function. Values random-walk so the
 * charts look alive; logs come in bursts so a client's buffering is exercised.
 */
export function startGenerators(
  target: {
    publish(init: ChannelEvent<DashboardEvents>): Promise<unknown>;
    /** Takes history that was never published: the backfill. */
    remember(init: ChannelEvent<DashboardEvents>): void;
  },
  ticker: Ticker,
  options: ResolvedOptions,
): () => void {
  const { random } = options;
  const timers: ReturnType<typeof setInterval>[] = [];
  const every = (ms: number, run: () => void) => {
    const timer = setInterval(run, ms);
    timer.unref();
    timers.push(timer);
  };
  const publish = (init: ChannelEvent<DashboardEvents>) => {
    // A publish can only fail once the broker is closed (shutdown, restart) or unreachable (Redis).
    target.publish(init).catch(() => {});
  };

  const state = SERVICES.map((service) => ({ service, cpu: 0.3, memoryMb: 512, rps: 200, p50Ms: 20, p99Ms: 120 }));
  const walk = (value: number, step: number, min: number, max: number) =>
    Math.min(max, Math.max(min, value + (random() - 0.5) * step));
  const nextMetrics = (ts: number): ChannelEvent<DashboardEvents> => {
    for (const s of state) {
      s.cpu = walk(s.cpu, 0.1, 0.02, 0.98);
      s.memoryMb = Math.round(walk(s.memoryMb, 40, 128, 2048));
      s.rps = Math.round(walk(s.rps, 40, 0, 2000));
      s.p50Ms = Math.round(walk(s.p50Ms, 4, 2, 200));
      s.p99Ms = Math.max(s.p50Ms, Math.round(walk(s.p99Ms, 30, 10, 2000)));
    }
    return { event: 'metrics', data: { ts, services: state.map((s) => ({ ...s, cpu: Math.round(s.cpu * 1000) / 1000 })) } };
  };
  // A dashboard opened a second after the server started still shows two minutes of history: the
  // walk is run backwards in time first, as if the server had been up all along.
  const backfill = Math.floor(options.metricsHistoryMs / options.metricsMs);
  const started = Date.now();
  for (let i = backfill; i > 0; i--) target.remember(nextMetrics(started - i * options.metricsMs));
  every(options.metricsMs, () => publish(nextMetrics(Date.now())));

  every(options.tickMs, () => void ticker.tick());

  every(options.logMs, () => {
    // Mostly a line or two, sometimes a burst of a dozen.
    const count = random() < 0.15 ? 8 + Math.floor(random() * 8) : Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const [level, message] = pick(LOG_LINES, random);
      publish({ event: 'log', data: { ts: Date.now(), level, service: pick(SERVICES, random), message } });
    }
  });

  let alertId = 0;
  const nextAlert = (ts: number): ChannelEvent<DashboardEvents> => {
    const [severity, message] = pick(ALERTS, random);
    return { event: 'alert', data: { id: `alert-${++alertId}`, ts, severity, service: pick(SERVICES, random), message } };
  };
  // A deploy and a few alerts from the backfilled past too, so no list is empty on the first frame.
  target.remember({ event: 'deploy', data: { id: 'deploy-0', service: 'api', progress: 100, status: 'succeeded', startedAt: started - 90_000 } });
  for (let i = 3; i > 0; i--) target.remember(nextAlert(started - i * 30_000));
  every(options.alertMs, () => {
    if (random() > 1 / 3) return;
    publish(nextAlert(Date.now()));
  });

  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
