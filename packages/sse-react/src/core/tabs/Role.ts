import type { Connection, SSEEnvironment, TabRole } from '../types';
import type { TabElection } from './tabElection';
import type { TabStore } from './createTabStore';
import type { LeaderMessage, TabMessage, WireStatus } from './tabMessages';

/** What this tab's session shares with whichever role it plays. */
export interface TabContext {
  readonly tabId: string;
  readonly env: SSEEnvironment;
  readonly store: TabStore;
  readonly election: TabElection;
  /** The current leader's epoch (ours while we lead); a message from an older one is stale. */
  readonly epoch: number;
  /** What the leader last said of its own visibility: kept by the session, not the follower, as it always was. */
  leaderHidden: boolean;
  /** The stream's status as last put on the channel, sent (leader) or received (follower). */
  lastWire: WireStatus | null;
  post(message: TabMessage): void;
  /** Event names any tab of this stream listens for. */
  wantedNames(): Set<string>;
  /** Opens this tab's own connection to the stream, resuming from `lastEventId` ('' for none). */
  openStream(lastEventId: string): Connection;
  /** Republishes `snapshot.tabs`. */
  updateTabs(): void;
  /** This tab stops leading; `requeue` false when it is about to freeze (it queues again on `resume`). */
  stepDown(requeue: boolean): void;
}

/**
 * The part of a tab-shared connection that depends on whether this tab leads: the Leader and
 * the Follower (createLeader, createFollower) each implement every step, so the session never asks which one it holds.
 */
export interface Role {
  readonly name: TabRole;
  /** Some tab's event names changed. */
  wantedNamesChanged(): void;
  /** A tab joined. */
  greet(): void;
  /** Every TAB_HEARTBEAT_MS. */
  tick(now: number): void;
  /** This tab was asleep (throttled or frozen): silence meanwhile proves nothing. */
  woke(now: number): void;
  /** A message of the current leader's epoch (the session has adopted a newer one already). */
  hear(message: LeaderMessage): void;
  /** A newer leader spoke: another tab holds the lock. */
  outranked(): void;
  /** Page Lifecycle `freeze`: this tab is about to stop running. */
  frozen(): void;
  /** This tab's reconnect(). */
  reconnect(): void;
  /** Another tab's reconnect(). */
  reconnectAsked(): void;
  /** Devtools: the transport this tab runs; null while another tab runs the stream. */
  transport(): 'native' | 'fetch' | null;
  /** Leaves the role. */
  stop(): void;
}
