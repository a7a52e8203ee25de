import type { TickEvent } from '../../lib/events';

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/**
 * The tick counter as the server has it now (GET /api/ticks/state): what a page refetches after
 * a reset, before it counts on. Retries (0.5 s, 1 s, 2 s, then every 4 s) until it gets an answer
 * or `signal` aborts, so a server that is still coming back is waited for; `onRetry` says why.
 */
export async function fetchTickState(signal: AbortSignal, onRetry: (reason: string) => void): Promise<TickEvent> {
  for (let attempt = 0; ; attempt++) {
    let reason: string;
    try {
      const response = await fetch('/api/ticks/state', { signal, cache: 'no-store' });
      if (response.ok) return (await response.json()) as TickEvent;
      reason = `HTTP ${response.status}`;
    } catch (error) {
      if (signal.aborted) throw error;
      reason = 'the dev server is not reachable';
    }
    onRetry(reason);
    await wait(Math.min(4000, 500 * 2 ** attempt), signal);
  }
}
