// A reverse proxy that keeps the browser's socket open when the upstream dies (Vite's dev and
// preview proxy do, so do many others): only the advertised heartbeat's silence can tell.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createConnection } from '@kit/sse-react/core';
import { createChannel, createNodeStream } from '@kit/sse-server';
import { afterEach, expect, it } from 'vitest';
import { freePort } from './support/spawnKitServer';
import { waitFor } from './support/testServer';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An in-process kit server on `port` with a 1 s heartbeat; `crash()` drops every socket at once. */
async function kitServer(port: number) {
  const channel = createChannel();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const header = req.headers['last-event-id'];
    void channel.connect(createNodeStream(req, res, { heartbeatMs: 1000 }), { lastEventId: typeof header === 'string' ? header : null });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let seq = 0;
  const ticker = setInterval(() => void channel.publish({ event: 'tick', data: { seq: ++seq, port } }), 50);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const crash = async () => {
    clearInterval(ticker);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  cleanups.push(crash);
  return { channel, crash };
}

/** Forwards to the upstream; when the upstream goes, the client's response is left open, silent. */
async function holdingProxy(upstreamPort: number) {
  const server = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port: upstreamPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => res.write(chunk));
      // No res.end() on 'end', 'close' or 'error': the socket to the browser stays up.
      answer.on('error', () => {});
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
    });
    req.on('close', () => upstream.destroy());
    upstream.end();
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
}

it('behind a proxy that holds the socket, a 1 s server heartbeat and default client options: receiving again within 6 s of the upstream dying', { timeout: 30_000 }, async () => {
  const upstreamPort = await freePort();
  const first = await kitServer(upstreamPort);
  const url = await holdingProxy(upstreamPort);
  const connection = createConnection(url);
  cleanups.push(() => connection.close());
  const ticks: { at: number; data: string }[] = [];
  connection.on('tick', (message) => ticks.push({ at: Date.now(), data: message.data }));
  await waitFor(() => ticks.length >= 5 && connection.getSnapshot().heartbeatMs === 1000, 'ticks and the heartbeat advertisement');

  const diedAt = Date.now();
  await first.crash();
  // The new process is up at once; the proxy still holds the client's old socket open.
  await kitServer(upstreamPort);
  const before = ticks.length;
  await waitFor(() => ticks.length > before, 'a tick from the new upstream', 10_000);
  const receivingAgainAfter = (ticks[before]?.at ?? Number.POSITIVE_INFINITY) - diedAt;
  console.log(`[proxy] receiving again ${receivingAgainAfter} ms after the upstream died (idle timeout ${connection.getSnapshot().heartbeatMs} ms x 2, then backoff)`);
  expect(receivingAgainAfter).toBeLessThan(6000);
  expect(connection.getSnapshot().status).toBe('open');
  expect(connection.getSnapshot().resets).toBe(1);
});
