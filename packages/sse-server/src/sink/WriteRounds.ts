interface Coalesced {
  flushPending(): void;
}

/** A round yields to the event loop this many times: I/O and new events get in between its slices. */
export const SLICES_PER_ROUND = 4;
/** Fewer clients than this per slice are written in one go: a yield per handful of writes costs more than it gives. */
export const MIN_SLICE = 64;

/**
 * The write schedule of every coalescing sink of the process, instead of a timer per sink (or per
 * interval). A sink with frames waiting joins the next round; a round writes each of its sinks'
 * waiting frames as one chunk, in the order they joined, in SLICES_PER_ROUND slices with a turn of
 * the event loop (setImmediate) between two slices. Frames never wait for a clock: a lone event
 * goes out on the next turn, and under load the events published between two slices join the
 * queues of the sinks not yet written (sharing their write, one syscall for several events) or
 * the next round. A frame so waits at most about one round, the time one write per client takes.
 */
export class WriteRounds {
  private round: (Coalesced | undefined)[] = [];
  private next = 0;
  private sliceSize = MIN_SLICE;
  private waiting: Coalesced[] = [];
  private scheduled = false;
  /** `afterRound`: what the owner does once every sink of a round has been written. */
  constructor(private readonly afterRound: () => void) {}

  add(entry: Coalesced): void {
    this.waiting.push(entry);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.slice);
    }
  }

  private readonly slice = (): void => {
    try {
      if (this.next === this.round.length) this.startRound();
      const { round } = this;
      const end = Math.min(round.length, this.next + this.sliceSize);
      while (this.next < end) {
        const entry = round[this.next] as Coalesced;
        // Let go of it now: it may close and be collected before the round ends.
        round[this.next++] = undefined;
        entry.flushPending();
      }
      if (this.next === round.length) {
        this.round = [];
        this.next = 0;
        this.afterRound();
      }
    } finally {
      // Even after a throw, what is left (or has joined since) is written on the next turn.
      this.scheduled = this.next < this.round.length || this.waiting.length > 0;
      if (this.scheduled) setImmediate(this.slice);
    }
  };

  private startRound(): void {
    this.round = this.waiting;
    this.waiting = [];
    this.next = 0;
    this.sliceSize = Math.max(MIN_SLICE, Math.ceil(this.round.length / SLICES_PER_ROUND));
  }
}
