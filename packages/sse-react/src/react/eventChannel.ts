import type { Connection, SSEMessage } from '../core/index';

/**
 * One channel per (connection, event name): a single `connection.on(name)` however many
 * components listen, and the latest message so a component mounting late starts from the
 * current value instead of waiting for the next event.
 */
export interface EventChannel {
  readonly name: string;
  /** The latest message of this name seen while someone listened. */
  readonly latest: SSEMessage | undefined;
  /** Arrival order of `latest` across all channels, so a hook listening to several names knows which came last. */
  readonly sequence: number;
  subscribe(listener: (message: SSEMessage) => void): () => void;
}

const channelsByConnection = new WeakMap<Connection, Map<string, EventChannel>>();
let arrivals = 0;

function createChannel(connection: Connection, name: string): EventChannel {
  const listeners = new Set<(message: SSEMessage) => void>();
  let off: (() => void) | null = null;
  const channel = {
    name,
    latest: undefined as SSEMessage | undefined,
    sequence: 0,
    subscribe(listener: (message: SSEMessage) => void) {
      // Wrapped so the same function subscribed twice (StrictMode) still counts twice.
      const entry = (message: SSEMessage) => listener(message);
      listeners.add(entry);
      off ??= connection.on(name, (message) => {
        channel.latest = message;
        channel.sequence = ++arrivals;
        for (const each of listeners) each(message);
      });
      return () => {
        if (!listeners.delete(entry) || listeners.size > 0) return;
        off?.();
        off = null;
      };
    },
  };
  return channel;
}

export function getEventChannel(connection: Connection, name: string): EventChannel {
  let channels = channelsByConnection.get(connection);
  if (!channels) channelsByConnection.set(connection, (channels = new Map()));
  let channel = channels.get(name);
  if (!channel) channels.set(name, (channel = createChannel(connection, name)));
  return channel;
}
