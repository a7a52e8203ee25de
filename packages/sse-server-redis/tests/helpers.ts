import type { Broker, BrokerEvent } from '@kit/sse-server';

/** Polls until `check` holds; fails after `timeoutMs` with `what` so a broken test says why. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function collect(broker: Broker): BrokerEvent[] {
  const events: BrokerEvent[] = [];
  broker.subscribe((event) => events.push(event));
  return events;
}

/** A fast, fixed reconnect delay: tests wait for reconnects, and backoff's shape is not what they check. */
export const fastRetry = { retryDelay: () => 50 } as const;
