import type { LockManagerLike, SSEEnvironment } from '../types';
import type { TabPresence } from './createTabPresence';
import type { TabStore } from './createTabStore';
import { createFollower } from './createFollower';
import { createLeader } from './createLeader';
import type { Role, TabContext } from './Role';
import { createTabElection } from './tabElection';
import type { LeaderMessage } from './tabMessages';

export interface LeadershipSetup {
  readonly tabId: string;
  readonly name: string;
  readonly env: SSEEnvironment;
  readonly store: TabStore;
  readonly locks: LockManagerLike;
  readonly presence: TabPresence;
  /** Opens this tab's own connection (see TabSessionSetup.open). */
  readonly open: TabContext['openStream'];
  /** False once the session stopped: a lock granted after that is let go. */
  readonly isActive: () => boolean;
}

/** Who leads the stream, as this tab knows it; the context each role acts through. */
export interface TabLeadership extends TabContext {
  /** The role this tab plays now. */
  readonly role: Role;
  /** Starts over as a follower, not queued (the session campaigns once it runs). */
  restart(): void;
  /** A tab came, went, or changed what it wants or shows. */
  peersChanged(): void;
  /** A message only a leader sends; a newer epoch than the one known means a new leader. */
  heardLeader(message: LeaderMessage): void;
}

export function createTabLeadership({ tabId, env, store, name, locks, presence, open, isActive }: LeadershipSetup): TabLeadership {
  /** The tab that leads (as far as this one knows): a new leader means that one is gone or frozen. */
  let leaderTab: string | null = null;
  let role: Role;
  let epoch = 0;

  /** The previous leader closed (its lock went) or froze (its lock was stolen): count it out now. */
  function forgetLeader(next: string): void {
    if (leaderTab !== null && leaderTab !== next && presence.forget(leaderTab)) leadership.peersChanged();
    leaderTab = next;
  }

  function lead(): void {
    if (!isActive()) {
      leadership.election.resign();
      return;
    }
    forgetLeader(tabId);
    const leader = createLeader(leadership);
    role = leader;
    // Wall clock, not a counter: a tab that never heard the previous leader still outranks it.
    epoch = Math.max(env.now(), epoch + 1);
    store.startAttempt();
    leader.start();
  }

  /** Becomes (or stays) a follower; `requeue`: queues for the lock again. */
  function follow(requeue: boolean): void {
    leadership.restart();
    leadership.updateTabs();
    if (requeue && isActive()) leadership.election.campaign();
  }

  const leadership: TabLeadership = {
    tabId,
    env,
    store,
    election: createTabElection(locks, name, { elected: lead, deposed: () => follow(true) }, (ms) => new Promise((resolve) => env.setTimeout(resolve, ms))),
    get epoch() {
      return epoch;
    },
    leaderHidden: false,
    lastWire: null,
    get role() {
      return role;
    },
    post: presence.post,
    wantedNames() {
      const wanted = new Set(store.localNames());
      for (const eventName of presence.peerNames()) wanted.add(eventName);
      return wanted;
    },
    openStream: open,
    updateTabs() {
      store.set({ tabs: { role: role.name, count: presence.count + 1 } });
    },
    stepDown(requeue) {
      leadership.election.resign();
      follow(requeue);
    },
    restart() {
      role.stop();
      role = createFollower(leadership);
    },
    peersChanged() {
      leadership.updateTabs();
      role.wantedNamesChanged();
      presence.visibilityChanged();
    },
    heardLeader(message) {
      if (message.epoch < epoch) return;
      if (message.epoch > epoch) {
        role.outranked();
        epoch = message.epoch;
        forgetLeader(message.from);
        // A new leader's first events may overlap what the old one sent: judge them like a resume.
        store.startAttempt();
        presence.announce();
      }
      role.hear(message);
    },
  };
  role = createFollower(leadership);
  return leadership;
}
