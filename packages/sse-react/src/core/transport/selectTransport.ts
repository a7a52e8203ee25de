import type { ConnectionOptions, EventSourceConstructor, FetchEventSourceConstructor, SSEEnvironment, TransportKind } from '../types';

type TransportEnvironment = Pick<SSEEnvironment, 'EventSource' | 'fetch' | 'FetchEventSource'>;

/** The transport to open, with the constructors it needs: the caller checks nothing again. */
export type SelectedTransport =
  | { kind: 'native'; EventSource: EventSourceConstructor }
  | { kind: 'fetch'; FetchEventSource: FetchEventSourceConstructor; fetch: typeof fetch }
  | { kind: 'none'; reason: string };

/** Whether the environment can stream over fetch: a fetch and a fetch transport. */
export function hasFetch(env: TransportEnvironment): boolean {
  return env.FetchEventSource !== undefined && env.fetch !== undefined;
}

const KINDS: readonly string[] = ['auto', 'native', 'fetch'] satisfies TransportKind[];

export function isTransportKind(value: unknown): value is TransportKind {
  return typeof value === 'string' && KINDS.includes(value);
}

/**
 * What the native EventSource cannot do at all: send headers, another method, a body. Without
 * fetch these options cannot be honoured, so `auto` refuses rather than silently drop a token.
 */
export function fetchRequiredBy(options: ConnectionOptions): string | undefined {
  if (options.headers !== undefined) return 'headers';
  if (options.method !== undefined && options.method.toUpperCase() !== 'GET') return 'method';
  if (options.body !== undefined && options.body !== null) return 'body';
  return undefined;
}

/**
 * What the native EventSource does worse: it cannot bound an event's size, cannot report heartbeat
 * comments (an idle watchdog would kill a healthy quiet stream) and cannot send Last-Event-ID on
 * the first request of a new instance (so every resume of ours would lose events).
 */
export function fetchPreferredBy(options: ConnectionOptions, resumeId: string): string | undefined {
  if (options.maxEventSize !== undefined) return 'maxEventSize';
  if (options.idleTimeout !== undefined) return 'idleTimeout';
  if (resumeId !== '') return 'resume with Last-Event-ID';
  return undefined;
}

/**
 * `auto`: FetchEventSource whenever fetch exists, because only it can keep the defaults' promises:
 * it reads the server's advertised heartbeat (the idle watchdog that notices a stream a proxy holds
 * open for a dead server), sends Last-Event-ID on a fresh request, bounds event size and reports
 * why a request failed. The native EventSource is the fallback where there is no fetch.
 */
export function selectTransport(options: ConnectionOptions, env: TransportEnvironment): SelectedTransport {
  const { EventSource, FetchEventSource, fetch } = env;
  const viaFetch = FetchEventSource !== undefined && fetch !== undefined ? ({ kind: 'fetch', FetchEventSource, fetch } as const) : undefined;
  const native = EventSource === undefined ? undefined : ({ kind: 'native', EventSource } as const);
  const mode = options.transport ?? 'auto';
  if (mode === 'native') {
    return native
      ?? {
          kind: 'none',
          reason: process.env.NODE_ENV !== 'production'
            ? "transport: 'native' was asked for, but this environment has no EventSource (Node, SSR, a worker or an old browser). Use transport: 'auto' or 'fetch', or pass environment.EventSource."
            : 'No EventSource',
        };
  }
  if (mode === 'fetch') {
    return viaFetch
      ?? {
          kind: 'none',
          reason: process.env.NODE_ENV !== 'production' ? "transport: 'fetch' was asked for, but this environment has no fetch. Pass environment.fetch (a polyfill or a custom fetch)." : 'No fetch',
        };
  }
  if (viaFetch) return viaFetch;
  const required = fetchRequiredBy(options);
  if (required !== undefined) {
    return {
      kind: 'none',
      reason: process.env.NODE_ENV !== 'production' ? `The "${required}" option needs fetch, and this environment has none. Pass environment.fetch, or drop "${required}".` : `"${required}" needs fetch`,
    };
  }
  if (native) return native;
  return {
    kind: 'none',
    reason: process.env.NODE_ENV !== 'production'
      ? 'This environment has neither EventSource nor fetch, so there is no way to open a stream. Pass environment.fetch or environment.EventSource.'
      : 'No EventSource or fetch',
  };
}
