import type { PublishInit } from '@kit/sse-server';
import { PREFIX, type BrokerSettings } from './brokerSettings';
import type { RedisConnections } from './RedisConnections';

/**
 * `XADD MAXLEN`: the event either reached Redis (and gets its entry id) or the returned promise
 * rejects saying why. Nothing waits in the process for Redis to come back.
 */
export async function publishEvent(
  connections: RedisConnections,
  settings: BrokerSettings,
  { event, data }: PublishInit,
): Promise<{ id: string }> {
  if (connections.closed) throw new Error(`${PREFIX} publish() after the broker was closed.`);
  let payload: string | undefined;
  try {
    payload = JSON.stringify(data);
  } catch (error) {
    throw new TypeError(`${PREFIX} The data of event ${JSON.stringify(event)} cannot be serialized as JSON.`, { cause: error });
  }
  const { commands } = connections;
  if (commands.status !== 'ready') throw connections.unreachable(`publish of event ${JSON.stringify(event)}`);
  const fields = payload === undefined ? ['event', event] : ['event', event, 'data', payload];
  try {
    const id = await commands.xadd(settings.stream, 'MAXLEN', settings.trim, settings.maxLen, '*', ...fields);
    if (typeof id !== 'string') throw new Error(`XADD returned ${String(id)}`);
    return { id };
  } catch (error) {
    // Either refused by Redis, or the connection dropped mid-command: then Redis may or may not
    // have appended it, and the error says so rather than guessing.
    throw connections.failure(
      `publish of event ${JSON.stringify(event)}`,
      error,
      ' If the connection dropped while the XADD was in flight, Redis may have appended the event anyway.',
    );
  }
}
