import { Redis, type RedisOptions } from 'ioredis';
import { parseEpochId, type Broker, type BrokerEvent, type BrokerStatus, type PublishInit, type ReplayResult } from '@kit/sse-server';
import { compareStreamIds, isStreamId } from './compareStreamIds';
import { findLastEntry } from './findLastEntry';

export interface RedisBrokerOptions {
  /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS. */
  url: string;
  /** The stream key. Instances that use the same key serve the same events. Default `sse:events`. */
  stream?: string;
  /** Entries kept for `Last-Event-ID` replay (`XADD MAXLEN`). Default 10000. */
  maxLen?: number;
  /**
   * `approximate` (default) is `MAXLEN ~`: Redis trims whole radix-tree nodes, which is cheap and
   * keeps at least `maxLen` entries (a few more). `exact` is `MAXLEN =`: exactly `maxLen`.
   */
  trim?: 'approximate' | 'exact';
  /** Delay before reconnect attempt `attempt` (1, 2, ...), in ms. Default 100 ms doubling to 2 s, ±25 % jitter. */
  retryDelay?: (attempt: number) => number;
  /** How long one `XREAD` blocks waiting for new entries, ms. Default 5000. */
  blockMs?: number;
  /** Most entries read (and fanned out) per `XREAD`. Default 1000. */
  batchSize?: number;
  /**
   * How long `replaySince` may wait for this instance's reader to reach the client's id (a client
   * coming from a faster instance), ms. Past it the replay fails and the channel resets the client.
   * Default 3000.
   */
  catchUpTimeoutMs?: number;
  /** Receives exceptions thrown by subscribers (they never stop the fan-out). Default `console.error`. */
  onError?: (error: unknown) => void;
  /**
   * Extra ioredis options (TLS, credentials, keep-alive...). The ones the broker's guarantees
   * depend on (offline queue, resend, retries, protocol) cannot be overridden.
   */
  redisOptions?: RedisOptions;
}

const PREFIX = '[@kit/sse-server-redis]';

/** The position before the first entry (`XRANGE (0-0 +` is the whole stream). */
const START = '0-0';

function defaultRetryDelay(attempt: number): number {
  const base = Math.min(2000, 100 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${PREFIX} ${name} must be a positive integer, got ${value}.`);
  return value;
}

/** host:port only: the URL may carry a password, and this string ends up in /api/stats. */
function describeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${PREFIX} url must look like redis://host:port, got ${JSON.stringify(url)}.`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(`${PREFIX} url must start with redis:// or rediss://, got ${JSON.stringify(parsed.protocol)}.`);
  }
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Entry = [id: string, fields: string[]];

function decode([id, fields]: Entry): BrokerEvent {
  let event = 'message';
  let data: unknown;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1] as string;
    if (fields[i] === 'event') event = value;
    else if (fields[i] === 'data') {
      try {
        data = JSON.parse(value);
      } catch {
        // Written by something other than this broker: hand the text over as it is.
        data = value;
      }
    }
  }
  return { id, event, data };
}

/**
 * A `Broker` on a Redis Stream, so several server instances serve one event stream:
 * `publish` is `XADD MAXLEN`, ids are the stream entry ids (the same on every instance), a reader
 * on its own connection fans `XREAD` results out to local subscribers in order, and `replaySince`
 * is `XRANGE` from the client's id. While Redis is unreachable the broker reports a degraded
 * `status`, `publish` rejects at once, and the reader resumes from the last id it delivered once
 * Redis is back. Nothing is queued in the process: an event either reached Redis or failed loudly.
 */
export function createRedisBroker(options: RedisBrokerOptions): Broker {
  const where = describeUrl(options.url);
  const stream = options.stream ?? 'sse:events';
  if (typeof stream !== 'string' || stream === '') throw new TypeError(`${PREFIX} stream must be a non-empty string.`);
  const maxLen = positiveInteger('maxLen', options.maxLen ?? 10_000);
  const trim = options.trim === 'exact' ? '=' : '~';
  const blockMs = positiveInteger('blockMs', options.blockMs ?? 5000);
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 1000);
  const catchUpTimeoutMs = positiveInteger('catchUpTimeoutMs', options.catchUpTimeoutMs ?? 3000);
  const retryDelay = options.retryDelay ?? defaultRetryDelay;
  const onError = options.onError ?? ((error: unknown) => console.error(PREFIX, error));

  let closed = false;
  let lastError: string | null = null;
  // The newest id this instance has delivered to its subscribers; null until the reader has found
  // where the stream ends. Replay answers are cut here, so a replayed event and a live one never overlap.
  let position: string | null = null;
  const handlers = new Set<(event: BrokerEvent) => void>();
  const waiters = new Set<{ check: () => void; fail: (error: Error) => void }>();
  const onClose = new Set<() => void>();

  // replyMapping only applies to RESP3, which the broker does not use (and its optional type
  // does not accept undefined under exactOptionalPropertyTypes).
  const { replyMapping: _unused, ...userRedisOptions } = options.redisOptions ?? {};
  const clientOptions: Omit<RedisOptions, 'replyMapping'> = {
    ...userRedisOptions,
    // Fail fast: a command issued while disconnected rejects instead of waiting in a queue, so a
    // publish is never delayed into a burst nor silently lost with the process.
    enableOfflineQueue: false,
    // A command in flight when the connection drops rejects at once and is not resent after the
    // reconnect: resending an XADD whose reply was lost could append the event twice.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // RESP2 replies are plain arrays, whatever ioredis's RESP3 mapping defaults become.
    protocol: 2,
    retryStrategy: (attempt) => (closed ? null : retryDelay(attempt)),
  };
  const commands = new Redis(options.url, clientOptions);
  // XREAD BLOCK holds its connection: publishes and replays need another one.
  const reader = new Redis(options.url, clientOptions);
  for (const client of [commands, reader]) {
    client.on('error', (error: Error) => {
      lastError = error.message;
    });
  }

  function unreachable(what: string, cause?: unknown): Error {
    const why =
      cause === undefined
        ? (lastError ?? `connection ${commands.status}`)
        : // ioredis's wording for "in flight when the connection dropped" names an option, not the event.
          cause instanceof Error && cause.name === 'MaxRetriesPerRequestError'
          ? 'the connection dropped while the command was in flight'
          : messageOf(cause);
    return new Error(
      `${PREFIX} ${what} failed: Redis at ${where} is unavailable (${why}). ` +
        'The broker reconnects with backoff; check broker.status and retry once it reports ok.',
      cause === undefined ? undefined : { cause },
    );
  }

  /**
   * A refusal from a reachable Redis (WRONGTYPE, OOM...) is not an outage: say which it was. Only a
   * reply error is a refusal; anything else (a socket that just broke, even while ioredis still
   * reports `ready`) is the connection failing.
   */
  function failure(what: string, error: unknown, note = ''): Error {
    if (error instanceof Error && error.name === 'ReplyError') {
      return new Error(`${PREFIX} ${what} failed: Redis at ${where} answered "${messageOf(error)}".`, { cause: error });
    }
    const failed = unreachable(what, error);
    failed.message += note;
    return failed;
  }

  function whenReady(client: Redis): Promise<void> {
    return new Promise((resolve) => {
      if (closed || client.status === 'ready') return resolve();
      const done = () => {
        client.off('ready', done);
        onClose.delete(done);
        resolve();
      };
      client.on('ready', done);
      onClose.add(done);
    });
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        onClose.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      onClose.add(done);
    });
  }

  function reached(target: string | null): boolean {
    return position !== null && (target === null || compareStreamIds(position, target) >= 0);
  }

  /** Resolves once this instance has delivered `target` (or, for null, knows where the stream ends). */
  function catchUp(target: string | null): Promise<void> {
    if (reached(target)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          if (!reached(target)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve();
        },
        fail: (error: Error) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(
        () =>
          waiter.fail(
            target === null
              ? unreachable('replay')
              : new Error(
                  `${PREFIX} replay failed: this instance had not read up to ${target} after ${catchUpTimeoutMs} ms ` +
                    `(its reader is at ${position ?? 'nothing yet'}; Redis at ${where} is ${reader.status}).`,
                ),
          ),
        catchUpTimeoutMs,
      );
      waiters.add(waiter);
    });
  }

  function deliver(entries: Entry[]): void {
    for (const entry of entries) {
      const event = decode(entry);
      position = event.id;
      // Copy first: a handler may unsubscribe (or subscribe) while we deliver.
      for (const handler of [...handlers]) {
        try {
          handler(event);
        } catch (error) {
          onError(error);
        }
      }
    }
    for (const waiter of [...waiters]) waiter.check();
  }

  async function readLoop(): Promise<void> {
    let failures = 0;
    while (!closed) {
      if (reader.status !== 'ready') {
        await whenReady(reader);
        continue;
      }
      try {
        if (position === null) {
          // Start at the current end: what came before is replay's business, not the live feed's.
          const [last] = (await reader.xrevrange(stream, '+', '-', 'COUNT', 1)) as Entry[];
          position = last?.[0] ?? '0-0';
          for (const waiter of [...waiters]) waiter.check();
        }
        // After a reconnect this continues from the last delivered id: nothing twice, nothing
        // skipped (as long as the entries were not trimmed away meanwhile).
        const reply = (await reader.xread('COUNT', batchSize, 'BLOCK', blockMs, 'STREAMS', stream, position)) as
          | [key: string, entries: Entry[]][]
          | null;
        failures = 0;
        for (const [, entries] of reply ?? []) deliver(entries);
      } catch (error) {
        if (closed) break;
        lastError = messageOf(error);
        // A dropped connection is waited for at the top of the loop; anything else (a WRONGTYPE
        // key, say) is retried with the same backoff as a reconnect rather than in a hot loop.
        if (reader.status === 'ready') await sleep(retryDelay(++failures));
      }
    }
  }
  const loopDone = readLoop();

  const broker: Broker = {
    get status(): BrokerStatus {
      if (closed) return { ok: false, kind: 'redis', detail: 'closed' };
      if (commands.status === 'ready' && reader.status === 'ready' && position !== null) {
        return { ok: true, kind: 'redis', detail: `stream ${JSON.stringify(stream)} on ${where}` };
      }
      const state = `commands ${commands.status}, reader ${reader.status}`;
      if (commands.status === 'ready' && reader.status === 'ready') {
        return {
          ok: false,
          kind: 'redis',
          detail: `Reading stream ${JSON.stringify(stream)} on ${where} failed (${lastError ?? 'starting'}): retrying with backoff.`,
        };
      }
      return {
        ok: false,
        kind: 'redis',
        detail:
          `Redis at ${where} is unavailable (${lastError ?? state}; ${state}): reconnecting with backoff. ` +
          'Connected clients stay connected; publishing fails until Redis is back.',
      };
    },

    async publish({ event, data }: PublishInit) {
      if (closed) throw new Error(`${PREFIX} publish() after the broker was closed.`);
      let payload: string | undefined;
      try {
        payload = JSON.stringify(data);
      } catch (error) {
        throw new TypeError(`${PREFIX} The data of event ${JSON.stringify(event)} cannot be serialized as JSON.`, { cause: error });
      }
      if (commands.status !== 'ready') throw unreachable(`publish of event ${JSON.stringify(event)}`);
      const fields = payload === undefined ? ['event', event] : ['event', event, 'data', payload];
      try {
        const id = await commands.xadd(stream, 'MAXLEN', trim, maxLen, '*', ...fields);
        if (typeof id !== 'string') throw new Error(`XADD returned ${String(id)}`);
        return { id };
      } catch (error) {
        // Either refused by Redis, or the connection dropped mid-command: then Redis may or may not
        // have appended it, and the error says so rather than guessing.
        throw failure(
          `publish of event ${JSON.stringify(event)}`,
          error,
          ' If the connection dropped while the XADD was in flight, Redis may have appended the event anyway.',
        );
      }
    },

    subscribe(handler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },

    async replaySince(raw): Promise<ReplayResult> {
      if (!isStreamId(raw)) {
        // An in-memory broker's `<epoch>.<seq>`: a client coming from a single-process deploy.
        const reason = parseEpochId(raw) === null ? 'malformed-id' : 'foreign-epoch';
        return { ok: false, reason, latestId: position ?? START };
      }
      if (closed) throw new Error(`${PREFIX} replaySince() after the broker was closed.`);
      await catchUp(null);
      let replies: [error: Error | null, result: unknown][] | null;
      try {
        // One transaction, so oldest, newest, the id itself and what follows are one consistent cut.
        replies = await commands
          .multi()
          .xrange(stream, '-', '+', 'COUNT', 1)
          .xrevrange(stream, '+', '-', 'COUNT', 1)
          .xrange(stream, raw, raw)
          .xrange(stream, `(${raw}`, '+')
          .exec();
      } catch (error) {
        throw failure('replay', error);
      }
      const results = (replies ?? []).map(([error, result]) => {
        if (error) throw failure('replay', error);
        return result as Entry[];
      });
      const [oldestEntries = [], newestEntries = [], exact = [], after = []] = results;
      const oldest = oldestEntries[0]?.[0] ?? null;
      const newest = newestEntries[0]?.[0] ?? null;
      // Resets point the client at what this instance has delivered, so the live events that
      // follow the reset continue exactly from there.
      const delivered = position ?? START;
      const latestId = newest === null || compareStreamIds(delivered, newest) < 0 ? delivered : newest;
      if (newest === null || oldest === null) {
        // An empty stream: a client at our position (or before everything) has missed nothing;
        // any other id is from a stream that is gone (Redis restarted without persistence).
        if (raw === START || raw === delivered) return { ok: true, events: [] };
        return { ok: false, reason: 'unknown-id', latestId };
      }
      // An id beyond the stream's end: not ours.
      if (compareStreamIds(raw, newest) > 0) return { ok: false, reason: 'unknown-id', latestId };
      // START included: whether entries before the oldest kept one were trimmed cannot be told.
      if (compareStreamIds(raw, oldest) < 0) return { ok: false, reason: 'too-old', latestId };
      if (exact.length === 0) return { ok: false, reason: 'unknown-id', latestId };
      // A client coming from an instance that is ahead of this one: wait until this one has
      // delivered its id, or the live events it already has would be sent to it again.
      await catchUp(raw);
      const cut = position as string;
      const events: BrokerEvent[] = [];
      for (const entry of after) {
        // Beyond the cut, events reach this client live, through the channel's subscription.
        if (compareStreamIds(entry[0], cut) > 0) break;
        events.push(decode(entry));
      }
      return { ok: true, events };
    },

    compareIds: compareStreamIds,

    // Read from the stream, not from what this instance saw: the history outlives the process, so a
    // restarted publisher continues its numbering from here.
    async lastEvent(name) {
      const what = `lastEvent(${JSON.stringify(name)})`;
      if (closed) throw new Error(`${PREFIX} ${what} after the broker was closed.`);
      if (commands.status !== 'ready') throw unreachable(what);
      let entry: Entry | null;
      try {
        entry = await findLastEntry(commands, stream, name);
      } catch (error) {
        throw failure(what, error);
      }
      return entry === null ? null : decode(entry);
    },

    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      for (const waiter of [...waiters]) waiter.fail(new Error(`${PREFIX} The broker was closed.`));
      for (const done of [...onClose]) done();
      // disconnect() also interrupts the blocking XREAD, which ends the read loop.
      commands.disconnect();
      reader.disconnect();
      await loopDone;
    },
  };
  return broker;
}
