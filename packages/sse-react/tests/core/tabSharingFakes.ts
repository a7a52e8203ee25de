// Test doubles for shareAcrossTabs: one "browser" of tabs sharing fake Web Locks and a fake
// BroadcastChannel bus, each tab with its own pausable timers so a test can freeze one.
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { createConnection, preloadTabSharing, type Connection, type ConnectionOptions, type SSEMessage } from '@kit/sse-react/core';
import type { BroadcastChannelConstructor, BroadcastChannelLike, LockManagerLike } from '../../src/core/types';
import { fakeSignal, fakeTransports, type FakeSignal, type FakeTransports } from './connectionFakes';

interface LockRequest {
  tab: FakeTab;
  callback: (lock: unknown) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Held extends LockRequest {
  released: boolean;
}

function abortError(): Error {
  const error = new Error('The lock request was aborted.');
  error.name = 'AbortError';
  return error;
}

/** One origin's Web Locks: FIFO per name, ifAvailable, steal, signal; a closed tab drops its locks. */
class FakeLockManager {
  readonly held = new Map<string, Held>();
  readonly queues = new Map<string, LockRequest[]>();

  forTab(tab: FakeTab): LockManagerLike {
    return {
      request: (name, options, callback) =>
        new Promise((resolve, reject) => {
          const request: LockRequest = { tab, callback, resolve, reject };
          const holder = this.held.get(name);
          if (options.steal === true) {
            if (holder !== undefined) this.drop(name, holder, abortError());
            this.grant(name, request);
            return;
          }
          if (options.ifAvailable === true && (holder !== undefined || (this.queues.get(name)?.length ?? 0) > 0)) {
            tab.run(() => {
              Promise.resolve(callback(null)).then(resolve, reject);
            });
            return;
          }
          const queue = this.queues.get(name) ?? [];
          this.queues.set(name, queue);
          queue.push(request);
          options.signal?.addEventListener('abort', () => {
            const index = queue.indexOf(request);
            if (index === -1) return;
            queue.splice(index, 1);
            reject(abortError());
          });
          this.next(name);
        }),
    };
  }

  private grant(name: string, request: LockRequest): void {
    const held: Held = { ...request, released: false };
    this.held.set(name, held);
    request.tab.run(() => {
      Promise.resolve()
        .then(() => request.callback({ name }))
        .then(
          (value) => {
            if (held.released) return;
            this.release(name, held);
            request.resolve(value);
          },
          (error: unknown) => {
            if (held.released) return;
            this.release(name, held);
            request.reject(error);
          },
        );
    });
  }

  private release(name: string, held: Held): void {
    held.released = true;
    if (this.held.get(name) === held) this.held.delete(name);
    this.next(name);
  }

  /** A stolen or closed holder: its request rejects (stolen) and the lock moves on. */
  private drop(name: string, held: Held, error: Error | null): void {
    held.released = true;
    if (this.held.get(name) === held) this.held.delete(name);
    if (error !== null) held.tab.run(() => held.reject(error));
  }

  private next(name: string): void {
    if (this.held.has(name)) return;
    const queue = this.queues.get(name);
    const request = queue?.shift();
    if (request !== undefined) this.grant(name, request);
  }

  /** The tab is gone: its locks are released and its queued requests vanish. */
  closeTab(tab: FakeTab): void {
    for (const [name, queue] of this.queues) this.queues.set(name, queue.filter((request) => request.tab !== tab));
    for (const [name, held] of [...this.held]) {
      if (held.tab === tab) {
        this.drop(name, held, null);
        this.next(name);
      }
    }
  }

  holder(name: string): FakeTab | undefined {
    return this.held.get(name)?.tab;
  }
}

/** A BroadcastChannel bus: delivers a structured clone to every other open channel of the name. */
class FakeChannelBus {
  readonly channels = new Set<{ name: string; tab: FakeTab; channel: BroadcastChannelLike }>();
  posted = 0;
  /** Every message posted, by which tab, in order (golden traces read it). */
  readonly log: { tab: number; message: unknown }[] = [];

  forTab(tab: FakeTab): BroadcastChannelConstructor {
    const { channels } = this;
    const log = this.log;
    const count = () => (this.posted += 1);
    return class FakeBroadcastChannel implements BroadcastChannelLike {
      onmessage: ((event: { readonly data: unknown }) => void) | null = null;
      private readonly entry;
      constructor(readonly name: string) {
        this.entry = { name, tab, channel: this as BroadcastChannelLike };
        channels.add(this.entry);
      }
      postMessage(message: unknown): void {
        count();
        log.push({ tab: tab.index, message: structuredClone(message) });
        for (const other of channels) {
          if (other === this.entry || other.name !== this.name) continue;
          const data = structuredClone(message);
          // Asynchronous, like the real thing, and held while the receiving tab is frozen.
          globalThis.setTimeout(() => other.tab.run(() => channels.has(other) && other.channel.onmessage?.({ data })), 0);
        }
      }
      close(): void {
        channels.delete(this.entry);
      }
    };
  }
}

export interface FakeTab {
  readonly index: number;
  /** The tab's createConnection(url, { shareAcrossTabs: true }); a React test makes its own from `environment`. */
  readonly connection: Connection;
  /** Fake timers that pause while frozen, this browser's locks and channels, fake transports. */
  readonly environment: NonNullable<ConnectionOptions['environment']>;
  readonly visibility: FakeSignal;
  /** Every message its listeners got, in order. */
  readonly received: SSEMessage[];
  frozen: boolean;
  closed: boolean;
  /** Runs now, or when the tab thaws. */
  run(task: () => void): void;
  freeze(): void;
  thaw(): void;
  /** Like closing the browser tab: no more code runs; its locks go and its channels close. */
  close(): void;
}

export interface FakeBrowser {
  readonly tabs: FakeTab[];
  readonly transports: FakeTransports;
  readonly locks: FakeLockManager;
  readonly bus: FakeChannelBus;
  openTab(options?: ConnectionOptions, url?: string): FakeTab;
}

export function fakeBrowser(): FakeBrowser {
  const transports = fakeTransports();
  const locks = new FakeLockManager();
  const bus = new FakeChannelBus();
  const tabs: FakeTab[] = [];
  const neverFetch = (() => Promise.reject(new Error('fake fetch: not used'))) as typeof fetch;

  function openTab(options: ConnectionOptions = {}, url = 'http://test.local/events'): FakeTab {
    const pending: Array<() => void> = [];
    const visibility = fakeSignal(true);
    const received: SSEMessage[] = [];
    const tab: FakeTab = {
      index: tabs.length,
      connection: undefined as unknown as Connection,
      environment: {},
      visibility,
      received,
      frozen: false,
      closed: false,
      run(task) {
        if (tab.closed) return;
        if (tab.frozen) pending.push(task);
        else task();
      },
      freeze() {
        tab.frozen = true;
      },
      thaw() {
        tab.frozen = false;
        for (const task of pending.splice(0)) tab.run(task);
      },
      close() {
        tab.closed = true;
        pending.length = 0;
        locks.closeTab(tab);
        for (const entry of [...bus.channels]) if (entry.tab === tab) bus.channels.delete(entry);
        // The page's transports die with it.
        for (const source of transports.sources) if ((source.init as { tab?: unknown }).tab === tab) source.close();
      },
    };
    const tagged = transports.FetchEventSource;
    const environment: ConnectionOptions['environment'] = {
      fetch: neverFetch,
      EventSource: undefined,
      FetchEventSource: class extends tagged {
        constructor(sourceUrl: string, init: ConstructorParameters<typeof tagged>[1]) {
          super(sourceUrl, Object.assign(init, { tab }));
        }
      },
      random: () => 0.5,
      visibility,
      online: undefined,
      setTimeout: (callback, ms) => globalThis.setTimeout(() => tab.run(callback), ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
      locks: locks.forTab(tab),
      BroadcastChannel: bus.forTab(tab),
    };
    const merged = { ...environment, ...options.environment };
    const connection = createConnection(url, { closeDelay: 0, ...options, shareAcrossTabs: true, environment: merged });
    Object.assign(tab, { connection, environment: merged });
    tabs.push(tab);
    return tab;
  }

  return { tabs, transports, locks, bus, openTab };
}

/** The transports still open (not closed), across all tabs. */
export function openSources(browser: FakeBrowser) {
  return browser.transports.sources.filter((source) => !source.closed);
}

/**
 * The hooks every tab-sharing test file shares: the tab-sharing chunk loaded up front (so
 * connections start synchronously under fake timers; tabSharing.deferred tests the lazy path),
 * fake timers and a fresh fake browser per test, handed to `onCreate`, and every tab closed after.
 */
export function installFakeBrowser(onCreate: (browser: FakeBrowser) => void): void {
  let browser: FakeBrowser | undefined;
  beforeAll(() => preloadTabSharing());
  beforeEach(() => {
    vi.useFakeTimers();
    browser = fakeBrowser();
    onCreate(browser);
  });
  afterEach(() => {
    for (const tab of browser?.tabs ?? []) tab.close();
    vi.useRealTimers();
  });
}

/** Lets the fake channels and locks deliver what is queued. */
export const settle = () => vi.advanceTimersByTimeAsync(5);
