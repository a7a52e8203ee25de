import { createChannel, createMemoryBroker, type Broker, type Channel, type ChannelEvent } from '@kit/sse-server';
import type { DashboardEvents } from '../events';
import type { RecentState } from './createRecentState';
import { TOPICS } from './topics';

export interface HistoryOptions {
  replaySize: number;
  /** A shared broker (Redis): its history outlives the process, so a restart keeps it. */
  sharedBroker?: Broker | undefined;
  /** Sent to every new or reset client before live events (state on connect). */
  recent: RecentState;
}

export interface RestartReport {
  /** True with a shared broker: clients resume with no reset. False in memory: a new epoch. */
  historyKept: boolean;
  /** Restarts since the server started, this one included. */
  restarts: number;
}

/**
 * The dev server's event history: the broker (ids, replay) and the channel every stream reads
 * from. `restart()` replaces them in-process, as a deploy replaces a process: in memory, the new
 * broker is a new history (a new epoch), so a client resuming with an id of the old one is reset
 * (`foreign-epoch`) and refetches; a shared broker is kept, and the client resumes with no reset.
 * Publishers go through `publish`, which always reaches the current channel.
 */
export function createHistory({ replaySize, sharedBroker, recent }: HistoryOptions) {
  // A fresh epoch per memory broker: ids of the replaced history are foreign (docs/wire-contract.md).
  const newBroker = () => sharedBroker ?? createMemoryBroker({ replaySize });
  const newChannel = (broker: Broker) =>
    createChannel<DashboardEvents>({ broker, topics: TOPICS, snapshot: ({ topics }) => recent.snapshot(topics) });
  let channel: Channel<DashboardEvents> = newChannel(newBroker());
  let restarts = 0;

  return {
    /** The channel a stream connects to now; replaced by `restart()`. */
    get channel(): Channel<DashboardEvents> {
      return channel;
    },
    get broker(): Broker {
      return channel.broker;
    },
    get restarts(): number {
      return restarts;
    },
    publish(init: ChannelEvent<DashboardEvents>): Promise<{ id: string }> {
      recent.record(init);
      return channel.publish(init);
    },
    /** Remembers an event as history without publishing it (the backfill at start). */
    remember(init: ChannelEvent<DashboardEvents>): void {
      recent.record(init);
    },
    /**
     * Swaps in a new channel (and, in memory, a new broker). The caller drops the open streams
     * first, as a dying process would; closing the old channel ends any it still holds.
     */
    restart(): RestartReport {
      const old = channel;
      channel = newChannel(newBroker());
      old.close();
      if (!sharedBroker) void old.broker.close();
      restarts++;
      return { historyKept: sharedBroker !== undefined, restarts };
    },
    close(): void {
      channel.close();
      void channel.broker.close();
    },
  };
}

export type History = ReturnType<typeof createHistory>;
