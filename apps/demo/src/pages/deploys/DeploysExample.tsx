import { ConnectionStatus, SSEProvider, useSSEBuffer } from '@kit/sse-react';
import { useState } from 'react';
import { clientId } from '../../lib/clientId';
import type { DeployEvent } from '../../lib/events';

const services = ['api', 'auth', 'billing', 'search'];

function StartDeploy() {
  const [service, setService] = useState(services[0] ?? 'api');
  const [message, setMessage] = useState('');
  async function start() {
    // A plain POST starts the work; its progress arrives on the stream, like any other event.
    const response = await fetch('/api/deploys', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ service }),
    }).catch(() => null);
    if (!response?.ok) {
      setMessage(`Could not start a deploy (${response?.status ?? 'network error'}).`);
      return;
    }
    const deploy = (await response.json()) as DeployEvent;
    setMessage(`Started ${deploy.id} for ${deploy.service}.`);
  }
  return (
    <div className="toolbar">
      <label>
        Service{' '}
        <select value={service} onChange={(event) => setService(event.target.value)}>
          {services.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void start()}>
        Start deploy
      </button>
      <span role="status" aria-live="polite" className="small">
        {message}
      </span>
    </div>
  );
}

function Deploys() {
  const updates = useSSEBuffer<DeployEvent>('deploy', { max: 2000 });
  // Many progress events per deploy: keep the latest state of each, newest deploy first.
  const latest = new Map<string, DeployEvent>();
  for (const update of updates) latest.set(update.id, update);
  const deploys = [...latest.values()].reverse();
  if (deploys.length === 0) return <p className="muted">No deploys yet: start one.</p>;
  return (
    <ul className="deploys" aria-label="Deploys">
      {deploys.map((deploy) => (
        <li key={deploy.id} className={`deploy-${deploy.status}`}>
          <span>
            <strong>{deploy.service}</strong> {deploy.id} · <span className="pill">{deploy.status}</span> {deploy.progress}%
          </span>
          <progress max={100} value={deploy.progress} aria-label={`${deploy.service} ${deploy.id} progress`} />
        </li>
      ))}
    </ul>
  );
}

export function DeploysExample() {
  return (
    <SSEProvider url={`/api/stream?topics=deploy&clientId=${clientId('deploys')}`}>
      <p>
        Connection: <ConnectionStatus className="status-badge" />
      </p>
      <StartDeploy />
      <Deploys />
    </SSEProvider>
  );
}
