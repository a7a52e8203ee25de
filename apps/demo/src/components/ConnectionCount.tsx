import { useEffect, useState } from 'react';

interface Stats {
  connections?: { total?: number; byClientId?: Record<string, number> };
}

/**
 * Reads the dev server's own count of open SSE connections (polled every 2 s), so the page can
 * prove that all its widgets share one connection instead of claiming it.
 */
export function ConnectionCount({ clientId }: { clientId: string }) {
  const [counts, setCounts] = useState<{ mine: number; total: number } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    async function poll() {
      try {
        const response = await fetch('/api/stats', { signal: controller.signal });
        if (!response.ok) return;
        const stats = (await response.json()) as Stats;
        setCounts({
          mine: stats.connections?.byClientId?.[clientId] ?? 0,
          total: stats.connections?.total ?? 0,
        });
      } catch {
        // Dev server down or request aborted: keep showing the last known count.
      }
    }
    void poll();
    const timer = setInterval(() => void poll(), 2000);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [clientId]);

  return (
    <p className="connection-count" data-testid="connection-count" data-count={counts?.mine ?? ''}>
      Open SSE connections for this dashboard (counted by the server):{' '}
      <strong>{counts === null ? '…' : counts.mine}</strong>
      {counts !== null && <span className="muted"> · all clients: {counts.total}</span>}
    </p>
  );
}
