/**
 * Bounded load test: spawns a dev-server, opens SSE clients in steps (default 500, 1000, 1500,
 * 2000) while events flow, and prints how many it holds, how many keep receiving, and the
 * server's memory per connection. Everything stops after LOAD_DEADLINE_MS (default 55 s).
 *
 *   npx tsx --conditions=source apps/dev-server/scripts/load.ts
 *   LOAD_STEPS=1000,4000 npx tsx --conditions=source apps/dev-server/scripts/load.ts
 *
 * The server runs in its own process (with --expose-gc) so the clients' memory is not counted.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const steps = (process.env.LOAD_STEPS ?? '500,1000,1500,2000').split(',').map(Number);
const deadlineMs = Number(process.env.LOAD_DEADLINE_MS ?? 55_000);
const settleMs = Number(process.env.LOAD_SETTLE_MS ?? 2000);
const batch = 100;
const started = Date.now();
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Client {
  socket: Socket;
  ok: boolean;
  closed: boolean;
  ticks: number;
  bytes: number;
  tail: string;
}

interface Stats {
  connections: { total: number };
  eventsPublished: number;
  eventsSent: number;
  droppedSlowClients: number;
  memory: { rssBytes: number; heapUsedBytes: number; externalBytes: number };
}

const child = spawn(process.execPath, ['--expose-gc', '--conditions=source', '--import', 'tsx', 'src/main.ts', '--port', '0'], {
  cwd: appDir,
  env: { ...process.env, HOST: '127.0.0.1', TICK_MS: process.env.TICK_MS ?? '250', MAX_STREAMS_PER_CLIENT: '8' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const clients: Client[] = [];

function finish(code: number): never {
  for (const client of clients) client.socket.destroy();
  child.kill('SIGTERM');
  process.exit(code);
}
const watchdog = setTimeout(() => {
  console.error(`[load] deadline of ${deadlineMs} ms reached; stopping.`);
  finish(1);
}, deadlineMs);
watchdog.unref();

const port = await new Promise<number>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    if (match) resolve(Number(match[1]));
  });
  child.once('exit', (code) => reject(new Error(`[load] dev-server exited early with code ${code}`)));
});

async function stats(): Promise<Stats> {
  return (await (await fetch(`http://127.0.0.1:${port}/api/stats?gc=1`)).json()) as Stats;
}

function open(index: number): Promise<void> {
  return new Promise((resolve) => {
    const client: Client = { socket: connect(port, '127.0.0.1'), ok: false, closed: false, ticks: 0, bytes: 0, tail: '' };
    clients.push(client);
    client.socket.setEncoding('utf8');
    client.socket.write(
      `GET /api/stream?topics=tick,metrics&clientId=load-${index} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`,
    );
    client.socket.on('data', (chunk: string) => {
      client.bytes += chunk.length;
      if (!client.ok) {
        client.ok = chunk.startsWith('HTTP/1.1 200');
        resolve();
      }
      // Count ticks across chunk boundaries by keeping a short tail of the previous chunk.
      const text = client.tail + chunk;
      client.ticks += text.split('event: tick\n').length - 1;
      client.tail = text.slice(-11);
    });
    client.socket.on('close', () => {
      client.closed = true;
      resolve();
    });
    client.socket.on('error', () => resolve());
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

await sleep(500);
const baseline = await stats();
console.log(
  `[load] dev-server pid ${child.pid} on port ${port}; baseline RSS ${mb(baseline.memory.rssBytes)} MB, heap ${mb(baseline.memory.heapUsedBytes)} MB`,
);
console.log('clients  held  receiving  RSS MB  heap MB  RSS/conn KB  heap/conn KB  events sent  dropped');

for (const target of steps) {
  if (Date.now() - started > deadlineMs - 10_000) {
    console.log(`[load] stopping before ${target}: not enough time left under the deadline.`);
    break;
  }
  while (clients.length < target) {
    const count = Math.min(batch, target - clients.length);
    await Promise.all(Array.from({ length: count }, (_, i) => open(clients.length + i)));
  }
  const ticksBefore = clients.map((c) => c.ticks);
  await sleep(settleMs);
  const now = await stats();
  const open200 = clients.filter((c) => c.ok && !c.closed).length;
  // A client "receives" when at least one tick arrived during the settle window.
  const receiving = clients.filter((c, i) => !c.closed && c.ticks > (ticksBefore[i] ?? 0)).length;
  const held = now.connections.total;
  const rssDelta = now.memory.rssBytes - baseline.memory.rssBytes;
  const heapDelta = now.memory.heapUsedBytes - baseline.memory.heapUsedBytes;
  console.log(
    [
      String(target).padStart(7),
      String(held).padStart(5),
      String(receiving).padStart(10),
      mb(now.memory.rssBytes).padStart(7),
      mb(now.memory.heapUsedBytes).padStart(8),
      (rssDelta / Math.max(1, held) / 1024).toFixed(1).padStart(12),
      (heapDelta / Math.max(1, held) / 1024).toFixed(1).padStart(13),
      String(now.eventsSent).padStart(12),
      String(now.droppedSlowClients).padStart(8),
    ].join(' '),
  );
  if (open200 < target) console.log(`[load] only ${open200} of ${target} clients got a 200 and are still open.`);
}

console.log(`[load] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
finish(0);
