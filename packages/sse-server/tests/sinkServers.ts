import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFetchStream, createNodeStream, type SSESink, type SSEStreamOptions } from '../src/index';
import { listen } from './helpers';

/**
 * A Fetch-API adapter for node:http, the way Hono's or Remix's node adapters work: it reads the
 * body only as fast as the socket takes it (waits for 'drain'), so a stalled client stalls the
 * ReadableStream and the sink's back-pressure is the real one.
 */
export function fetchHandler(handle: (request: Request) => Response) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const abort = new AbortController();
    res.once('close', () => abort.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    let response: Response;
    try {
      response = handle(new Request(`http://127.0.0.1${req.url ?? '/'}`, { headers, signal: abort.signal }));
    } catch (error) {
      res.writeHead(500).end((error as Error).message);
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.flushHeaders();
    const reader = response.body?.getReader();
    if (!reader) return res.end();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!res.write(value) && !res.destroyed) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      res.end();
    } catch {
      res.destroy();
    }
  };
}

export type SinkKind = 'node' | 'fetch';

/** The request as the handler saw it: what a channel needs to connect the sink. */
export interface Opened {
  sink: SSESink;
  lastEventId: string | null;
  url: string;
}

/** A node:http server on 127.0.0.1 that answers every request with a sink of the given kind. */
export async function serveSinks(kind: SinkKind, options: SSEStreamOptions | ((url: string) => SSEStreamOptions), onOpen: (opened: Opened) => void) {
  const optionsFor = typeof options === 'function' ? options : () => options;
  if (kind === 'node') {
    return listen((req, res) => {
      const url = req.url ?? '/';
      const header = req.headers['last-event-id'];
      let sink: SSESink;
      try {
        sink = createNodeStream(req, res, optionsFor(url));
      } catch (error) {
        res.writeHead(500).end((error as Error).message);
        return;
      }
      onOpen({ sink, lastEventId: typeof header === 'string' ? header : null, url });
    });
  }
  return listen(
    fetchHandler((request) => {
      const url = new URL(request.url).pathname + new URL(request.url).search;
      const { sink, response } = createFetchStream(request, optionsFor(url));
      onOpen({ sink, lastEventId: request.headers.get('last-event-id'), url });
      return response;
    }),
  );
}
