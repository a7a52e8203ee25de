import { reportError } from '../runtime/reportError';
import { createTimer, type Timer } from '../runtime/createTimer';
import type { BroadcastChannelLike, Connection, SignalSource, SSEEnvironment } from '../types';
import { createTabPeers } from './createTabPeers';
import type { TabStore } from './createTabStore';
import { Follower } from './Follower';
import { Leader } from './Leader';
import type { Role, TabContext } from './Role';
import { createTabElection, type TabElection } from './tabElection';
import { watchPage, type TabEnvironment } from './tabEnvironment';
import { isTabMessage, type LeaderMessage, type TabMessage, type WireStatus } from './tabMessages';
import { TAB_HEARTBEAT_MS } from './tabTiming';

export interface TabSessionSetup {
  readonly tabId: string;
  /** The stream's lock and channel name. */
  readonly name: string;
  readonly env: SSEEnvironment;
  readonly tabEnv: TabEnvironment;
  readonly store: TabStore;
  /** Opens this tab's own connection (createLocal), its pause watching every tab's visibility. */
  readonly open: (lastEventId: string, anyTabVisible: SignalSource) => Connection;
  /** Devtools hook-up, while the session runs. */
  readonly track: (active: boolean) => void;
}

/**
 * One tab's membership of a shared stream while it has subscribers: the channel, the other tabs,
 * the election, the heartbeat loop and the page's lifecycle; the role it plays decides the rest.
 */
export class TabSession implements TabContext {
  readonly tabId: string;
  readonly env: SSEEnvironment;
  readonly store: TabStore;
  readonly election: TabElection;
  epoch = 0;
  leaderHidden = false;
  lastWire: WireStatus | null = null;
  readonly #setup: TabSessionSetup;
  readonly #peers = createTabPeers(() => this.env.visibility === undefined || this.env.visibility.get());
  readonly #tick: Timer;
  #active = false;
  #channel: BroadcastChannelLike | null = null;
  #role: Role;
  /** The tab that leads (as far as this one knows): a new leader means that one is gone or frozen. */
  #leaderTab: string | null = null;
  #lastTick = 0;
  #lastAnnounce = 0;
  #pageOff: (() => void) | null = null;

  constructor(setup: TabSessionSetup) {
    this.#setup = setup;
    this.tabId = setup.tabId;
    this.env = setup.env;
    this.store = setup.store;
    this.#tick = createTimer(setup.env);
    this.#role = new Follower(this);
    this.election = createTabElection(
      setup.tabEnv.locks,
      setup.name,
      { elected: () => this.#lead(), deposed: () => this.#follow(true) },
      (ms) => new Promise((resolve) => setup.env.setTimeout(resolve, ms)),
    );
  }

  get active(): boolean {
    return this.#active;
  }

  get role(): Role {
    return this.#role;
  }

  activate(): void {
    if (this.#active) return;
    this.#active = true;
    const channel = new this.#setup.tabEnv.BroadcastChannel(this.#setup.name);
    this.#channel = channel;
    channel.onmessage = (event) => this.#onMessage(event.data);
    this.#role = new Follower(this);
    this.#lastTick = this.env.now();
    this.store.set({ status: 'connecting', error: null, nextRetryAt: null });
    this.updateTabs();
    this.#announce();
    this.#pageOff = watchPage(this.env, {
      frozen: () => this.#role.frozen(),
      resumed: () => {
        if (!this.#active) return;
        this.#role.woke(this.env.now());
        this.#announce();
        this.election.campaign();
      },
      // Counted out at once when closing, instead of after the peers' timeout.
      hidden: () => this.post({ t: 'leave', from: this.tabId }),
      visibilityChanged: () => {
        this.#announce();
        this.#peers.visibilityChanged();
      },
    });
    this.#setup.track(true);
    this.#tick.start(TAB_HEARTBEAT_MS, this.#onTick);
    this.election.campaign();
  }

  /** Leaves the stream (the other tabs carry on; one of them takes the lead if this tab had it). */
  deactivate(): void {
    if (!this.#active) return;
    this.post({ t: 'leave', from: this.tabId });
    this.#active = false;
    this.election.resign();
    this.#role.stop();
    this.#tick.cancel();
    this.#pageOff?.();
    this.#pageOff = null;
    this.#channel?.close();
    this.#channel = null;
    this.#peers.clear();
    this.lastWire = null;
    this.#role = new Follower(this);
    this.#setup.track(false);
  }

  /** A new or gone event name changes what this tab wants from the shared stream. */
  namesChanged(): void {
    if (!this.#active) return;
    this.#role.wantedNamesChanged();
    this.#announce();
  }

  post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch (error) {
      reportError(error);
    }
  }

  wantedNames(): Set<string> {
    const wanted = new Set(this.store.localNames());
    for (const eventName of this.#peers.names()) wanted.add(eventName);
    return wanted;
  }

  openStream(lastEventId: string): Connection {
    return this.#setup.open(lastEventId, this.#peers.anyVisible);
  }

  updateTabs(): void {
    this.store.set({ tabs: { role: this.#role.name, count: this.#peers.count + 1 } });
  }

  stepDown(requeue: boolean): void {
    this.election.resign();
    this.#follow(requeue);
  }

  #announce(): void {
    this.#lastAnnounce = this.env.now();
    this.post({ t: 'here', from: this.tabId, names: this.store.localNames(), visible: this.env.visibility === undefined || this.env.visibility.get() });
  }

  #onMessage(message: unknown): void {
    if (!isTabMessage(message) || message.from === this.tabId || !this.#active) return;
    switch (message.t) {
      case 'here': {
        const { known, changed } = this.#peers.heard(message, this.env.now());
        // A newcomer hears of every tab at once, not at their next announcement.
        if (!known) this.#announce();
        if (changed) this.#peersChanged();
        if (!known) this.#role.greet();
        return;
      }
      case 'leave':
        if (this.#peers.forget(message.from)) this.#peersChanged();
        return;
      case 'reconnect':
        this.#role.reconnectAsked();
        return;
      default:
        this.#heardLeader(message);
    }
  }

  #heardLeader(message: LeaderMessage): void {
    if (message.epoch < this.epoch) return;
    if (message.epoch > this.epoch) {
      this.#role.outranked();
      this.epoch = message.epoch;
      this.#forgetLeader(message.from);
      // A new leader's first events may overlap what the old one sent: judge them like a resume.
      this.store.startAttempt();
      this.#announce();
    }
    this.#role.hear(message);
  }

  #lead(): void {
    if (!this.#active) {
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
    this.#role.stop();
    this.#role = new Follower(this);
    this.updateTabs();
    if (requeue && this.#active) this.election.campaign();
  }

  /** The previous leader closed (its lock went) or froze (its lock was stolen): count it out now. */
  #forgetLeader(next: string): void {
    if (this.#leaderTab !== null && this.#leaderTab !== next && this.#peers.forget(this.#leaderTab)) this.#peersChanged();
    this.#leaderTab = next;
  }

  #peersChanged(): void {
    this.updateTabs();
    this.#role.wantedNamesChanged();
    this.#peers.visibilityChanged();
  }

  readonly #onTick = (): void => {
    if (!this.#active) return;
    const now = this.env.now();
    // This tab was itself throttled or frozen: the leader's beats may still be queued, so silence proves nothing.
    if (now - this.#lastTick > 3 * TAB_HEARTBEAT_MS) this.#role.woke(now);
    this.#lastTick = now;
    this.#role.tick(now);
    if (this.#peers.sweep(now)) this.#peersChanged();
    if (now - this.#lastAnnounce >= 4 * TAB_HEARTBEAT_MS) this.#announce();
    this.#tick.start(TAB_HEARTBEAT_MS, this.#onTick);
  };
}
