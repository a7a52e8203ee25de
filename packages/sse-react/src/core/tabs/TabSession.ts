import { createTimer, type Timer } from '../runtime/createTimer';
import type { Connection, SignalSource, SSEEnvironment } from '../types';
import { createTabPresence, type TabPresence } from './createTabPresence';
import type { TabStore } from './createTabStore';
import type { Role } from './Role';
import { TabLeadership } from './TabLeadership';
import { watchPage, type TabEnvironment } from './tabEnvironment';
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
 * One tab's part in a shared stream while it has subscribers: it joins the channel, queues for the
 * lead, beats, and follows the page's lifecycle; its presence and its leadership do the rest.
 */
export class TabSession {
  readonly #setup: TabSessionSetup;
  readonly #presence: TabPresence;
  readonly #leadership: TabLeadership;
  readonly #tick: Timer;
  #active = false;
  #lastTick = 0;
  #pageOff: (() => void) | null = null;

  constructor(setup: TabSessionSetup) {
    const { tabId, name, env, store } = setup;
    this.#setup = setup;
    this.#tick = createTimer(env);
    this.#presence = createTabPresence({
      tabId,
      name,
      env,
      Channel: setup.tabEnv.BroadcastChannel,
      localNames: () => store.localNames(),
      events: {
        newcomer: () => this.role.greet(),
        peersChanged: () => this.#leadership.peersChanged(),
        reconnectAsked: () => this.role.reconnectAsked(),
        leaderSpoke: (message) => this.#leadership.heardLeader(message),
      },
    });
    this.#leadership = new TabLeadership({
      tabId,
      name,
      env,
      store,
      locks: setup.tabEnv.locks,
      presence: this.#presence,
      open: (lastEventId) => setup.open(lastEventId, this.#presence.anyVisible),
      isActive: () => this.#active,
    });
  }

  get active(): boolean {
    return this.#active;
  }

  get role(): Role {
    return this.#leadership.role;
  }

  activate(): void {
    if (this.#active) return;
    const { env, store } = this.#setup;
    const leadership = this.#leadership;
    this.#active = true;
    this.#presence.open();
    leadership.restart();
    this.#lastTick = env.now();
    store.set({ status: 'connecting', error: null, nextRetryAt: null });
    leadership.updateTabs();
    this.#presence.announce();
    this.#pageOff = watchPage(env, {
      frozen: () => this.role.frozen(),
      resumed: () => {
        if (!this.#active) return;
        this.role.woke(env.now());
        this.#presence.announce();
        leadership.election.campaign();
      },
      // Counted out at once when closing, instead of after the peers' timeout.
      hidden: () => this.#presence.post({ t: 'leave', from: this.#setup.tabId }),
      visibilityChanged: () => {
        this.#presence.announce();
        this.#presence.visibilityChanged();
      },
    });
    this.#setup.track(true);
    this.#tick.start(TAB_HEARTBEAT_MS, this.#onTick);
    leadership.election.campaign();
  }

  /** Leaves the stream (the other tabs carry on; one of them takes the lead if this tab had it). */
  deactivate(): void {
    if (!this.#active) return;
    this.#presence.post({ t: 'leave', from: this.#setup.tabId });
    this.#active = false;
    this.#leadership.election.resign();
    this.#leadership.restart();
    this.#tick.cancel();
    this.#pageOff?.();
    this.#pageOff = null;
    this.#presence.close();
    this.#leadership.lastWire = null;
    this.#setup.track(false);
  }

  /** A new or gone event name changes what this tab wants from the shared stream. */
  namesChanged(): void {
    if (!this.#active) return;
    this.role.wantedNamesChanged();
    this.#presence.announce();
  }

  readonly #onTick = (): void => {
    if (!this.#active) return;
    const now = this.#setup.env.now();
    // This tab was itself throttled or frozen: the leader's beats may still be queued, so silence proves nothing.
    if (now - this.#lastTick > 3 * TAB_HEARTBEAT_MS) this.role.woke(now);
    this.#lastTick = now;
    this.role.tick(now);
    this.#presence.tick(now);
    this.#tick.start(TAB_HEARTBEAT_MS, this.#onTick);
  };
}
