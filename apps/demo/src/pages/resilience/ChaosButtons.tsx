import { useState } from 'react';

type Chaos =
  | { action: 'drop' }
  | { action: 'latency'; ms: number }
  | { action: 'fail'; count: number; retryAfter: number }
  | { action: 'stall'; ms: number }
  | { action: 'reset' };

const buttons: { label: string; body: Chaos; hint: string }[] = [
  { label: 'Drop connections', body: { action: 'drop' }, hint: 'The server destroys every stream: the kit reconnects and resumes with Last-Event-ID.' },
  { label: 'Fail next 3 connects (503)', body: { action: 'fail', count: 3, retryAfter: 1 }, hint: 'Answers 503 with Retry-After: 1, three times: the kit waits as told.' },
  { label: 'Add 1.5 s latency', body: { action: 'latency', ms: 1500 }, hint: 'Every new connect waits 1.5 s before the stream starts.' },
  { label: 'Stall 6 s', body: { action: 'stall', ms: 6000 }, hint: 'Streams go silent, heartbeats too: the idle watchdog (4 s) drops and reconnects.' },
  { label: 'Reset chaos', body: { action: 'reset' }, hint: 'Back to normal.' },
];

/** Plain buttons posting to the dev server's chaos endpoint; the result is announced politely. */
export function ChaosButtons() {
  const [result, setResult] = useState('');
  async function send(chaos: Chaos, label: string) {
    try {
      const response = await fetch('/api/chaos', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(chaos),
      });
      setResult(response.ok ? `${label}: done.` : `${label}: the server answered ${response.status}.`);
    } catch {
      setResult(`${label}: the dev server is not reachable.`);
    }
  }
  return (
    <section className="panel" aria-labelledby="chaos-title">
      <h2 id="chaos-title">Chaos</h2>
      <ul className="chaos-buttons">
        {buttons.map(({ label, body, hint }) => (
          <li key={label}>
            <button type="button" data-chaos={body.action} onClick={() => void send(body, label)}>
              {label}
            </button>
            <span className="muted small">{hint}</span>
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="small">
        {result}
      </p>
    </section>
  );
}
