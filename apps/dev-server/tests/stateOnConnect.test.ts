import { afterEach, expect, it } from 'vitest';
import { connect, startServer } from './sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

it('a new client gets two minutes of metrics history, recent alerts and deploys at once, before live events', async () => {
  const started = await startServer({ generators: true, metricsMs: 500, random: () => 0.4 });
  close = started.close;
  const client = await connect(`${started.base}/api/stream`);
  // The snapshot, then the first live event (the first with an id).
  await client.until((events) => events.some((e) => e.id !== undefined), 5000);
  const metrics = client
    .events()
    .filter((e) => e.event === 'metrics' && e.id === undefined)
    .map((e) => (JSON.parse(e.data) as { ts: number }).ts);
  const span = (metrics.at(-1) ?? 0) - (metrics[0] ?? 0);
  // Backfilled at start: 240 points, 500 ms apart.
  expect(span).toBeGreaterThanOrEqual(119_000);
  expect(metrics.every((ts, i) => i === 0 || ts > (metrics[i - 1] ?? 0))).toBe(true);
  expect(client.events().some((e) => e.event === 'alert')).toBe(true);
  expect(client.events().some((e) => e.event === 'deploy')).toBe(true);
  // The snapshot came first: 240 points of history before the first live event.
  expect(client.events().findIndex((e) => e.id !== undefined)).toBeGreaterThan(200);
  client.close();

  // A resumed client gets what it missed, never the snapshot again.
  const resumeId = client.events().find((e) => e.id !== undefined)?.id ?? '';
  const resumed = await connect(`${started.base}/api/stream?topics=metrics`, { 'Last-Event-ID': resumeId });
  await resumed.until((events) => events.filter((e) => e.event === 'metrics').length >= 2, 5000);
  const first = JSON.parse(resumed.events()[0]?.data ?? '{}') as { ts: number };
  expect(first.ts).toBeGreaterThan(metrics.at(-1) ?? 0);
  resumed.close();
});

it('topics choose what the snapshot holds', async () => {
  const started = await startServer({ generators: true, metricsMs: 500 });
  close = started.close;
  const client = await connect(`${started.base}/api/stream?topics=alert`);
  await client.until((events) => events.length >= 3, 5000);
  expect(new Set(client.events().map((e) => e.event))).toEqual(new Set(['alert']));
  client.close();
});
