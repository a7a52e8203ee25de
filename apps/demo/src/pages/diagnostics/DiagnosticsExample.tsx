import { SSEProvider, useSSEEvent } from '@kit/sse-react';
import { createConnection } from '@kit/sse-react/core';
import { useState } from 'react';
import type { TickEvent } from '../../lib/events';
import { createWireTap } from './createWireTap';
import { DiagnosticsReport } from './DiagnosticsReport';
import { useDiagnostics } from './useDiagnostics';

// Ticks only (4 a second): every event the stream carries has a listener, so the devtools' event
// tap (which sees dispatched events) counts them all.
const url = '/api/stream?topics=tick&clientId=diagnostics';

async function chaos(body: object): Promise<void> {
  const response = await fetch('/api/chaos', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`[demo] POST /api/chaos answered ${response.status}: ${await response.text()}`);
}

function LatestTick() {
  const tick = useSSEEvent<TickEvent>('tick');
  return (
    <p>
      Latest tick: <strong data-testid="diagnostics-tick">{tick?.seq ?? '—'}</strong>
    </p>
  );
}

// An id from a memory broker that never existed here: the server answers it as it would after
// restarting, with an `sse:reset` (reason `foreign-epoch`).
const FOREIGN_ID = 'otherprocess.42';

/**
 * A connection made with the core's createConnection, so this page holds the object itself: its
 * status subscription, the devtools' event tap (`@kit/sse-react/devtools`) and a wire tap passed
 * as `environment.fetch` (which also selects the fetch transport).
 */
function createStream(lastEventId?: string) {
  const tap = createWireTap();
  const options = { transport: 'fetch', environment: { fetch: tap.fetch }, ...(lastEventId ? { lastEventId } : {}) } as const;
  return { tap, connection: createConnection(url, options) };
}

export function DiagnosticsExample() {
  const [{ connection, tap }, setStream] = useState(() => createStream());
  const summary = useDiagnostics(connection, tap);
  const [failure, setFailure] = useState<string | null>(null);
  const run = (action: () => Promise<void> | void) => () => {
    setFailure(null);
    Promise.resolve()
      .then(action)
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  };

  return (
    <SSEProvider connection={connection}>
      <div className="toolbar">
        <button type="button" onClick={run(() => connection.reconnect())}>
          Reconnect now
        </button>
        <button type="button" onClick={run(() => chaos({ action: 'drop' }))}>
          Drop the stream (server)
        </button>
        <button type="button" onClick={run(() => chaos({ action: 'stall', ms: 3000 }))}>
          Hold events 3 s, then release
        </button>
        <button type="button" onClick={run(() => setStream(createStream(FOREIGN_ID)))}>
          Start over from another server&apos;s id
        </button>
      </div>
      <p className="muted small">
        “Hold” makes the dev server queue everything for 3 s and then send it at once: what a buffering proxy does to a
        stream. Drop and hold act on every open stream of the dev server. “Start over” opens a new connection that resumes
        from an id the server never issued, as a client does after the server restarted: the server answers with a reset.
      </p>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <LatestTick />
      {summary ? <DiagnosticsReport summary={summary} /> : <p className="muted">Connecting…</p>}
    </SSEProvider>
  );
}
