import type { Broker, BrokerStatus } from '@kit/sse-server';
import { brokerSettings, PREFIX, type BrokerSettings, type RedisBrokerOptions } from './brokerSettings';
import { compareStreamIds } from './compareStreamIds';
import { decodeEntry, type Entry } from './decodeEntry';
import { findLastEntry } from './findLastEntry';
import { publishEvent } from './publishEvent';
import { RedisConnections } from './RedisConnections';
import { replaySince } from './replaySince';
import { StreamReader } from './StreamReader';

export type { RedisBrokerOptions } from './brokerSettings';

function statusOf(connections: RedisConnections, reader: StreamReader, { stream, where }: BrokerSettings): BrokerStatus {
  if (connections.closed) return { ok: false, kind: 'redis', detail: 'closed' };
  const { commands, lastError } = connections;
  if (connections.bothReady && reader.position !== null) {
    return { ok: true, kind: 'redis', detail: `stream ${JSON.stringify(stream)} on ${where}` };
  }
  const state = `commands ${commands.status}, reader ${connections.reader.status}`;
  if (connections.bothReady) {
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
  const settings = brokerSettings(options);
  const connections = new RedisConnections(settings);
  const reader = new StreamReader(connections, settings);

  return {
    get status(): BrokerStatus {
      return statusOf(connections, reader, settings);
    },
    publish: (init) => publishEvent(connections, settings, init),
    subscribe: (handler) => reader.subscribe(handler),
    replaySince: (raw) => replaySince(connections, reader, settings.stream, raw),
    compareIds: compareStreamIds,

    // Read from the stream, not from what this instance saw: the history outlives the process, so a
    // restarted publisher continues its numbering from here.
    async lastEvent(name) {
      const what = `lastEvent(${JSON.stringify(name)})`;
      if (connections.closed) throw new Error(`${PREFIX} ${what} after the broker was closed.`);
      if (connections.commands.status !== 'ready') throw connections.unreachable(what);
      let entry: Entry | null;
      try {
        entry = await findLastEntry(connections.commands, settings.stream, name);
      } catch (error) {
        throw connections.failure(what, error);
      }
      return entry === null ? null : decodeEntry(entry);
    },

    async close() {
      if (connections.closed) return;
      connections.closed = true;
      reader.stop();
      // Ends every wait and both connections; the disconnect interrupts the blocking XREAD, which ends the read loop.
      connections.close();
      await reader.done;
    },
  };
}
