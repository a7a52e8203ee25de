import type { BrokerEvent } from '@kit/sse-server';
import { messageOf, PREFIX, type BrokerSettings } from './brokerSettings';
import { compareStreamIds } from './compareStreamIds';
import { decodeEntry, type Entry } from './decodeEntry';
import type { RedisConnections } from './RedisConnections';

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

/**
 * The live feed of one instance: a loop of blocking `XREAD`s on the reader connection, fanned out
 * in order to the local subscribers, and the position it has delivered up to. Replays wait on that
 * position (`catchUp`), so a replayed event and a live one never overlap.
 */
export class StreamReader {
  /**
   * The newest id this instance has delivered to its subscribers; null until the reader has found
   * where the stream ends. Replay answers are cut here.
   */
  position: string | null = null;
  readonly done: Promise<void>;
  private readonly handlers = new Set<(event: BrokerEvent) => void>();
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly connections: RedisConnections,
    private readonly settings: BrokerSettings,
  ) {
    this.done = this.loop();
  }

  subscribe(handler: (event: BrokerEvent) => void): () => void {
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  /** Resolves once this instance has delivered `target` (or, for null, knows where the stream ends). */
  catchUp(target: string | null): Promise<void> {
    if (this.reached(target)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          if (!this.reached(target)) return;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
        fail: (error: Error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(this.tooSlow(target)), this.settings.catchUpTimeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The broker closed: no more deliveries, and every replay still waiting fails. */
  stop(): void {
    this.handlers.clear();
    for (const waiter of [...this.waiters]) waiter.fail(new Error(`${PREFIX} The broker was closed.`));
  }

  private reached(target: string | null): boolean {
    return this.position !== null && (target === null || compareStreamIds(this.position, target) >= 0);
  }

  private tooSlow(target: string | null): Error {
    if (target === null) return this.connections.unreachable('replay');
    return new Error(
      `${PREFIX} replay failed: this instance had not read up to ${target} after ${this.settings.catchUpTimeoutMs} ms ` +
        `(its reader is at ${this.position ?? 'nothing yet'}; Redis at ${this.settings.where} is ${this.connections.reader.status}).`,
    );
  }

  private deliver(entries: Entry[]): void {
    const { onError } = this.settings;
    for (const entry of entries) {
      const event = decodeEntry(entry);
      this.position = event.id;
      // Copy first: a handler may unsubscribe (or subscribe) while we deliver.
      for (const handler of [...this.handlers]) {
        try {
          handler(event);
        } catch (error) {
          onError(error);
        }
      }
    }
    this.checkWaiters();
  }

  private checkWaiters(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  private async loop(): Promise<void> {
    const { connections } = this;
    const { reader } = connections;
    const { stream, batchSize, blockMs, retryDelay } = this.settings;
    let failures = 0;
    while (!connections.closed) {
      if (reader.status !== 'ready') {
        await connections.whenReady(reader);
        continue;
      }
      try {
        if (this.position === null) {
          // Start at the current end: what came before is replay's business, not the live feed's.
          const [last] = (await reader.xrevrange(stream, '+', '-', 'COUNT', 1)) as Entry[];
          this.position = last?.[0] ?? '0-0';
          this.checkWaiters();
        }
        // After a reconnect this continues from the last delivered id: nothing twice, nothing
        // skipped (as long as the entries were not trimmed away meanwhile).
        const reply = (await reader.xread('COUNT', batchSize, 'BLOCK', blockMs, 'STREAMS', stream, this.position)) as
          | [key: string, entries: Entry[]][]
          | null;
        failures = 0;
        for (const [, entries] of reply ?? []) this.deliver(entries);
      } catch (error) {
        if (connections.closed) break;
        connections.lastError = messageOf(error);
        // A dropped connection is waited for at the top of the loop; anything else (a WRONGTYPE
        // key, say) is retried with the same backoff as a reconnect rather than in a hot loop.
        if (reader.status === 'ready') await connections.sleep(retryDelay(++failures));
      }
    }
  }
}
