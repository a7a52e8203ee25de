// Test doubles for the connection store: a scriptable transport and scriptable environment signals.
import type {
  EventSourceConstructor,
  FetchEventSourceConstructor,
  FetchEventSourceInit,
  SignalSource,
  SSEEnvironment,
} from '@kit/sse-react/core';
import { SSEError, SSEErrorEvent } from '@kit/sse-react/core';

type MessageListener = (event: MessageEvent<string>) => void;

export class FakeSource {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  lastEventId: string;
  reconnectionTime = 3000;
  readonly listeners = new Map<string, Set<MessageListener>>();

  constructor(
    readonly kind: 'native' | 'fetch',
    readonly url: string,
    readonly init: FetchEventSourceInit,
  ) {
    this.lastEventId = init.lastEventId ?? '';
  }

  addEventListener(type: string, listener: MessageListener): void {
    let set = this.listeners.get(type);
    if (set === undefined) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: MessageListener): void {
    this.listeners.get(type)?.delete(listener);
    if (this.listeners.get(type)?.size === 0) this.listeners.delete(type);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  get listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  // ---- scripting -------------------------------------------------------------------------------

  open(): void {
    this.readyState = 1;
    this.init.onActivity?.();
    this.onopen?.(new Event('open'));
  }

  /**
   * Dispatches like EventSource: lastEventId keeps the previous id when `id` is not given. A fetch
   * fake also says, like FetchEventSource, whether the event carried an `id:` field of its own.
   */
  emit(type: string, data: string, id?: string): void {
    if (id !== undefined) this.lastEventId = id;
    this.init.onActivity?.();
    const event = new MessageEvent(type, { data, lastEventId: this.lastEventId, origin: 'http://test.local' });
    if (this.kind === 'fetch') Object.defineProperty(event, 'hasOwnId', { value: id !== undefined });
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }

  /** The kit's reset signal, as @kit/sse-server sends it. */
  emitReset(reason: string, id: string | undefined, lastEventId = ''): void {
    this.emit('sse:reset', JSON.stringify({ reason, lastEventId, message: `reset: ${reason}` }), id);
  }

  /** A comment (a heartbeat when empty): bytes arrive, no event. */
  comment(text = ''): void {
    this.init.onActivity?.();
    if (this.readyState === 1) this.init.onComment?.(text);
  }

  /** `readyState` 0 is how a native EventSource says it reconnects by itself. */
  fail(error?: SSEError, readyState: 0 | 2 = 2): void {
    this.readyState = readyState;
    this.onerror?.(error === undefined ? new Event('error') : new SSEErrorEvent(error));
  }

  failHttp(status: number, retryAfterMs?: number): void {
    this.fail(
      new SSEError('http', `answered ${status}`, retryAfterMs === undefined ? { status } : { status, retryAfterMs }),
    );
  }

  failNetwork(): void {
    this.fail(new SSEError('network', 'The server closed the stream.'));
  }
}

export interface FakeTransports {
  readonly sources: FakeSource[];
  readonly EventSource: EventSourceConstructor;
  readonly FetchEventSource: FetchEventSourceConstructor;
  latest(): FakeSource;
}

export function fakeTransports(): FakeTransports {
  const sources: FakeSource[] = [];
  class NativeFake extends FakeSource {
    constructor(url: string, init?: { withCredentials?: boolean }) {
      super('native', url, init ?? {});
      sources.push(this);
    }
  }
  class FetchFake extends FakeSource {
    constructor(url: string, init: FetchEventSourceInit) {
      super('fetch', url, init);
      sources.push(this);
    }
  }
  return {
    sources,
    EventSource: NativeFake,
    FetchEventSource: FetchFake,
    latest() {
      const last = sources.at(-1);
      if (last === undefined) throw new Error('no transport was created');
      return last;
    },
  };
}

export interface FakeSignal extends SignalSource {
  set(value: boolean): void;
  readonly listenerCount: number;
}

export function fakeSignal(initial = true): FakeSignal {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    subscribe(onChange) {
      const entry = () => onChange();
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    set(next) {
      value = next;
      for (const listener of [...listeners]) listener();
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

export interface FakeWorld {
  transports: FakeTransports;
  visibility: FakeSignal;
  online: FakeSignal;
  environment: Partial<SSEEnvironment>;
}

/**
 * A browser-like world with fake transports. Timers and clock stay the defaults (read from
 * globalThis on every call), so vi.useFakeTimers drives them and vi.getTimerCount sees them.
 */
export function fakeWorld(options: { native?: boolean } = {}): FakeWorld {
  const transports = fakeTransports();
  const visibility = fakeSignal(true);
  const online = fakeSignal(true);
  const neverFetch = (() => Promise.reject(new Error('fake fetch: not used'))) as typeof fetch;
  return {
    transports,
    visibility,
    online,
    environment: {
      fetch: neverFetch,
      EventSource: options.native === false ? undefined : transports.EventSource,
      FetchEventSource: transports.FetchEventSource,
      random: () => 0.5,
      visibility,
      online,
    },
  };
}
