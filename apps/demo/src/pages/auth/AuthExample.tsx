import { ConnectionStatus, SSEProvider, useSSEEvent, type ConnectionOptions } from '@kit/sse-react';
import { useEffect, useState } from 'react';
import { clientId } from '../../lib/clientId';
import type { TickEvent } from '../../lib/events';
import { createTokenClient, type TokenInfo } from './tokenClient';

const tokens = createTokenClient('/api/token');

// Stable, module-level options: the connection is created once.
const options: ConnectionOptions = {
  transport: 'fetch',
  // Called before EVERY connect (and again at once after a 401), so a refreshed token is used.
  headers: async () => ({ Authorization: `Bearer ${(await tokens.get()).token}` }),
  environment: {
    // The one place that sees the HTTP status: a 401 means "this token is no longer accepted".
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) tokens.invalidate();
      return response;
    },
  },
};

const url = `/api/secure/stream?topics=tick&clientId=${clientId('auth')}`;

interface Log {
  at: number;
  text: string;
}

function SecureTicks() {
  const [last, setLast] = useState<TickEvent | null>(null);
  useSSEEvent<TickEvent>('tick', setLast);
  return (
    <p>
      Latest tick from the secure stream:{' '}
      <strong data-testid="secure-tick" data-seq={last?.seq ?? ''}>
        {last ? `#${last.seq}` : '—'}
      </strong>
    </p>
  );
}

export function AuthExample() {
  const [token, setToken] = useState<TokenInfo | null>(null);
  const [log, setLog] = useState<Log[]>([]);
  const [rejected, setRejected] = useState(0);
  useEffect(
    () =>
      tokens.subscribe((info, event) => {
        if (info) setToken(info);
        if (event === 'rejected') setRejected((count) => count + 1);
        const text = event === 'issued' ? `Token #${info?.issued ?? '?'} issued` : '401: token rejected, refreshing';
        setLog((entries) => [{ at: Date.now(), text }, ...entries].slice(0, 12));
      }),
    [],
  );
  return (
    <SSEProvider url={url} options={options}>
      <p>
        Connection: <ConnectionStatus className="status-badge" />
      </p>
      <SecureTicks />
      <p data-testid="token" data-issued={token?.issued ?? 0} data-rejected={rejected}>
        Token #{token?.issued ?? '—'}
        {token && <span className="muted"> · expires {new Date(token.expiresAt).toLocaleTimeString()}</span>}
      </p>
      <ol className="log-list" aria-label="Token events" data-testid="token-log">
        {log.map((entry) => (
          <li key={`${entry.at}-${entry.text}`}>
            <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleTimeString()}</time> {entry.text}
          </li>
        ))}
      </ol>
    </SSEProvider>
  );
}
