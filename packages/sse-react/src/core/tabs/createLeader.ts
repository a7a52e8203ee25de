import { hideFromInspection, inspectConnection } from '../runtime/inspect';
import type { Connection, ConnectionSnapshot, SSEMessage } from '../types';
import type { Role, TabContext } from './Role';
import { sameWireStatus, toWireStatus } from './tabMessages';

/** The status part of the leader's own connection, which its tab shows as its own. */
function statusOf({ status, error, retryCount, nextRetryAt, droppedDuplicates, heartbeatMs }: ConnectionSnapshot): Partial<ConnectionSnapshot> {
  return { status, error, retryCount, nextRetryAt, droppedDuplicates, heartbeatMs };
}

/**
 * Keeps one listener in `offs` per name in `wanted`: the native EventSource needs a listener for
 * each name, so the leader listens for every name any tab wants.
 */
function listenFor(wanted: ReadonlySet<string>, offs: Map<string, () => void>, listen: (eventName: string) => () => void): void {
  for (const [eventName, off] of offs) {
    if (!wanted.has(eventName)) {
      off();
      offs.delete(eventName);
    }
  }
  for (const eventName of wanted) {
    if (!offs.has(eventName)) offs.set(eventName, listen(eventName));
  }
}

/**
 * The Leader: the tab that holds the stream's lock. It opens the one real connection (from the
 * last id this tab delivered), listens for every name any tab wants, relays events, status and
 * resets over the channel, and beats meanwhile so followers can tell it is alive.
 * The session holds the role before it opens: anything the opening triggers sees a leader.
 */
export function createLeader(context: TabContext): Role & { start(): void } {
  const { store, tabId } = context;
  const nameOffs = new Map<string, () => void>();
  let inner: Connection | null = null;
  let innerOff: (() => void) | null = null;

  function relay(message: SSEMessage): void {
    // Exactly these fields cross tabs: the wire format stays as it is whatever SSEMessage gains.
    const { type, data, lastEventId, origin } = message;
    context.post({ t: 'event', from: tabId, epoch: context.epoch, message: { type, data, lastEventId, origin } });
    store.deliver(message);
  }

  function broadcastStatus(force: boolean): void {
    const wire = toWireStatus(store.get());
    if (!force && context.lastWire !== null && sameWireStatus(context.lastWire, wire)) return;
    context.lastWire = wire;
    context.post({ t: 'status', from: tabId, epoch: context.epoch, status: wire });
  }

  function beat(): void {
    const { visibility } = context.env;
    context.post({ t: 'beat', from: tabId, epoch: context.epoch, hidden: visibility !== undefined && !visibility.get() });
  }

  const leader: Role & { start(): void } = {
    name: 'leader',
    start() {
      const connection = context.openStream(store.resumeId);
      hideFromInspection(connection);
      inner = connection;
      const copyStatus = () => store.set(statusOf(connection.getSnapshot()));
      const statusOff = connection.subscribe(() => {
        if (inner !== connection) return;
        copyStatus();
        broadcastStatus(false);
      });
      const resetOff = connection.onReset((reset) => {
        if (inner !== connection) return;
        const position = connection.getSnapshot().lastEventId;
        context.post({ t: 'reset', from: tabId, epoch: context.epoch, reset, lastEventId: position });
        store.reset(reset, position);
      });
      innerOff = () => {
        statusOff();
        resetOff();
      };
      leader.wantedNamesChanged();
      copyStatus();
      context.updateTabs();
      broadcastStatus(true);
      beat();
    },
    wantedNamesChanged() {
      const connection = inner;
      if (connection !== null) listenFor(context.wantedNames(), nameOffs, (eventName) => connection.on(eventName, relay));
    },
    // A newcomer learns the status now rather than at the next change.
    greet: () => broadcastStatus(true),
    tick: beat,
    woke() {},
    // From another tab of this leader's own epoch: none to follow.
    hear() {},
    // Another tab stole the lock while this one was frozen; the lock's rejection may come later.
    outranked: () => context.stepDown(true),
    // Hands over now rather than after the followers' timeout, and queues again on `resume`.
    frozen() {
      context.stepDown(false);
      context.post({ t: 'leave', from: tabId });
    },
    reconnect: () => inner?.reconnect(),
    reconnectAsked: () => inner?.reconnect(),
    transport: () => (inner === null ? null : (inspectConnection(inner)?.transport ?? null)),
    stop() {
      const current = inner;
      inner = null;
      innerOff?.();
      innerOff = null;
      for (const off of nameOffs.values()) off();
      nameOffs.clear();
      // Closed at once, not after closeDelay: the next leader is about to open its own.
      current?.close();
    },
  };
  return leader;
}
