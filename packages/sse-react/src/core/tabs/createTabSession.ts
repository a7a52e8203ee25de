import { createTimer } from '../runtime/createTimer';
import type { Connection, SignalSource, SSEEnvironment } from '../types';
import { createTabLeadership } from './createTabLeadership';
import { createTabPresence } from './createTabPresence';
import type { TabStore } from './createTabStore';
import type { Role } from './Role';
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

export interface TabSession {
  /** True from the first subscriber until the close delay ran out, or close(). */
  readonly active: boolean;
  readonly role: Role;
  activate(): void;
  /** Leaves the stream (the other tabs carry on; one of them takes the lead if this tab had it). */
  deactivate(): void;
  /** A new or gone event name changes what this tab wants from the shared stream. */
  namesChanged(): void;
}

/**
 * One tab's part in a shared stream while it has subscribers: it joins the channel, queues for the
 * lead, beats, and follows the page's lifecycle; its presence and its leadership do the rest.
 */
export function createTabSession(setup: TabSessionSetup): TabSession {
  const { tabId, name, env, store } = setup;
  const tick = createTimer(env);
  let active = false;
  let lastTick = 0;
  let pageOff: (() => void) | null = null;
  const presence = createTabPresence({
    tabId,
    name,
    env,
    Channel: setup.tabEnv.BroadcastChannel,
    localNames: () => store.localNames(),
    events: {
      newcomer: () => leadership.role.greet(),
      peersChanged: () => leadership.peersChanged(),
      reconnectAsked: () => leadership.role.reconnectAsked(),
      leaderSpoke: (message) => leadership.heardLeader(message),
    },
  });
  const leadership = createTabLeadership({
    tabId,
    name,
    env,
    store,
    locks: setup.tabEnv.locks,
    presence,
    open: (lastEventId) => setup.open(lastEventId, presence.anyVisible),
    isActive: () => active,
  });

  function onTick(): void {
    if (!active) return;
    const now = env.now();
    // This tab was itself throttled or frozen: the leader's beats may still be queued, so silence proves nothing.
    if (now - lastTick > 3 * TAB_HEARTBEAT_MS) leadership.role.woke(now);
    lastTick = now;
    leadership.role.tick(now);
    presence.tick(now);
    tick.start(TAB_HEARTBEAT_MS, onTick);
  }

  const watchThisPage = () =>
    watchPage(env, {
      frozen: () => leadership.role.frozen(),
      resumed() {
        if (!active) return;
        leadership.role.woke(env.now());
        presence.announce();
        leadership.election.campaign();
      },
      // Counted out at once when closing, instead of after the peers' timeout.
      hidden: () => presence.post({ t: 'leave', from: tabId }),
      visibilityChanged() {
        presence.announce();
        presence.visibilityChanged();
      },
    });

  return {
    get active() {
      return active;
    },
    get role() {
      return leadership.role;
    },
    activate() {
      if (active) return;
      active = true;
      presence.open();
      leadership.restart();
      lastTick = env.now();
      store.set({ status: 'connecting', error: null, nextRetryAt: null });
      leadership.updateTabs();
      presence.announce();
      pageOff = watchThisPage();
      setup.track(true);
      tick.start(TAB_HEARTBEAT_MS, onTick);
      leadership.election.campaign();
    },
    deactivate() {
      if (!active) return;
      presence.post({ t: 'leave', from: tabId });
      active = false;
      leadership.election.resign();
      leadership.restart();
      tick.cancel();
      pageOff?.();
      pageOff = null;
      presence.close();
      leadership.lastWire = null;
      setup.track(false);
    },
    namesChanged() {
      if (!active) return;
      leadership.role.wantedNamesChanged();
      presence.announce();
    },
  };
}
