import type { Connection, SSEMessage } from '../../core/index';
import { bindingOf, type ConnectionBinding, type EventFeed } from './bindingRegistry';

function createEventFeed(connection: Connection, binding: ConnectionBinding, name: string): EventFeed {
  const listeners = new Set<(message: SSEMessage) => void>();
  let off: (() => void) | null = null;
  const feed = {
    name,
    latest: undefined as SSEMessage | undefined,
    sequence: 0,
    subscribe(listener: (message: SSEMessage) => void) {
      // Not wrapped: every caller subscribes a closure made in its own effect run, so a function is
      // never in the set twice, and each event costs one call less per listener.
      listeners.add(listener);
      off ??= connection.on(name, (message) => {
        feed.latest = message;
        feed.sequence = ++binding.arrivals;
        for (const each of listeners) each(message);
      });
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        off?.();
        off = null;
      };
    },
  };
  return feed;
}

/** The connection's feed of event `name`, made on first use. */
export function eventFeed(connection: Connection, name: string): EventFeed {
  const binding = bindingOf(connection);
  let feed = binding.feeds.get(name);
  if (!feed) binding.feeds.set(name, (feed = createEventFeed(connection, binding, name)));
  return feed;
}
