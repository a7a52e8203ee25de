import type { SSESink } from '@kit/sse-server';

export type ConnectionKind = 'stream' | 'chat';

/** Every open SSE response, by client id, so chaos can reach them all and stats can count them. */
export function createConnections() {
  const byClient = new Map<string, Set<SSESink>>();
  const all = new Map<SSESink, ConnectionKind>();

  return {
    add(clientId: string, sink: SSESink, kind: ConnectionKind): void {
      all.set(sink, kind);
      if (kind === 'stream') {
        const set = byClient.get(clientId) ?? new Set<SSESink>();
        set.add(sink);
        byClient.set(clientId, set);
      }
      sink.onClose(() => {
        all.delete(sink);
        const set = byClient.get(clientId);
        set?.delete(sink);
        if (set?.size === 0) byClient.delete(clientId);
      });
    },
    streamsOf(clientId: string): number {
      return byClient.get(clientId)?.size ?? 0;
    },
    sinks(): SSESink[] {
      return [...all.keys()];
    },
    snapshot() {
      let chat = 0;
      for (const kind of all.values()) if (kind === 'chat') chat++;
      const byClientId: Record<string, number> = {};
      for (const [clientId, set] of byClient) byClientId[clientId] = set.size;
      return { total: all.size - chat, byClientId, chat };
    },
  };
}

export type Connections = ReturnType<typeof createConnections>;
