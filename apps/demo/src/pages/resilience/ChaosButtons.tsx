import { useState } from 'react';
import { useLabLog } from './labLog';
import { usePendingLatency } from './usePendingLatency';

type Chaos =
  | { action: 'drop' }
  | { action: 'latency'; ms: number }
  | { action: 'fail'; count: number; retryAfter: number; drop: true }
  | { action: 'stall'; ms: number }
  | { action: 'restart' }
  | { action: 'reset' };

/** What the dev server answers to POST /api/chaos. */
interface ChaosAnswer {
  chaos: { latencyMs: number; failRemaining: number; stalledUntil: number };
  dropped?: number;
  restart?: { historyKept: boolean; restarts: number };
}

const streams = (n = 0) => `${n} stream${n === 1 ? '' : 's'} dropped`;

// Each control acts on the open stream at once, except latency, which only a connect can show:
// it is marked pending until the next connect, and that connect's duration is logged.
const buttons: { label: string; body: Chaos; hint: string; effect: (answer: ChaosAnswer) => string }[] = [
  {
    label: 'Drop connections',
    body: { action: 'drop' },
    hint: 'The server destroys every stream: the kit reconnects and resumes with Last-Event-ID.',
    effect: (a) => `${streams(a.dropped)}: reconnecting with Last-Event-ID`,
  },
  {
    label: 'Fail next 3 connects (503)',
    body: { action: 'fail', count: 3, retryAfter: 1, drop: true },
    hint: 'Drops the stream now; its next 3 connects get 503 with Retry-After: 1, and the kit waits as told.',
    effect: (a) => `${streams(a.dropped)}; the next ${a.chaos.failRemaining} connects get 503 + Retry-After: 1 s`,
  },
  {
    label: 'Add 1.5 s latency',
    body: { action: 'latency', ms: 1500 },
    hint: 'Every new connect waits 1.5 s. The open stream is not affected: it shows at the next connect.',
    effect: () => 'pending: applies to the next connect (drop or restart to see it now)',
  },
  {
    label: 'Stall 6 s',
    body: { action: 'stall', ms: 6000 },
    hint: 'The stream goes silent now, heartbeats too: the idle watchdog (4 s) drops and reconnects.',
    effect: () => 'the server sends nothing for 6 s; the idle watchdog ends the attempt after 4 s of silence',
  },
  {
    label: 'Restart the server',
    body: { action: 'restart' },
    hint: 'A deploy, in-process: every stream drops and a new history starts. In memory the kit gets a reset and refetches; with Redis it resumes.',
    effect: (a) =>
      `${streams(a.dropped)}; ${a.restart?.historyKept ? 'history kept (shared broker): expect a resume, no reset' : 'new history: expect a reset and a refetch'}`,
  },
  { label: 'Reset chaos', body: { action: 'reset' }, hint: 'Back to normal.', effect: () => 'latency, failures and stall cleared' },
];

/** Buttons posting to the dev server's chaos endpoint; what each one did goes into the timeline. */
export function ChaosButtons() {
  const log = useLabLog();
  const [result, setResult] = useState('');
  const [latency, setLatency] = usePendingLatency(log);

  async function send(chaos: Chaos, label: string, effect: (answer: ChaosAnswer) => string) {
    try {
      const response = await fetch('/api/chaos', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(chaos),
      });
      if (!response.ok) {
        const { error } = (await response.json().catch(() => ({}))) as { error?: string };
        setResult(`${label}: the server answered ${response.status}.`);
        log({ kind: 'chaos', tag: chaos.action, title: `${label} refused`, detail: `HTTP ${response.status}${error ? `: ${error}` : ''}` });
        return;
      }
      const answer = (await response.json()) as ChaosAnswer;
      if (chaos.action === 'latency') setLatency({ ms: chaos.ms, attemptAt: null });
      if (chaos.action === 'reset') setLatency(null);
      setResult(`${label}: done.`);
      log({ kind: 'chaos', tag: chaos.action, title: label, detail: effect(answer) });
    } catch {
      setResult(`${label}: the dev server is not reachable.`);
    }
  }

  return (
    <section className="panel" aria-labelledby="chaos-title">
      <h2 id="chaos-title">Chaos</h2>
      <ul className="chaos-buttons">
        {buttons.map(({ label, body, hint, effect }) => (
          <li key={label}>
            <button type="button" data-chaos={body.action} onClick={() => void send(body, label, effect)}>
              {label}
            </button>
            <span className="muted small">{hint}</span>
          </li>
        ))}
      </ul>
      <p className="small" data-testid="latency-pending" hidden={!latency}>
        {latency && `Latency ${latency.ms / 1000} s pending: ${latency.attemptAt === null ? 'waits for the next connect' : 'this connect is waiting for it'}.`}
      </p>
      <p role="status" aria-live="polite" className="small">
        {result}
      </p>
    </section>
  );
}
