import type { Connection, LockManagerLike, SSEEnvironment } from '../types';
import type { TabPresence } from './createTabPresence';
import type { TabStore } from './createTabStore';
import { Follower } from './Follower';
import { Leader } from './Leader';
import type { Role, TabContext } from './Role';
import { createTabElection, type TabElection } from './tabElection';
import type { LeaderMessage, TabMessage, WireStatus } from './tabMessages';

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

/**
 * Who leads the stream, as this tab knows it: the election, the role this tab plays, the leader's
 * epoch, and the moves between roles. It is the context each role acts through.
 */
export class TabLeadership implements TabContext {
  readonly tabId: string;
  readonly env: SSEEnvironment;
  readonly store: TabStore;
  readonly election: TabElection;
  epoch = 0;
  leaderHidden = false;
  lastWire: WireStatus | null = null;
  readonly #setup: LeadershipSetup;
  #role: Role;
  /** The tab that leads (as far as this one knows): a new leader means that one is gone or frozen. */
  #leaderTab: string | null = null;

  constructor(setup: LeadershipSetup) {
    this.#setup = setup;
    this.tabId = setup.tabId;
    this.env = setup.env;
    this.store = setup.store;
    this.#role = new Follower(this);
    this.election = createTabElection(
      setup.locks,
      setup.name,
      { elected: () => this.#lead(), deposed: () => this.#follow(true) },
      (ms) => new Promise((resolve) => setup.env.setTimeout(resolve, ms)),
    );
  }

  get role(): Role {
    return this.#role;
  }

  /** Starts over as a follower, not queued (the session campaigns once it runs). */
  restart(): void {
    this.#role.stop();
    this.#role = new Follower(this);
  }

  post(message: TabMessage): void {
    this.#setup.presence.post(message);
  }

  wantedNames(): Set<string> {
    const wanted = new Set(this.store.localNames());
    for (const eventName of this.#setup.presence.peerNames()) wanted.add(eventName);
    return wanted;
  }

  openStream(lastEventId: string): Connection {
    return this.#setup.open(lastEventId);
  }

  updateTabs(): void {
    this.store.set({ tabs: { role: this.#role.name, count: this.#setup.presence.count + 1 } });
  }

  stepDown(requeue: boolean): void {
    this.election.resign();
    this.#follow(requeue);
  }

  peersChanged(): void {
    this.updateTabs();
    this.#role.wantedNamesChanged();
    this.#setup.presence.visibilityChanged();
  }

  heardLeader(message: LeaderMessage): void {
    if (message.epoch < this.epoch) return;
    if (message.epoch > this.epoch) {
      this.#role.outranked();
      this.epoch = message.epoch;
      this.#forgetLeader(message.from);
      // A new leader's first events may overlap what the old one sent: judge them like a resume.
      this.store.startAttempt();
      this.#setup.presence.announce();
    }
    this.#role.hear(message);
  }

  #lead(): void {
    if (!this.#setup.isActive()) {
      this.election.resign();
      return;
    }
    this.#forgetLeader(this.tabId);
    const leader = new Leader(this);
    this.#role = leader;
    // Wall clock, not a counter: a tab that never heard the previous leader still outranks it.
    this.epoch = Math.max(this.env.now(), this.epoch + 1);
    this.store.startAttempt();
    leader.start();
  }

  /** Becomes (or stays) a follower; `requeue`: queues for the lock again. */
  #follow(requeue: boolean): void {
    this.restart();
    this.updateTabs();
    if (requeue && this.#setup.isActive()) this.election.campaign();
  }

  /** The previous leader closed (its lock went) or froze (its lock was stolen): count it out now. */
  #forgetLeader(next: string): void {
    if (this.#leaderTab !== null && this.#leaderTab !== next && this.#setup.presence.forget(this.#leaderTab)) this.peersChanged();
    this.#leaderTab = next;
  }
}
