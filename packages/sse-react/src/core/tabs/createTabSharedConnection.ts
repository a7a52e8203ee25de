import { createDuplicateFilter } from '../connection/createDuplicateFilter';
import { createSubscribers } from '../connection/createSubscribers';
import { createTimer } from '../runtime/createTimer';
import { resolveEnvironment } from '../runtime/environment';
import { hideFromInspection, inspectConnection, tapEvent, trackConnection } from '../runtime/inspect';
import { warn } from '../runtime/isDevelopment';
import { idleSnapshot } from '../connection/idleSnapshot';
import { reportError } from '../runtime/reportError';
import type { SSEReset } from '../protocol/resetSignal';
import { SSEError } from '../SSEError';
import { createTabElection } from './tabElection';
import { isTabMessage, type TabMessage, type WireError, type WireStatus } from './tabMessages';
import { tabStreamKey } from './tabStreamKey';
import { TAB_HEARTBEAT_MS, TAB_HIDDEN_LEADER_TIMEOUT_MS, TAB_LEADER_TIMEOUT_MS } from './tabTiming';
import type {
  BroadcastChannelConstructor,
  BroadcastChannelLike,
  Connection,
  ConnectionOptions,
  ConnectionSnapshot,
  LockManagerLike,
  SignalSource,
  SSEMessage,
  TabRole,
} from '../types';

/** A tab not heard from for this long has gone (crashed, or closed without `pagehide`). */
const TAB_GONE_MS = 2500;

type CreateLocal = (url: string, options: ConnectionOptions) => Connection;

interface Peer {
  names: readonly string[];
  visible: boolean;
  seenAt: number;
}

const PREFIX = '[@kit/sse-react] ';

function toWireError(error: SSEError | null): WireError | null {
  if (error === null) return null;
  const message = error.message.startsWith(PREFIX) ? error.message.slice(PREFIX.length) : error.message;
  const wire: { -readonly [K in keyof WireError]: WireError[K] } = { kind: error.kind, message };
  if (error.status !== undefined) wire.status = error.status;
  if (error.retryAfterMs !== undefined) wire.retryAfterMs = error.retryAfterMs;
  return wire;
}

function sameWireError(a: WireError | null, b: WireError | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.message === b.message && a.status === b.status);
}

function randomId(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36).slice(-4);
}

function whatIsMissing(locks: unknown, Channel: unknown): string | undefined {
  if (typeof (locks as { request?: unknown } | undefined)?.request !== 'function') {
    return 'the Web Locks API (navigator.locks) is missing: it needs a secure context (https:// or localhost) and a browser from 2022 on';
  }
  if (typeof Channel !== 'function') return 'BroadcastChannel is missing';
  return undefined;
}

/**
 * `shareAcrossTabs`: one HTTP connection per stream for all of this origin's tabs. The tab that
 * holds the stream's Web Lock leads: it runs a real connection (createLocal) and relays its events
 * and status over a BroadcastChannel; the other tabs follow and deliver what they receive to
 * their listeners as a local connection would. A leader that closes releases its lock and the
 * next tab in the lock's queue resumes from the last event id it delivered; duplicate ids are
 * dropped, so a hand-over loses and repeats nothing.
 */
export function createTabSharedConnection(url: string, options: ConnectionOptions, createLocal: CreateLocal): Connection {
  const overrides = options.environment ?? {};
  const locks: LockManagerLike | undefined =
    'locks' in overrides ? overrides.locks : (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  const Channel: BroadcastChannelConstructor | undefined =
    'BroadcastChannel' in overrides
      ? overrides.BroadcastChannel
      : (globalThis as { BroadcastChannel?: BroadcastChannelConstructor }).BroadcastChannel;
  const localOptions: ConnectionOptions = { ...options, shareAcrossTabs: false };
  const missing = whatIsMissing(locks, Channel);
  if (missing !== undefined || locks === undefined || Channel === undefined) {
    if (process.env.NODE_ENV !== 'production') warn(`shareAcrossTabs: ${missing ?? 'unavailable'}, so this tab opens its own connection to ${url}.`);
    return createLocal(url, localOptions);
  }
  const ChannelOf: BroadcastChannelConstructor = Channel;

  const env = resolveEnvironment(options.environment);
  const tabId = randomId();
  const name = `@kit/sse-react ${tabStreamKey(url, options, tabId)}`;
  // createConnection's DEFAULT_CLOSE_DELAY, not imported: this chunk never depends on the module that loads it.
  const closeDelay = options.closeDelay ?? 1000;

  const serverSnapshot = idleSnapshot(options.lastEventId);
  const resetListeners = new Set<(reset: SSEReset) => void>();
  let snapshot = serverSnapshot;
  // A new or gone event name changes what this tab wants from the shared stream.
  const namesChanged = () => {
    if (!active) return;
    syncInnerNames();
    announce();
  };
  const subscribers = createSubscribers({
    onAdd: onSubscriberAdded,
    onRemove: onSubscriberRemoved,
    onNameAdded: namesChanged,
    onNameRemoved: namesChanged,
  });

  let active = false;
  let closed = false;
  let channel: BroadcastChannelLike | null = null;
  let role: TabRole = 'follower';
  let inner: Connection | null = null;
  let innerOffs = new Map<string, () => void>();
  let innerStatusOff: (() => void) | null = null;
  const peers = new Map<string, Peer>();
  /** The current leader's epoch (ours while we lead); a message from an older one is stale. */
  let epoch = 0;
  /** The tab that leads (as far as this one knows): a new leader means that one is gone or frozen. */
  let leaderTab: string | null = null;
  let leaderWire: WireStatus | null = null;
  let lastHeard = 0;
  let lastTick = 0;
  let lastAnnounce = 0;
  let leaderHidden = false;
  let resumeId = options.lastEventId ?? '';
  const duplicates = createDuplicateFilter();
  const tick = createTimer(env);
  const closeTimer = createTimer(env);
  const lifecycleOffs: Array<() => void> = [];

  const election = createTabElection(
    locks,
    name,
    { elected: lead, deposed: follow },
    (ms) => new Promise((resolve) => env.setTimeout(resolve, ms)),
  );

  function setSnapshot(patch: Partial<ConnectionSnapshot>): void {
    const next = { ...snapshot, ...patch };
    const same = (Object.keys(patch) as Array<keyof ConnectionSnapshot>).every((key) =>
      key === 'tabs' ? next.tabs?.role === snapshot.tabs?.role && next.tabs?.count === snapshot.tabs?.count : Object.is(next[key], snapshot[key]),
    );
    if (same) return;
    snapshot = Object.freeze(next);
    subscribers.notify();
  }

  function post(message: TabMessage): void {
    try {
      channel?.postMessage(message);
    } catch (error) {
      reportError(error);
    }
  }

  const localNames = () => [...subscribers.names()];

  const ownVisible = () => env.visibility === undefined || env.visibility.get();

  function announce(): void {
    lastAnnounce = env.now();
    post({ t: 'here', from: tabId, names: localNames(), visible: ownVisible() });
  }

  // pauseWhenHidden pauses the shared stream only when no tab shows it: the leader's connection
  // watches this signal instead of its own tab's visibility.
  const visibilityListeners = new Set<() => void>();
  const anyTabVisible: SignalSource = {
    get: () => ownVisible() || [...peers.values()].some((peer) => peer.visible),
    subscribe(onChange) {
      const entry = () => onChange();
      visibilityListeners.add(entry);
      return () => visibilityListeners.delete(entry);
    },
  };
  function peersChanged(): void {
    updateTabs();
    if (role === 'leader') syncInnerNames();
    for (const listener of [...visibilityListeners]) listener();
  }

  function updateTabs(): void {
    setSnapshot({ tabs: { role, count: peers.size + 1 } });
  }

  // ---- receiving --------------------------------------------------------------------------------

  /** Both roles deliver through here: the leader from its connection, followers from the channel. */
  function receive(message: SSEMessage): void {
    if (!duplicates.accept(message.lastEventId)) return;
    resumeId = message.lastEventId;
    setSnapshot({ lastEventId: message.lastEventId });
    tapEvent(facade, message);
    subscribers.deliver(message.type, message);
  }

  function applyWireStatus(wire: WireStatus): void {
    const previous = leaderWire;
    leaderWire = wire;
    const error =
      previous !== null && sameWireError(previous.error, wire.error) && snapshot.error !== null
        ? snapshot.error
        : wire.error === null
          ? null
          : new SSEError(wire.error.kind, wire.error.message, {
              ...(wire.error.status === undefined ? {} : { status: wire.error.status }),
              ...(wire.error.retryAfterMs === undefined ? {} : { retryAfterMs: wire.error.retryAfterMs }),
            });
    setSnapshot({
      status: wire.status,
      error,
      retryCount: wire.retryCount,
      nextRetryAt: wire.nextRetryAt,
      droppedDuplicates: wire.droppedDuplicates ?? snapshot.droppedDuplicates,
      heartbeatMs: wire.heartbeatMs ?? null,
    });
  }

  /** Both roles: the leader from its connection, followers from the channel. */
  function receiveReset(reset: SSEReset, position: string): void {
    duplicates.clear();
    resumeId = position;
    setSnapshot({ lastEventId: position, resets: snapshot.resets + 1, lastReset: reset });
    for (const listener of [...resetListeners]) {
      try {
        listener(reset);
      } catch (error) {
        reportError(error);
      }
    }
  }

  /** True when `message` comes from the current leader (adopting a newer one). */
  function fromLeader(message: { from: string; epoch: number }): boolean {
    if (message.epoch < epoch) return false;
    if (message.epoch > epoch) {
      if (role === 'leader') {
        // Another tab stole the lock while this one was frozen; the lock's rejection may come later.
        election.resign();
        follow();
      }
      epoch = message.epoch;
      forgetLeader(message.from);
      // A new leader's first events may overlap what the old one sent: judge them like a resume.
      duplicates.startAttempt();
      announce();
    }
    if (role === 'leader') return false;
    lastHeard = env.now();
    return true;
  }

  function onChannelMessage(event: { readonly data: unknown }): void {
    const message = event.data;
    if (!isTabMessage(message) || message.from === tabId || !active) return;
    switch (message.t) {
      case 'here': {
        const known = peers.get(message.from);
        const changed =
          known === undefined || known.visible !== message.visible || known.names.join('\n') !== message.names.join('\n');
        peers.set(message.from, { names: message.names, visible: message.visible, seenAt: env.now() });
        // A newcomer hears of every tab at once, not at their next announcement.
        if (known === undefined) announce();
        if (changed) peersChanged();
        // A newcomer learns the status now rather than at the next change.
        if (known === undefined && role === 'leader') broadcastStatus(true);
        return;
      }
      case 'leave':
        if (peers.delete(message.from)) peersChanged();
        return;
      case 'reconnect':
        if (role === 'leader') inner?.reconnect();
        return;
      case 'beat':
        if (fromLeader(message)) leaderHidden = message.hidden;
        return;
      case 'status':
        if (fromLeader(message)) applyWireStatus(message.status);
        return;
      case 'event':
        if (fromLeader(message)) receive(message.message);
        return;
      case 'reset':
        if (fromLeader(message)) receiveReset(message.reset, message.lastEventId);
        return;
    }
  }

  // ---- leading ----------------------------------------------------------------------------------

  function wireStatus(): WireStatus {
    return {
      status: snapshot.status,
      error: toWireError(snapshot.error),
      retryCount: snapshot.retryCount,
      nextRetryAt: snapshot.nextRetryAt,
      droppedDuplicates: snapshot.droppedDuplicates,
      heartbeatMs: snapshot.heartbeatMs,
    };
  }

  function broadcastStatus(force: boolean): void {
    const wire = wireStatus();
    const previous = leaderWire;
    if (
      !force &&
      previous !== null &&
      previous.status === wire.status &&
      previous.retryCount === wire.retryCount &&
      previous.nextRetryAt === wire.nextRetryAt &&
      previous.droppedDuplicates === wire.droppedDuplicates &&
      previous.heartbeatMs === wire.heartbeatMs &&
      sameWireError(previous.error, wire.error)
    ) {
      return;
    }
    leaderWire = wire;
    post({ t: 'status', from: tabId, epoch, status: wire });
  }

  function onInnerEvent(message: SSEMessage): void {
    post({ t: 'event', from: tabId, epoch, message: { type: message.type, data: message.data, lastEventId: message.lastEventId, origin: message.origin } });
    receive(message);
  }

  /** The leader listens for every name any tab wants: the native EventSource needs each one. */
  function syncInnerNames(): void {
    if (inner === null) return;
    const wanted = new Set(localNames());
    for (const peer of peers.values()) for (const eventName of peer.names) wanted.add(eventName);
    for (const [eventName, off] of innerOffs) {
      if (!wanted.has(eventName)) {
        off();
        innerOffs.delete(eventName);
      }
    }
    for (const eventName of wanted) {
      if (!innerOffs.has(eventName)) innerOffs.set(eventName, inner.on(eventName, onInnerEvent));
    }
  }

  /** The previous leader closed (its lock went) or froze (its lock was stolen): count it out now. */
  function forgetLeader(next: string): void {
    if (leaderTab !== null && leaderTab !== next && peers.delete(leaderTab)) peersChanged();
    leaderTab = next;
  }

  function lead(): void {
    if (!active) {
      election.resign();
      return;
    }
    forgetLeader(tabId);
    role = 'leader';
    // Wall clock, not a counter: a tab that never heard the previous leader still outranks it.
    epoch = Math.max(env.now(), epoch + 1);
    duplicates.startAttempt();
    const resumeFrom = resumeId === '' ? {} : { lastEventId: resumeId };
    const visibility = options.pauseWhenHidden === true ? { environment: { ...options.environment, visibility: anyTabVisible } } : {};
    const connection = createLocal(url, { ...localOptions, ...resumeFrom, ...visibility });
    hideFromInspection(connection);
    inner = connection;
    const copyStatus = () => {
      const { status, error, retryCount, nextRetryAt, droppedDuplicates, heartbeatMs } = connection.getSnapshot();
      setSnapshot({ status, error, retryCount, nextRetryAt, droppedDuplicates, heartbeatMs });
    };
    const statusOff = connection.subscribe(() => {
      if (inner !== connection) return;
      copyStatus();
      broadcastStatus(false);
    });
    const resetOff = connection.onReset((reset) => {
      if (inner !== connection) return;
      const position = connection.getSnapshot().lastEventId;
      post({ t: 'reset', from: tabId, epoch, reset, lastEventId: position });
      receiveReset(reset, position);
    });
    innerStatusOff = () => {
      statusOff();
      resetOff();
    };
    syncInnerNames();
    copyStatus();
    updateTabs();
    broadcastStatus(true);
    beat();
  }

  function stopInner(): void {
    const connection = inner;
    inner = null;
    innerStatusOff?.();
    innerStatusOff = null;
    const offs = innerOffs;
    innerOffs = new Map();
    for (const off of offs.values()) off();
    // Closed at once, not after closeDelay: the next leader is about to open its own.
    connection?.close();
  }

  /** Becomes (or stays) a follower: queues for the lock and waits for the leader's messages. */
  function follow(): void {
    stopInner();
    role = 'follower';
    lastHeard = env.now();
    updateTabs();
    if (active) election.campaign();
  }

  function beat(): void {
    const hidden = env.visibility !== undefined && !env.visibility.get();
    post({ t: 'beat', from: tabId, epoch, hidden });
  }

  function onTick(): void {
    if (!active) return;
    const now = env.now();
    // This tab was itself throttled or frozen: the leader's beats may still be queued, so silence proves nothing.
    if (now - lastTick > 3 * TAB_HEARTBEAT_MS) lastHeard = now;
    lastTick = now;
    if (role === 'leader') beat();
    let gone = false;
    for (const [id, peer] of peers) {
      if (now - peer.seenAt > TAB_GONE_MS) gone = peers.delete(id) || gone;
    }
    if (gone) peersChanged();
    if (now - lastAnnounce >= 4 * TAB_HEARTBEAT_MS) announce();
    if (role === 'follower' && now - lastHeard > (leaderHidden ? TAB_HIDDEN_LEADER_TIMEOUT_MS : TAB_LEADER_TIMEOUT_MS)) {
      election.seize();
    }
    tick.start(TAB_HEARTBEAT_MS, onTick);
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  function watchLifecycle(): void {
    const doc = (globalThis as { document?: Partial<Pick<Document, 'addEventListener' | 'removeEventListener'>> }).document;
    const win = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
    const on = (target: typeof doc, type: string, listener: () => void) => {
      if (typeof target?.addEventListener !== 'function' || typeof target.removeEventListener !== 'function') return;
      target.addEventListener(type, listener);
      lifecycleOffs.push(() => target.removeEventListener?.(type, listener));
    };
    // Page Lifecycle: a tab about to be frozen hands over now rather than after a timeout.
    on(doc, 'freeze', () => {
      // The leader hands over and queues again on `resume`. A frozen follower stays queued: were it
      // granted the lock while frozen, it would never beat, and another tab would steal after
      // TAB_LEADER_TIMEOUT_MS.
      if (role !== 'leader') return;
      election.resign();
      stopInner();
      role = 'follower';
      updateTabs();
      post({ t: 'leave', from: tabId });
    });
    on(doc, 'resume', () => {
      if (!active) return;
      lastHeard = env.now();
      announce();
      election.campaign();
    });
    // Counted out at once when closing, instead of after TAB_GONE_MS.
    on(win, 'pagehide', () => post({ t: 'leave', from: tabId }));
    if (env.visibility !== undefined) {
      lifecycleOffs.push(
        env.visibility.subscribe(() => {
          announce();
          for (const listener of [...visibilityListeners]) listener();
        }),
      );
    }
  }

  function activate(): void {
    if (active) return;
    active = true;
    const created = new ChannelOf(name);
    channel = created;
    created.onmessage = onChannelMessage;
    role = 'follower';
    lastHeard = lastTick = env.now();
    setSnapshot({ status: 'connecting', error: null, nextRetryAt: null });
    updateTabs();
    announce();
    watchLifecycle();
    trackConnection(facade, describe, true);
    tick.start(TAB_HEARTBEAT_MS, onTick);
    election.campaign();
  }

  function teardown(): void {
    if (!active) return;
    post({ t: 'leave', from: tabId });
    active = false;
    election.resign();
    stopInner();
    tick.cancel();
    closeTimer.cancel();
    for (const off of lifecycleOffs.splice(0)) off();
    channel?.close();
    channel = null;
    peers.clear();
    leaderWire = null;
    role = 'follower';
    trackConnection(facade, describe, false);
  }


  function onSubscriberAdded(): void {
    closeTimer.cancel();
    if (!active && !closed) activate();
  }

  function onSubscriberRemoved(): void {
    if (subscribers.size > 0 || !active) return;
    closeTimer.start(closeDelay, () => {
      teardown();
      setSnapshot({ status: 'idle', error: null, retryCount: 0, nextRetryAt: null });
    });
  }

  function describe() {
    const transport = inner === null ? null : (inspectConnection(inner)?.transport ?? null);
    return { transport, ...subscribers.counts(), role };
  }

  const facade: Connection = {
    url,
    subscribe: subscribers.subscribe,
    getSnapshot: () => snapshot,
    getServerSnapshot: () => serverSnapshot,
    on: subscribers.on,
    onReset(listener) {
      resetListeners.add(listener);
      return () => {
        resetListeners.delete(listener);
      };
    },
    close() {
      // This tab stops; the others carry on (one of them takes the lead if this tab had it).
      closed = true;
      teardown();
      setSnapshot({ status: 'closed', nextRetryAt: null });
    },
    reconnect() {
      closed = false;
      if (inner !== null) {
        inner.reconnect();
      } else if (active) {
        post({ t: 'reconnect', from: tabId });
      } else if (subscribers.size > 0) {
        activate();
      } else {
        setSnapshot({ status: 'idle', error: null, retryCount: 0, nextRetryAt: null });
      }
    },
  };
  return facade;
}
