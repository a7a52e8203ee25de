import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { SSEMessage } from '../../core/index';
import { eventFeed } from '../binding/eventFeed';
import { defaultParse, parseMessage } from '../binding/parseMessage';
import { reportParseResult } from '../binding/reportParseResult';
import type { EventSourceState, Parse, UseEventSourceOptions } from '../hookTypes';
import { useConnection } from '../provider/useConnection';
import { useLatest } from './useLatest';
import { useStatusSnapshot } from './useStatusSnapshot';

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
  const connection = useConnection('useEventSource', url, url, options ? connectionOptions : undefined);
  const status = useStatusSnapshot(connection, 'withId');
  const latest = useLatest({ parse, onError });
  const eventsKey = events.join('\n');
  const feeds = useMemo(() => eventsKey.split('\n').map((name) => eventFeed(connection, name)), [connection, eventsKey]);

  const subscribe = useCallback(
    (onStoreChange: () => void) => {
      const offs = feeds.map((feed) =>
        feed.subscribe((message) => {
          const result = parseMessage(message, latest.current.parse);
          reportParseResult(connection, message, result, latest.current.onError);
          onStoreChange();
        }),
      );
      return () => offs.forEach((off) => off());
    },
    [feeds, connection, latest],
  );
  const getSnapshot = useMemo(() => {
    let snapshot: EventsSnapshot<T> = nothingYet;
    return (): EventsSnapshot<T> => {
      let last: SSEMessage | undefined;
      let sequence = -1;
      for (const feed of feeds) {
        if (feed.latest && feed.sequence > sequence) ({ latest: last, sequence } = feed);
      }
      if (last === snapshot.lastEvent) return snapshot;
      const result = last ? parseMessage(last, latest.current.parse) : undefined;
      snapshot = { lastEvent: last, data: result?.ok ? (result.value as T) : snapshot.data };
      return snapshot;
    };
  }, [feeds, latest]);
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
