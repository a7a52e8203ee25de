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
 * The tab that holds the stream's lock: it runs the one real connection, listens for every name
 * any tab wants, and relays events, status and resets over the channel, beating meanwhile so
 * followers can tell it is alive.
 */
export class Leader implements Role {
  readonly name = 'leader';
  readonly #context: TabContext;
  #inner: Connection | null = null;
  readonly #nameOffs = new Map<string, () => void>();
  #innerOff: (() => void) | null = null;

  constructor(context: TabContext) {
    this.#context = context;
  }

  /** Opens the connection, from the last id this tab delivered. Called once the session holds this role. */
  start(): void {
    const context = this.#context;
    const connection = context.openStream(context.store.resumeId);
    hideFromInspection(connection);
    this.#inner = connection;
    const copyStatus = () => context.store.set(statusOf(connection.getSnapshot()));
    const statusOff = connection.subscribe(() => {
      if (this.#inner !== connection) return;
      copyStatus();
      this.#broadcastStatus(false);
    });
    const resetOff = connection.onReset((reset) => {
      if (this.#inner !== connection) return;
      const position = connection.getSnapshot().lastEventId;
      context.post({ t: 'reset', from: context.tabId, epoch: context.epoch, reset, lastEventId: position });
      context.store.reset(reset, position);
    });
    this.#innerOff = () => {
      statusOff();
      resetOff();
    };
    this.wantedNamesChanged();
    copyStatus();
    context.updateTabs();
    this.#broadcastStatus(true);
    this.#beat();
  }

  wantedNamesChanged(): void {
    const inner = this.#inner;
    if (inner !== null) listenFor(this.#context.wantedNames(), this.#nameOffs, (eventName) => inner.on(eventName, this.#relay));
  }

  /** A newcomer learns the status now rather than at the next change. */
  greet(): void {
    this.#broadcastStatus(true);
  }

  tick(): void {
    this.#beat();
  }

  woke(): void {}

  /** From another tab of this leader's own epoch: none to follow. */
  hear(): void {}

  /** Another tab stole the lock while this one was frozen; the lock's rejection may come later. */
  outranked(): void {
    this.#context.stepDown(true);
  }

  /** Hands over now rather than after the followers' timeout, and queues again on `resume`. */
  frozen(): void {
    const context = this.#context;
    context.stepDown(false);
    context.post({ t: 'leave', from: context.tabId });
  }

  reconnect(): void {
    this.#inner?.reconnect();
  }

  reconnectAsked(): void {
    this.reconnect();
  }

  transport(): 'native' | 'fetch' | null {
    return this.#inner === null ? null : (inspectConnection(this.#inner)?.transport ?? null);
  }

  stop(): void {
    const connection = this.#inner;
    this.#inner = null;
    this.#innerOff?.();
    this.#innerOff = null;
    for (const off of this.#nameOffs.values()) off();
    this.#nameOffs.clear();
    // Closed at once, not after closeDelay: the next leader is about to open its own.
    connection?.close();
  }

  readonly #relay = (message: SSEMessage): void => {
    const { tabId, epoch } = this.#context;
    // Exactly these fields cross tabs: the wire format stays as it is whatever SSEMessage gains.
    const { type, data, lastEventId, origin } = message;
    this.#context.post({ t: 'event', from: tabId, epoch, message: { type, data, lastEventId, origin } });
    this.#context.store.deliver(message);
  };

  #broadcastStatus(force: boolean): void {
    const context = this.#context;
    const wire = toWireStatus(context.store.get());
    if (!force && context.lastWire !== null && sameWireStatus(context.lastWire, wire)) return;
    context.lastWire = wire;
    context.post({ t: 'status', from: context.tabId, epoch: context.epoch, status: wire });
  }

  #beat(): void {
    const { env, tabId, epoch } = this.#context;
    const hidden = env.visibility !== undefined && !env.visibility.get();
    this.#context.post({ t: 'beat', from: tabId, epoch, hidden });
  }
}
