import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { SSEMessage } from '../../core/index';
import type { EventFeed } from '../binding/bindingRegistry';
import { eventFeed } from '../binding/eventFeed';
import { defaultParse, parseMessage } from '../binding/parseMessage';
import { reportParseResult } from '../binding/reportParseResult';
import type { Parse, UseSSEBufferOptions } from '../hookTypes';
import { kitError } from '../kitError';
import { useConnection } from '../provider/useConnection';
import { scheduleFlush } from './scheduleFlush';
import { useLatest } from './useLatest';

const empty: readonly never[] = Object.freeze([]);

interface Buffer<T> {
  /** Values pushed since the last trim; may hold more than `max` between flushes. */
  items: T[];
  /** What components render: the last `max` items, replaced only on flush. */
  snapshot: readonly T[];
  last: SSEMessage | undefined;
}

function createBuffer<T>(feed: EventFeed, parse: Parse<T>, max: number): Buffer<T> {
  const buffer: Buffer<T> = { items: [], snapshot: empty, last: feed.latest };
  // A late mounter starts from the current value, like useSSEEvent.
  if (feed.latest) {
    const result = parseMessage(feed.latest, parse);
    if (result.ok && max > 0) buffer.snapshot = buffer.items = [result.value as T];
  }
  return buffer;
}

/**
 * The last `max` values of one event name, in arrival order. Every event lands in the buffer as it
 * arrives; the component re-renders at most once per animation frame (or per `flush` ms), so a
 * burst of 1000 events costs one render and loses none.
 */
export function useSSEBuffer<T = unknown>(name: string, options: UseSSEBufferOptions<T>): readonly T[] {
  const { max, flush, onError } = options;
  if (process.env.NODE_ENV !== 'production') {
    if (!Number.isInteger(max) || max < 0) throw kitError(`useSSEBuffer(${JSON.stringify(name)}): max must be an integer >= 0, got ${String(max)}.`);
    if (flush !== undefined && !(flush >= 0)) throw kitError(`useSSEBuffer(${JSON.stringify(name)}): flush must be a number of milliseconds >= 0, got ${String(flush)}.`);
  }
  const connection = useConnection('useSSEBuffer', name, options.url, options.connectionOptions);
  const feed = eventFeed(connection, name);
  const parse = (options.parse ?? defaultParse) as Parse<T>;
  const latest = useLatest({ parse, onError, flush });
  // Keyed by what invalidates the kept values; parse is read through `latest` so an inline one is fine.
  const buffer = useMemo(() => createBuffer(feed, latest.current.parse, max), [feed, latest, max]);

  const subscribe = useCallback(
    (onStoreChange: () => void) => {
      let cancel: (() => void) | null = null;
      const commit = () => {
        if (buffer.items.length > max) buffer.items = buffer.items.slice(buffer.items.length - max);
        buffer.snapshot = buffer.items.slice();
      };
      const publish = () => {
        cancel = null;
        commit();
        onStoreChange();
      };
      const off = feed.subscribe((message) => {
        // StrictMode resubscribes; never count the same message twice.
        if (message === buffer.last) return;
        buffer.last = message;
        const result = parseMessage(message, latest.current.parse);
        reportParseResult(connection, message, result, latest.current.onError);
        if (!result.ok || max === 0) return;
        buffer.items.push(result.value as T);
        // Trim as we go only when far past max, so a burst costs amortised O(1) per event.
        if (buffer.items.length >= 2 * max + 1024) buffer.items = buffer.items.slice(buffer.items.length - max);
        cancel ??= scheduleFlush(publish, latest.current.flush);
      });
      return () => {
        off();
        if (!cancel) return;
        cancel();
        cancel = null;
        // Whatever arrived but was not flushed yet still shows on the next mount (StrictMode).
        commit();
      };
    },
    [buffer, feed, connection, latest, max],
  );
  const getSnapshot = useCallback(() => buffer.snapshot, [buffer]);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot) as readonly T[];
}

function getServerSnapshot(): readonly never[] {
  return empty;
}
