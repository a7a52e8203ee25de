import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ConnectionOptions, ConnectionStatus, SSEError, SSEMessage } from '../core/index';
import { getEventChannel } from './eventChannel';
import { defaultParse, parseMessage, type Parse } from './parseMessage';
import { reportParseResult } from './parseErrors';
import { useConnection } from './useConnection';
import { useLatest } from './useLatest';
import { useStatusSnapshot } from './useStatusSnapshot';

export interface UseEventSourceOptions<T = unknown> extends ConnectionOptions {
  /** Event names whose latest one becomes `data`/`lastEvent`. Default `['message']`. */
  events?: readonly string[];
  /** Default `JSON.parse`; a failure keeps the last good `data` and shows in `error`. */
  parse?: Parse<T>;
  onError?: (error: SSEError) => void;
}

export interface EventSourceState<T = unknown> {
  status: ConnectionStatus;
  /** The parsed data of `lastEvent` (the last one that parsed). */
  data: T | undefined;
  lastEvent: SSEMessage | undefined;
  lastEventId: string;
  /** The connection's error, else the latest parse error. */
  error: SSEError | null;
  retryCount: number;
  nextRetryAt: number | null;
  close(): void;
  reconnect(): void;
}

interface EventsSnapshot<T> {
  readonly lastEvent: SSEMessage | undefined;
  readonly data: T | undefined;
}

const defaultEvents = ['message'];
const nothingYet: EventsSnapshot<never> = Object.freeze({ lastEvent: undefined, data: undefined });
const serverSnapshot = () => nothingYet;

/**
 * Everything about one connection in one hook, like a native EventSource: status, the latest
 * event and its parsed data, close and reconnect. Hooks with the same url and equal options share
 * one connection; without a url it reads the provider's connection. It re-renders on every
 * listened event: for per-name, select-based renders use useSSEEvent.
 */
export function useEventSource<T = unknown>(url?: string, options?: UseEventSourceOptions<T>): EventSourceState<T> {
  const { events = defaultEvents, parse = defaultParse as Parse<T>, onError, ...connectionOptions } = options ?? {};
  const connection = useConnection(`useEventSource(${url === undefined ? '' : JSON.stringify(url)})`, url, options ? connectionOptions : undefined);
  const status = useStatusSnapshot(connection, 'withId');
  const latest = useLatest({ parse, onError });
  const eventsKey = events.join('\n');
  const channels = useMemo(() => eventsKey.split('\n').map((name) => getEventChannel(connection, name)), [connection, eventsKey]);

  const subscribe = useCallback(
    (onStoreChange: () => void) => {
      const offs = channels.map((channel) =>
        channel.subscribe((message) => {
          const result = parseMessage(message, latest.current.parse);
          reportParseResult(connection, message, result, latest.current.onError);
          onStoreChange();
        }),
      );
      return () => offs.forEach((off) => off());
    },
    [channels, connection, latest],
  );
  const getSnapshot = useMemo(() => {
    let snapshot: EventsSnapshot<T> = nothingYet;
    return (): EventsSnapshot<T> => {
      let last: SSEMessage | undefined;
      let sequence = -1;
      for (const channel of channels) {
        if (channel.latest && channel.sequence > sequence) ({ latest: last, sequence } = channel);
      }
      if (last === snapshot.lastEvent) return snapshot;
      const result = last ? parseMessage(last, latest.current.parse) : undefined;
      snapshot = { lastEvent: last, data: result?.ok ? (result.value as T) : snapshot.data };
      return snapshot;
    };
  }, [channels, latest]);
  const { lastEvent, data } = useSyncExternalStore(subscribe, getSnapshot, serverSnapshot as () => EventsSnapshot<T>);
  const close = useCallback(() => connection.close(), [connection]);
  const reconnect = useCallback(() => connection.reconnect(), [connection]);
  return {
    status: status.status,
    data,
    lastEvent,
    lastEventId: status.lastEventId,
    error: status.error ?? status.parseError,
    retryCount: status.retryCount,
    nextRetryAt: status.nextRetryAt,
    close,
    reconnect,
  };
}
