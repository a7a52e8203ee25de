import { reportError } from '../runtime/reportError';
import type { BroadcastChannelConstructor, BroadcastChannelLike, SignalSource, SSEEnvironment } from '../types';
import { isTabMessage, type LeaderMessage, type TabMessage } from './tabMessages';
import { TAB_HEARTBEAT_MS } from './tabTiming';

/** A tab not heard from for this long has gone (crashed, or closed without `pagehide`). */
const TAB_GONE_MS = 2500;

interface Peer {
  readonly names: readonly string[];
  readonly visible: boolean;
  readonly seenAt: number;
}

export interface PresenceEvents {
  /** A tab not seen before announced itself. */
  newcomer(): void;
  /** A tab came, went, or changed the names it wants or its visibility. */
  peersChanged(): void;
  /** Another tab's reconnect(). */
  reconnectAsked(): void;
  /** A message only a leader sends. */
  leaderSpoke(message: LeaderMessage): void;
}

/** This tab on the stream's channel: what it posts, the other tabs it hears of, its announcements. */
export interface TabPresence {
  /** How many other tabs share the stream. */
  readonly count: number;
  /** Every event name another tab listens for. */
  peerNames(): Iterable<string>;
  /**
   * True while this tab or another shows the stream: pauseWhenHidden pauses the shared stream only
   * when no tab shows it, so the leader's connection watches this instead of its own tab's visibility.
   */
  readonly anyVisible: SignalSource;
  open(): void;
  close(): void;
  post(message: TabMessage): void;
  /** "I am here, I want these": on joining, on a change, and every fourth beat. */
  announce(): void;
  /** Counts a tab out at once (a leader replaced by a newer one); true when it was known. */
  forget(tabId: string): boolean;
  /** Every beat: counts out the silent tabs and announces when due. */
  tick(now: number): void;
  /** This tab was shown or hidden. */
  visibilityChanged(): void;
}

export interface PresenceSetup {
  readonly tabId: string;
  readonly name: string;
  readonly env: SSEEnvironment;
  readonly Channel: BroadcastChannelConstructor;
  /** The event names this tab's listeners want. */
  readonly localNames: () => string[];
  readonly events: PresenceEvents;
}

export function createTabPresence({ tabId, name, env, Channel, localNames, events }: PresenceSetup): TabPresence {
  const ownVisible = () => env.visibility === undefined || env.visibility.get();
  const peers = new Map<string, Peer>();
  const visibilityListeners = new Set<() => void>();
  let channel: BroadcastChannelLike | null = null;
  let lastAnnounce = 0;

  function post(message: TabMessage): void {
    try {
      channel?.postMessage(message);
    } catch (error) {
      reportError(error);
    }
  }

  function announce(): void {
    lastAnnounce = env.now();
    post({ t: 'here', from: tabId, names: localNames(), visible: ownVisible() });
  }

  function onMessage(message: unknown): void {
    if (!isTabMessage(message) || message.from === tabId || channel === null) return;
    switch (message.t) {
      case 'here': {
        const known = peers.get(message.from);
        const changed =
          known === undefined || known.visible !== message.visible || known.names.join('\n') !== message.names.join('\n');
        peers.set(message.from, { names: message.names, visible: message.visible, seenAt: env.now() });
        // A newcomer hears of every tab at once, not at their next announcement.
        if (known === undefined) announce();
        if (changed) events.peersChanged();
        if (known === undefined) events.newcomer();
        return;
      }
      case 'leave':
        if (peers.delete(message.from)) events.peersChanged();
        return;
      case 'reconnect':
        events.reconnectAsked();
        return;
      default:
        events.leaderSpoke(message);
    }
  }

  return {
    get count() {
      return peers.size;
    },
    *peerNames() {
      for (const peer of peers.values()) yield* peer.names;
    },
    anyVisible: {
      get: () => ownVisible() || [...peers.values()].some((peer) => peer.visible),
      subscribe(onChange) {
        const entry = () => onChange();
        visibilityListeners.add(entry);
        return () => visibilityListeners.delete(entry);
      },
    },
    open() {
      const created = new Channel(name);
      channel = created;
      created.onmessage = (event) => onMessage(event.data);
    },
    close() {
      channel?.close();
      channel = null;
      peers.clear();
    },
    post,
    announce,
    forget: (id) => peers.delete(id),
    tick(now) {
      let gone = false;
      for (const [id, peer] of peers) {
        if (now - peer.seenAt > TAB_GONE_MS) gone = peers.delete(id) || gone;
      }
      if (gone) events.peersChanged();
      if (now - lastAnnounce >= 4 * TAB_HEARTBEAT_MS) announce();
    },
    visibilityChanged() {
      for (const listener of [...visibilityListeners]) listener();
    },
  };
}
