/**
 * A client written to within this many flush intervals counts as busy: its next frame is held back
 * (for at most one interval). Wider than the interval itself so that a loaded machine descheduling
 * the process between two broadcasts does not throw every client back to one write per frame.
 */
export const BUSY_INTERVALS = 10;

interface Coalesced {
  flushPending(): void;
}

/**
 * One timer per flush interval for every sink that has frames waiting to be coalesced, instead of
 * one per sink. Sinks join when their first frame is held back and are flushed together.
 */
export class FlushBatch {
  private entries: Coalesced[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** `afterRun`: what the batch's owner does once every sink of a run has flushed. */
  constructor(
    private readonly ms: number,
    private readonly afterRun: () => void,
  ) {}

  add(entry: Coalesced): void {
    this.entries.push(entry);
    if (this.timer === null) {
      this.timer = setTimeout(this.run, this.ms);
      // Open streams keep the process alive; this timer alone need not.
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  private readonly run = (): void => {
    this.timer = null;
    const entries = this.entries;
    this.entries = [];
    for (const entry of entries) entry.flushPending();
    this.afterRun();
  };
}
