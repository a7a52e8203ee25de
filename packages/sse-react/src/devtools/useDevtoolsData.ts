import { useEffect, useRef, useState } from 'react';
import type { Connection, SSEMessage } from '../core/index';
import {
  inspectConnection,
  listConnections,
  subscribeToConnections,
  subscribeToEvents,
  type ConnectionInspection,
} from '../core/runtime/inspect';

export interface LoggedEvent {
  readonly key: number;
  readonly at: number;
  readonly url: string;
  readonly message: SSEMessage;
}

export interface InspectedRow {
  readonly connection: Connection;
  readonly inspection: ConnectionInspection;
  /** Events dispatched in the last second. */
  readonly eventsPerSecond: number;
}

export interface DevtoolsData {
  rows: InspectedRow[];
  log: LoggedEvent[];
  clear(): void;
}

/**
 * Reads the core's inspection registry. Polled (every `refreshMs` while open) rather than
 * subscribed per connection: a status subscription would count as a subscriber and keep a
 * connection open that the app let go of.
 */
export function useDevtoolsData(open: boolean, paused: boolean, maxEvents: number, refreshMs = 500): DevtoolsData {
  const log = useRef<LoggedEvent[]>([]);
  const arrivals = useRef(new WeakMap<Connection, number[]>());
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let key = 0;
    return subscribeToEvents((connection, message) => {
      const now = Date.now();
      const times = arrivals.current.get(connection) ?? [];
      times.push(now);
      while (times.length > 0 && (times[0] ?? now) < now - 1000) times.shift();
      arrivals.current.set(connection, times);
      if (pausedRef.current) return;
      log.current.push({ key: ++key, at: now, url: connection.url, message });
      if (log.current.length > maxEvents) log.current.splice(0, log.current.length - maxEvents);
    });
  }, [maxEvents]);

  useEffect(() => {
    if (!open) return undefined;
    const refresh = () => setVersion((value) => value + 1);
    const off = subscribeToConnections(refresh);
    const timer = setInterval(refresh, refreshMs);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [open, refreshMs]);

  const now = Date.now();
  const rows: InspectedRow[] = [];
  if (open) {
    for (const connection of listConnections()) {
      const inspection = inspectConnection(connection);
      if (inspection === undefined) continue;
      const times = arrivals.current.get(connection) ?? [];
      rows.push({ connection, inspection, eventsPerSecond: times.filter((time) => time >= now - 1000).length });
    }
  }
  void version;
  return {
    rows,
    log: log.current.slice(),
    clear() {
      log.current = [];
      setVersion((value) => value + 1);
    },
  };
}
