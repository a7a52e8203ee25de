import { formatComment } from '../format/formatComment';

interface Beating {
  readonly isPaused: boolean;
  write(frame: string): boolean;
}

const COMMENT = formatComment();

/**
 * One interval timer per heartbeat period for every sink that uses it (node and fetch alike),
 * instead of one per sink. A sink's first heartbeat therefore comes within one period of
 * connecting, and no sink stays silent for longer than a period.
 */
export class Heartbeats {
  private readonly sinks = new Set<Beating>();
  private timer: ReturnType<typeof setInterval> | null = null;
  constructor(private readonly ms: number) {}

  add(sink: Beating): void {
    this.sinks.add(sink);
    if (this.timer === null) {
      this.timer = setInterval(this.beat, this.ms);
      // Deno and browsers return a number; only Node's Timeout can be unref'd.
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  delete(sink: Beating): void {
    this.sinks.delete(sink);
    if (this.sinks.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private readonly beat = (): void => {
    // A paused (stalled) stream sends nothing at all, heartbeats included.
    for (const sink of this.sinks) if (!sink.isPaused) sink.write(COMMENT);
  };
}
