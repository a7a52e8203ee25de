import type { BrokerEvent } from '../broker/Broker';
import { formatEvent } from '../format/formatEvent';
import type { CloseReason, SSESink } from '../sink/SSESink';
import { StreamSink } from '../sink/StreamSink';
import { createClient, hold, type ChannelClient } from './ChannelClient';

/** The channel's counters the client set updates. */
export interface DeliveryCounters {
  framesSent: number;
  droppedSlowClients: number;
  serializations: number;
}

const encoder = new TextEncoder();

/**
 * A channel's connected clients. Most of them take every event and are live: those are kept as
 * bare sinks in a Set, with (for the kit's own sinks, which pass themselves to their close
 * listeners) one close listener for all of them. A record and a closure per client would cost
 * ~150 bytes per open stream, measured with heap snapshots at 2,000 streams. A client with
 * topics, or one still catching up (replay, snapshot: its live events are held), has a record
 * (`ChannelClient`) in a Map; once live, one without topics joins the Set.
 */
export class ChannelClients {
  private readonly everyEvent = new Set<SSESink>();
  private readonly recorded = new Map<SSESink, ChannelClient>();

  constructor(private readonly counters: DeliveryCounters) {}

  get size(): number {
    return this.everyEvent.size + this.recorded.size;
  }

  /** Subscribes an open sink; the record is returned when it has one (topics, or `catchingUp`). */
  add(sink: SSESink, topics: readonly string[] | null | undefined, catchingUp: boolean): ChannelClient | null {
    let client: ChannelClient | null = null;
    if (topics || catchingUp) {
      client = createClient(sink, topics);
      if (catchingUp) client.held = [];
      this.recorded.set(sink, client);
    } else this.everyEvent.add(sink);
    // The kit's sinks tell the listener which sink closed; one of your own may give the reason only.
    const own: StreamSink | null = sink instanceof StreamSink ? sink : null;
    if (own) own.onClose(this.forget);
    else sink.onClose((reason) => this.forget(reason, sink));
    return client;
  }

  /** The client caught up (its `held` is null now): without topics it no longer needs its record. */
  caughtUp(client: ChannelClient): void {
    const { sink } = client;
    if (client.topics || sink.closed || this.recorded.get(sink) !== client) return;
    this.recorded.delete(sink);
    this.everyEvent.add(sink);
  }

  /** Writes an event to every client that takes it, serialized lazily, once, and as bytes (the transports do not re-encode it per client). */
  deliver(event: BrokerEvent): void {
    const { counters } = this;
    let frame: Uint8Array | null = null;
    const serialize = (): Uint8Array => {
      counters.serializations++;
      return encoder.encode(formatEvent({ event: event.event, id: event.id, data: event.data }));
    };
    for (const sink of this.everyEvent) {
      frame ??= serialize();
      if (sink.write(frame)) counters.framesSent++;
    }
    for (const client of this.recorded.values()) {
      if (client.topics && !client.topics.has(event.event)) continue;
      frame ??= serialize();
      if (client.held) hold(client, event.id, frame);
      else if (client.sink.write(frame)) counters.framesSent++;
    }
  }

  /** Closes every client's stream. */
  closeAll(): void {
    const sinks = [...this.everyEvent, ...this.recorded.keys()];
    this.everyEvent.clear();
    this.recorded.clear();
    for (const sink of sinks) sink.close();
  }

  private readonly forget = (reason: CloseReason, sink: SSESink): void => {
    if (!this.everyEvent.delete(sink)) this.recorded.delete(sink);
    if (reason === 'slow') this.counters.droppedSlowClients++;
  };
}
