import type { ReactNode } from 'react';
import type { DiagnosticsSummary, HeartbeatSummary } from './createDiagnosticsRecorder';

type Verdict = 'ok' | 'warn' | 'waiting';

// The kit's default watchdog: an attempt silent for this many advertised periods is dropped and
// resumed (packages/sse-react README, "liveness").
const SILENT_PERIODS_BEFORE_RECONNECT = 2;

function duration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function Figure({ id, label, value, verdict, detail, children }: { id: string; label: string; value: string; verdict: Verdict; detail?: ReactNode; children: ReactNode }) {
  return (
    <li className="diag" data-testid={`diag-${id}`} data-verdict={verdict} data-value={value}>
      <span className="diag-label">
        {label}
        {verdict === 'warn' && <span className="pill severity-warning">check</span>}
      </span>
      <span className="diag-value">{value}</span>
      {detail && <span className="diag-detail">{detail}</span>}
      <p className="diag-why">{children}</p>
    </li>
  );
}

function heartbeatVerdict({ advertisedMs, longestIntervalMs, sinceLastMs }: HeartbeatSummary): Verdict {
  if (advertisedMs === null) return longestIntervalMs === null ? 'waiting' : 'ok';
  const late = 1.5 * advertisedMs;
  if ((longestIntervalMs ?? 0) > late || (sinceLastMs ?? 0) > late) return 'warn';
  return longestIntervalMs === null ? 'waiting' : 'ok';
}

/** Each figure with one sentence on what it means, so the page reads as a checklist. */
export function DiagnosticsReport({ summary }: { summary: DiagnosticsSummary }) {
  const { heartbeat, bursts } = summary;
  const lastBurst = bursts.at(-1);
  return (
    <>
      <p>
        Status <strong data-testid="diagnostics-status">{summary.status}</strong> over the {summary.transport ?? '—'} transport ·{' '}
        {summary.events.toLocaleString('en-US')} events · last id <code>{summary.lastEventId || '—'}</code>
      </p>
      <ul className="diags" aria-label="Connection diagnostics">
        <Figure
          id="ttfb"
          label="Time to first byte"
          value={duration(summary.timeToFirstByteMs)}
          verdict={summary.timeToFirstByteMs === null ? 'waiting' : summary.timeToFirstByteMs > 1000 ? 'warn' : 'ok'}
          detail={`headers after ${duration(summary.timeToHeadersMs)} · latest attempt`}
        >
          How long the server took to start answering; when this is slow, look at authentication, a cold start or a proxy
          waiting on its upstream, not at the stream.
        </Figure>
        <Figure
          id="reconnects"
          label="Reconnects"
          value={String(summary.reconnects)}
          verdict={summary.reconnects > 0 || summary.failedAttempts > 0 ? 'warn' : 'ok'}
          detail={`${summary.failedAttempts} failed attempt${summary.failedAttempts === 1 ? '' : 's'}, retry count ${summary.retryCount}`}
        >
          Each one is a stream that ended (network, server or the idle watchdog) and resumed with <code>Last-Event-ID</code>;
          a steady climb means something on the way cuts long-lived connections.
        </Figure>
        <Figure
          id="heartbeat"
          label="Heartbeat spacing"
          value={heartbeat.lastIntervalMs === null ? '—' : duration(heartbeat.lastIntervalMs)}
          verdict={heartbeatVerdict(heartbeat)}
          detail={
            heartbeat.advertisedMs === null
              ? `no period advertised (no watchdog by default) · ${heartbeat.seen} seen`
              : `advertised ${duration(heartbeat.advertisedMs)} (the kit reconnects after ${duration(heartbeat.advertisedMs * SILENT_PERIODS_BEFORE_RECONNECT)} of silence) · longest ${duration(heartbeat.longestIntervalMs)} · last ${duration(heartbeat.sinceLastMs)} ago`
          }
        >
          The server promises a comment at least every period (<code>: sse:heartbeat=&lt;ms&gt;</code>); much wider gaps mean
          something holds bytes back, and two silent periods make the kit reconnect.
        </Figure>
        <Figure
          id="resets"
          label="Resets"
          value={String(summary.resets)}
          verdict={summary.resets > 0 ? 'warn' : 'ok'}
          detail={
            summary.lastReset
              ? `latest at ${clock.format(summary.lastReset.at)}: ${summary.lastReset.reason}${summary.lastReset.lastEventId ? ` (from ${summary.lastReset.lastEventId})` : ''}`
              : 'the stream has always resumed exactly'
          }
        >
          The server could not replay what this client missed (it restarted, or the id was too old), so widgets refetch their
          state (<code>useSSEReset</code>) instead of trusting a stream with a hole in it.
        </Figure>
        <Figure
          id="duplicates"
          label="Dropped duplicates"
          value={String(summary.droppedDuplicates)}
          verdict={summary.droppedDuplicates > 0 ? 'warn' : 'ok'}
          detail="events whose id the kit had already delivered"
        >
          A resumed stream that sends some events again has them dropped so no widget counts twice; a count that keeps
          climbing without resets means the server reuses ids.
        </Figure>
        <Figure
          id="bursts"
          label="Bursts after silence"
          value={String(bursts.length)}
          verdict={bursts.length > 0 ? 'warn' : 'ok'}
          detail={
            lastBurst
              ? `latest at ${clock.format(lastBurst.at)}: ${lastBurst.events} events at once after ${duration(lastBurst.silenceMs)} of nothing`
              : 'no clump of 5+ events within 100 ms after 2 s of silence'
          }
        >
          Events that arrive in a clump after seconds of nothing were held by something in between, typically a buffering
          proxy (nginx <code>proxy_buffering</code>, a CDN, compression middleware): turn buffering off for this route.
        </Figure>
      </ul>
      <h3>Attempts (seen by the wire tap)</h3>
      <div className="table-scroll">
        <table data-testid="diagnostics-attempts">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Started</th>
              <th scope="col">HTTP</th>
              <th scope="col">Headers</th>
              <th scope="col">First byte</th>
              <th scope="col">Heartbeats</th>
              <th scope="col">Ended</th>
            </tr>
          </thead>
          <tbody>
            {[...summary.attempts].reverse().map((attempt) => (
              <tr key={attempt.id}>
                <td>{attempt.id}</td>
                <td>{clock.format(attempt.startedAt)}</td>
                <td>{attempt.httpStatus ?? '—'}</td>
                <td>{attempt.headersAt === null ? '—' : duration(attempt.headersAt - attempt.startedAt)}</td>
                <td>{attempt.firstByteAt === null ? '—' : duration(attempt.firstByteAt - attempt.startedAt)}</td>
                <td>{attempt.heartbeats.length}</td>
                <td>{attempt.ending === null ? 'open' : `${attempt.ending} (${duration((attempt.endedAt ?? attempt.startedAt) - attempt.startedAt)})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
