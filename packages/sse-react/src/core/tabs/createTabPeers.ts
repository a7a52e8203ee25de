import type { SignalSource } from '../types';
import type { TabMessage } from './tabMessages';

/** A tab not heard from for this long has gone (crashed, or closed without `pagehide`). */
const TAB_GONE_MS = 2500;

type Here = Extract<TabMessage, { readonly t: 'here' }>;

interface Peer {
  readonly names: readonly string[];
  readonly visible: boolean;
  readonly seenAt: number;
}

/** The other tabs of this stream, as their `here` announcements describe them. */
export interface TabPeers {
  readonly count: number;
  /** Records an announcement: `known` false for a tab not seen before, `changed` when what it wants or shows differs. */
  heard(message: Here, now: number): { readonly known: boolean; readonly changed: boolean };
  /** True when the tab was known. */
  forget(tabId: string): boolean;
  /** Forgets the tabs silent for TAB_GONE_MS; true when one went. */
  sweep(now: number): boolean;
  /** Every event name another tab listens for. */
  names(): Iterable<string>;
  clear(): void;
  /**
   * pauseWhenHidden pauses the shared stream only when no tab shows it: the leader's connection
   * watches this signal instead of its own tab's visibility.
   */
  readonly anyVisible: SignalSource;
  /** This tab's or a peer's visibility may have changed. */
  visibilityChanged(): void;
}

export function createTabPeers(ownVisible: () => boolean): TabPeers {
  const peers = new Map<string, Peer>();
  const visibilityListeners = new Set<() => void>();
  return {
    get count() {
      return peers.size;
    },
    heard(message, now) {
      const known = peers.get(message.from);
      const changed =
        known === undefined || known.visible !== message.visible || known.names.join('\n') !== message.names.join('\n');
      peers.set(message.from, { names: message.names, visible: message.visible, seenAt: now });
      return { known: known !== undefined, changed };
    },
    forget: (tabId) => peers.delete(tabId),
    sweep(now) {
      let gone = false;
      for (const [id, peer] of peers) {
        if (now - peer.seenAt > TAB_GONE_MS) gone = peers.delete(id) || gone;
      }
      return gone;
    },
    *names() {
      for (const peer of peers.values()) yield* peer.names;
    },
    clear: () => peers.clear(),
    anyVisible: {
      get: () => ownVisible() || [...peers.values()].some((peer) => peer.visible),
      subscribe(onChange) {
        const entry = () => onChange();
        visibilityListeners.add(entry);
        return () => visibilityListeners.delete(entry);
      },
    },
    visibilityChanged() {
      for (const listener of [...visibilityListeners]) listener();
    },
  };
}
