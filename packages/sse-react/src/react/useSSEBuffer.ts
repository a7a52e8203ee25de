import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { SSEError, SSEMessage } from '../core/index';
import { getEventChannel, type EventChannel } from './eventChannel';
import { kitError } from './kitError';
import { defaultParse, parseMessage, type Parse } from './parseMessage';
import { reportParseResult } from './parseErrors';
import type { SSESourceOptions } from './useSSEEvent';
import { useConnection } from './useConnection';
import { useLatest } from './useLatest';
import { scheduleFlush } from './scheduleFlush';

export interface UseSSEBufferOptions<T> extends SSESourceOptions {
  /** How many of the latest values to keep. */
  max: number;
  /** Re-render at most once per this many ms; default once per animation frame. */
  flush?: number;
  parse?: Parse<T>;
  onError?: (error: SSEError) => void;
}

const empty: readonly never[] = Object.freeze([]);

interface Buffer<T> {
  /** Values pushed since the last trim; may hold more than `max` between flushes. */
  items: T[];
  /** What components render: the last `max` items, replaced only on flush. */
  snapshot: readonly T[];
  last: SSEMessage | undefined;
}

function createBuffer<T>(channel: EventChannel, parse: Parse<T>, max: number): Buffer<T> {
  const buffer: Buffer<T> = { items: [], snapshot: empty, last: channel.latest };
  // A late mounter starts from the current value, like useSSEEvent.
  if (channel.latest) {
    const result = parseMessage(channel.latest, parse);
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
  const connection = useConnection(`useSSEBuffer(${JSON.stringify(name)})`, options.url, options.connectionOptions);
  const channel = getEventChannel(connection, name);
  const parse = (options.parse ?? defaultParse) as Parse<T>;
  const latest = useLatest({ parse, onError, flush });
  // Keyed by what invalidates the kept values; parse is read through `latest` so an inline one is fine.
  const buffer = useMemo(() => createBuffer(channel, latest.current.parse, max), [channel, latest, max]);

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
      const off = channel.subscribe((message) => {
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
    [buffer, channel, connection, latest, max],
  );
  const getSnapshot = useCallback(() => buffer.snapshot, [buffer]);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot) as readonly T[];
}

function getServerSnapshot(): readonly never[] {
  return empty;
}
