import { Redis, type RedisOptions } from 'ioredis';
import { messageOf, PREFIX, type BrokerSettings } from './brokerSettings';

/**
 * The broker's two connections and what it knows of their health: `commands` for publishes and
 * replays, `reader` for the blocking `XREAD` (which holds its connection). Both fail fast while
 * Redis is unreachable and reconnect with backoff until `close()`; every wait on them (`whenReady`,
 * `sleep`) ends at `close()` too, so nothing outlives the broker.
 */
export class RedisConnections {
  readonly commands: Redis;
  readonly reader: Redis;
  closed = false;
  /** The last connection or read error, for the status and the errors below. */
  lastError: string | null = null;
  private readonly onClose = new Set<() => void>();

  constructor(private readonly settings: BrokerSettings) {
    // replyMapping only applies to RESP3, which the broker does not use (and its optional type
    // does not accept undefined under exactOptionalPropertyTypes).
    const { replyMapping: _unused, ...userRedisOptions } = settings.redisOptions ?? {};
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
      retryStrategy: (attempt) => (this.closed ? null : settings.retryDelay(attempt)),
    };
    this.commands = new Redis(settings.url, clientOptions);
    this.reader = new Redis(settings.url, clientOptions);
    for (const client of [this.commands, this.reader]) {
      client.on('error', (error: Error) => {
        this.lastError = error.message;
      });
    }
  }

  get bothReady(): boolean {
    return this.commands.status === 'ready' && this.reader.status === 'ready';
  }

  unreachable(what: string, cause?: unknown): Error {
    const why =
      cause === undefined
        ? (this.lastError ?? `connection ${this.commands.status}`)
        : // ioredis's wording for "in flight when the connection dropped" names an option, not the event.
          cause instanceof Error && cause.name === 'MaxRetriesPerRequestError'
          ? 'the connection dropped while the command was in flight'
          : messageOf(cause);
    return new Error(
      `${PREFIX} ${what} failed: Redis at ${this.settings.where} is unavailable (${why}). ` +
        'The broker reconnects with backoff; check broker.status and retry once it reports ok.',
      cause === undefined ? undefined : { cause },
    );
  }

  /**
   * A refusal from a reachable Redis (WRONGTYPE, OOM...) is not an outage: say which it was. Only a
   * reply error is a refusal; anything else (a socket that just broke, even while ioredis still
   * reports `ready`) is the connection failing.
   */
  failure(what: string, error: unknown, note = ''): Error {
    if (error instanceof Error && error.name === 'ReplyError') {
      return new Error(`${PREFIX} ${what} failed: Redis at ${this.settings.where} answered "${messageOf(error)}".`, { cause: error });
    }
    const failed = this.unreachable(what, error);
    failed.message += note;
    return failed;
  }

  whenReady(client: Redis): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed || client.status === 'ready') return resolve();
      const done = () => {
        client.off('ready', done);
        this.onClose.delete(done);
        resolve();
      };
      client.on('ready', done);
      this.onClose.add(done);
    });
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.onClose.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.onClose.add(done);
    });
  }

  /** Ends every wait, then both connections (which also interrupts a blocking `XREAD`). */
  close(): void {
    this.closed = true;
    for (const done of [...this.onClose]) done();
    this.commands.disconnect();
    this.reader.disconnect();
  }
}
