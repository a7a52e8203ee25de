import { useContext, useEffect, useInsertionEffect, useRef, useState } from 'react';
import type { SSEError, SSEMessage } from '../../core/index';
import type { EventFeed, ParseResult } from '../binding/bindingRegistry';
import { eventFeed } from '../binding/eventFeed';
import { defaultParse, parseMessage } from '../binding/parseMessage';
import { reportParseResult } from '../binding/reportParseResult';
import type { Parse, SSEEventHandler, SSEEventHandlerOptions, UseSSEEventOptions } from '../hookTypes';
import { providedConnection, sharedConnection } from '../provider/useConnection';
import { SSEContext } from '../provider/SSEContext';

type Select = ((value: never, message: SSEMessage) => unknown) | undefined;
type IsEqual = (previous: never, next: never) => boolean;

/** What the component shows, and what it was derived from. `message` is undefined until a value exists. */
interface Shown {
  readonly feed: EventFeed;
  readonly parse: Parse<unknown>;
  readonly select: Select;
  readonly message?: SSEMessage;
  readonly value?: unknown;
}

/** The options as the listener and `derive` read them. */
interface Options {
  /** The hook's arguments these were read from: a render passing the same ones reuses them. */
  second: unknown;
  third: unknown;
  /** The caller's options object (or a shared empty one). */
  options: UseSSEEventOptions<unknown, unknown>;
  parse: Parse<unknown>;
  select: Select;
  isEqual: IsEqual;
  onError: ((error: SSEError) => void) | undefined;
  handler: SSEEventHandler<unknown> | undefined;
}

/** What the listener reads: the latest render's options, and `shown`, the value on screen or on its way. */
interface Latest {
  options: Options;
  shown: Shown;
}

/** What the listener calls and compares with, from the hook's arguments. */
function latestOptions<T, S>(second: UseSSEEventOptions<T, S> | SSEEventHandler<T> | undefined, third: SSEEventHandlerOptions<T> | undefined): Options {
  const handler = typeof second === 'function' ? (second as SSEEventHandler<unknown>) : undefined;
  const options = ((handler ? third : second) ?? noOptions) as UseSSEEventOptions<unknown, unknown>;
  return {
    second,
    third,
    options,
    handler,
    parse: (options.parse ?? defaultParse) as Parse<unknown>,
    select: options.select as Select,
    isEqual: (options.isEqual ?? Object.is) as IsEqual,
    onError: options.onError,
  };
}

/**
 * `previous` moved on to `message`: the same object when nothing the component shows changed (a
 * parse failure keeps the last good value; `isEqual` keeps the previous value), so no render follows.
 */
function derive(
  previous: Shown | null,
  feed: EventFeed,
  { parse, select, isEqual }: Options,
  message: SSEMessage | undefined,
  result = message && parseMessage(message, parse),
): Shown {
  const same = previous?.feed === feed ? previous : null;
  if (!message || !result || !result.ok) return same ?? { feed, parse, select };
  const value = select ? select(result.value as never, message) : result.value;
  if (same?.message && isEqual(same.value as never, value as never)) return same;
  return { feed, parse, select, message, value };
}

// Shared and frozen: no options object allocated per render, and nothing can write to it.
const noOptions: UseSSEEventOptions<unknown, unknown> = Object.freeze({});

/**
 * The latest value of one event name. The handler form runs `handler(value, message)` once per
 * event with the latest handler and never re-renders.
 *
 * The value lives in React state, set from the event (the feed's listener), so a render reads no
 * mutable store and nothing tears; the listener compares with what is shown before setting it, so
 * a component renders only when its (selected) value changed. Cheaper per event than
 * useSyncExternalStore, which adds a passive effect and a second snapshot read to every update
 * (Jotai's useAtomValue takes the same route for the same reason).
 */
export function useSSEEvent<T = unknown, S = T>(name: string, options: UseSSEEventOptions<T, S> & { initialValue: S }): S;
export function useSSEEvent<T = unknown, S = T>(name: string, options?: UseSSEEventOptions<T, S>): S | undefined;
export function useSSEEvent<T = unknown>(name: string, handler: SSEEventHandler<T>, options?: SSEEventHandlerOptions<T>): void;
export function useSSEEvent<T, S>(
  name: string,
  second?: UseSSEEventOptions<T, S> | SSEEventHandler<T>,
  third?: SSEEventHandlerOptions<T>,
): S | undefined {
  const provided = useContext(SSEContext);
  const latest = useRef<Latest | null>(null);
  const previous = latest.current?.options;
  // The same arguments as the last render (no options, or a memoized object): the same Options,
  // so a render allocates nothing for them.
  const given = previous && previous.second === second && previous.third === third ? previous : latestOptions(second, third);
  const { options } = given;
  const shared = options.url === undefined ? null : sharedConnection('useSSEEvent', name, options.url, options.connectionOptions);
  const connection = shared ?? providedConnection('useSSEEvent', name, provided);
  const feed = eventFeed(connection, name);
  const isHandlerForm = given.handler !== undefined;
  // A late mount starts from the feed's latest message: the current value, not the next event's.
  const [state, setShown] = useState(() => derive(null, feed, given, feed.latest));
  const held = (latest.current ??= { options: given, shown: state });
  let shown = state;
  // A new name, parse or select (an inline one is new every render): derived again from the feed's
  // latest message, keeping what is shown when isEqual says it is the same. Not stored in state:
  // the listener compares with it and sets state on the next change.
  if (!isHandlerForm && (state.feed !== feed || state.parse !== given.parse || state.select !== given.select)) {
    shown = derive(held.shown, feed, given, feed.latest);
  }
  const derived = shown === state ? null : shown;
  // Handed to the listener in an insertion effect, so a render React throws away (an interrupted
  // transition) never leaves its handler, parse or connection options behind, and they are current
  // before any other effect or event. Its dependencies are the Options object (the same one while
  // the caller passes the same arguments, so the effect does not run for every value shown) and a
  // value derived again. It also hands a shared connection (a `url`, no provider) its latest
  // connection options, which saves this hook the effect useConnection would add to every render.
  useInsertionEffect(() => {
    const current = latest.current as Latest;
    current.options = given;
    if (derived) current.shown = derived;
    const { connectionOptions } = given.options;
    if (shared && connectionOptions) shared.update(connectionOptions);
  }, [given, derived, shared]);
  useEffect(() => {
    const current = latest.current as Latest;
    const show = (message: SSEMessage, result?: ParseResult): void => {
      const next = derive(current.shown, feed, current.options, message, result);
      if (next === current.shown) return;
      current.shown = next;
      setShown(next);
    };
    // Parse errors are reported here, on the event path, never during render.
    const off = feed.subscribe((message) => {
      const { parse, onError, handler } = current.options;
      const result = parseMessage(message, parse);
      reportParseResult(connection, message, result, onError);
      if (!result.ok) return;
      if (handler) handler(result.value, message);
      else show(message, result);
    });
    // An event may have come between the render and this subscription.
    const missed = feed.latest;
    if (!isHandlerForm && missed !== undefined && missed !== current.shown.message) show(missed);
    return off;
  }, [feed, connection, isHandlerForm]);
  if (isHandlerForm) return undefined;
  return (shown.message === undefined ? options.initialValue : shown.value) as S | undefined;
}
