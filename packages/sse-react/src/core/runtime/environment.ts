import { FetchTransport } from '../transport/FetchTransport';
import type { EventSourceConstructor, FetchEventSourceConstructor, SignalSource, SSEEnvironment, WakeSource } from '../types';

export interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export function isEventTarget(value: unknown): value is EventTargetLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EventTargetLike).addEventListener === 'function' &&
    typeof (value as EventTargetLike).removeEventListener === 'function'
  );
}

type Listened = ReadonlyArray<readonly [EventTargetLike, string]>;

/** Listens for every `[target, type]` pair with one listener; returns the removal of them all. */
function listen(pairs: Listened, onChange: () => void): () => void {
  const listener = () => onChange();
  for (const [target, type] of pairs) target.addEventListener(type, listener);
  return () => {
    for (const [target, type] of pairs) target.removeEventListener(type, listener);
  };
}

// The three signals share `listen`: one subscribe mechanism, not three copies of it.
function visibilitySource(doc: unknown): SignalSource | undefined {
  if (!isEventTarget(doc) || typeof (doc as { visibilityState?: unknown }).visibilityState !== 'string') return undefined;
  return {
    get: () => (doc as { visibilityState?: unknown }).visibilityState !== 'hidden',
    subscribe: (onChange) => listen([[doc, 'visibilitychange']], onChange),
  };
}

function onlineSource(): SignalSource | undefined {
  const nav = (globalThis as { navigator?: { onLine?: unknown } }).navigator;
  // Node 21+ has a navigator without onLine, and no online/offline events: treat it as always online.
  if (typeof nav?.onLine !== 'boolean' || !isEventTarget(globalThis)) return undefined;
  return {
    get: () => nav.onLine !== false,
    subscribe: (onChange) => listen([[globalThis, 'online'], [globalThis, 'offline']], onChange),
  };
}

function wakeSource(doc: unknown): WakeSource | undefined {
  if (!isEventTarget(globalThis) || !isEventTarget(doc)) return undefined;
  // pageshow: restored from the back-forward cache; resume: a frozen tab thawed (Page Lifecycle).
  return { subscribe: (onWake) => listen([[globalThis, 'pageshow'], [doc, 'resume']], onWake) };
}

/**
 * What the core uses from the host, read from globalThis at call time, never at import time, so
 * SSR and Node load the module safely. Timers, clock and random are looked up on every call: a
 * test may install fake timers after the connection was created.
 */
export function defaultEnvironment(): SSEEnvironment {
  const fetchFn = (globalThis as { fetch?: typeof fetch }).fetch;
  const NativeEventSource = (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
  const doc = (globalThis as { document?: unknown }).document;
  return {
    // Bound: browsers throw "Illegal invocation" when fetch is called with another `this`.
    fetch: typeof fetchFn === 'function' ? fetchFn.bind(globalThis) : undefined,
    EventSource: typeof NativeEventSource === 'function' ? NativeEventSource : undefined,
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    random: () => Math.random(),
    visibility: visibilitySource(doc),
    online: onlineSource(),
    wake: wakeSource(doc),
    // One request per attempt, no reconnect loop of its own: the connection's policy decides.
    FetchEventSource: FetchTransport satisfies FetchEventSourceConstructor,
  };
}

/** `overrides` win key by key; an explicit `undefined` (say `visibility: undefined`) turns a source off. */
export function resolveEnvironment(overrides: Partial<SSEEnvironment> = {}): SSEEnvironment {
  return { ...defaultEnvironment(), ...overrides };
}
