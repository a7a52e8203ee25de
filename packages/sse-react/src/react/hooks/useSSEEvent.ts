import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { SSEMessage } from '../../core/index';
import { eventFeed } from '../binding/eventFeed';
import { defaultParse, parseMessage } from '../binding/parseMessage';
import { reportParseResult } from '../binding/reportParseResult';
import type { Parse, SSEEventHandler, SSEEventHandlerOptions, UseSSEEventOptions } from '../hookTypes';
import { useConnection } from '../provider/useConnection';
import { useLatest } from './useLatest';

const noSubscription = () => () => {};
const nothing = () => undefined;

/**
 * The latest value of one event name. The handler form runs `handler(value, message)` once per
 * event with the latest handler and never re-renders.
 */
export function useSSEEvent<T = unknown, S = T>(name: string, options: UseSSEEventOptions<T, S> & { initialValue: S }): S;
export function useSSEEvent<T = unknown, S = T>(name: string, options?: UseSSEEventOptions<T, S>): S | undefined;
export function useSSEEvent<T = unknown>(name: string, handler: SSEEventHandler<T>, options?: SSEEventHandlerOptions<T>): void;
export function useSSEEvent<T, S>(
  name: string,
  second?: UseSSEEventOptions<T, S> | SSEEventHandler<T>,
  third?: SSEEventHandlerOptions<T>,
): S | undefined {
  const handler = typeof second === 'function' ? second : undefined;
  const options: UseSSEEventOptions<T, S> = (typeof second === 'function' ? third : second) ?? {};
  const connection = useConnection(`useSSEEvent(${JSON.stringify(name)})`, options.url, options.connectionOptions);
  const feed = eventFeed(connection, name);
  const parse = (options.parse ?? defaultParse) as Parse<T>;
  const { select, isEqual = Object.is, initialValue, onError } = options;
  const latest = useLatest({ parse, onError, handler }, [parse, onError, handler]);
  const isHandlerForm = handler !== undefined;

  // Both forms listen through this. Parse errors are reported here, on the event path, never from
  // getSnapshot (render). As the store's subscribe, `onValue` is React's change callback.
  const subscribe = useCallback(
    (onValue: (value: T, message: SSEMessage) => void) =>
      feed.subscribe((message) => {
        const result = parseMessage(message, latest.current.parse);
        reportParseResult(connection, message, result, latest.current.onError);
        if (result.ok) onValue(result.value as T, message);
      }),
    [feed, connection, latest],
  );

  // The handler form: no store, so the component never re-renders for events.
  useEffect(() => {
    if (!isHandlerForm) return;
    return subscribe((value, message) => latest.current.handler?.(value, message));
  }, [subscribe, latest, isHandlerForm]);

  // The value last committed, so a getSnapshot rebuilt for a new inline `select` can still return
  // the previous value when isEqual says nothing changed (use-sync-external-store/with-selector).
  const committed = useRef<{ value: S } | null>(null);
  const getSnapshot = useMemo(() => {
    let seen: SSEMessage | undefined | null = null;
    let value: S | undefined;
    let fromMessage = false;
    return (): S | undefined => {
      const message = feed.latest;
      if (message === seen) return value;
      const previous = seen === null ? committed.current : fromMessage ? { value: value as S } : null;
      seen = message;
      if (message === undefined) {
        value = initialValue;
        return value;
      }
      const result = parseMessage(message, parse);
      // A parse failure keeps the last good value (or the initial one).
      if (!result.ok) {
        if (value === undefined && previous) value = previous.value;
        if (value === undefined) value = initialValue;
        return value;
      }
      const next = select ? select(result.value as T, message) : (result.value as S);
      value = previous && isEqual(previous.value, next) ? previous.value : next;
      fromMessage = true;
      return value;
    };
  }, [feed, parse, select, isEqual, initialValue]);

  const getServerSnapshot = useCallback(() => initialValue, [initialValue]);
  const value = useSyncExternalStore(
    isHandlerForm ? noSubscription : subscribe,
    isHandlerForm ? nothing : getSnapshot,
    isHandlerForm ? nothing : getServerSnapshot,
  );
  // Only when what it records can have changed: the value, or the feed having a message at all.
  const hasMessage = feed.latest !== undefined;
  useEffect(() => {
    if (!isHandlerForm && feed.latest !== undefined) committed.current = { value: value as S };
  }, [isHandlerForm, feed, value, hasMessage]);
  return value;
}
