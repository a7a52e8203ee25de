import { useSSEBuffer } from '@kit/sse-react';
import type { DeployEvent } from '../../lib/events';

/** Each deploy sends many progress events; the list shows the latest state of each one. */
export function DeployList() {
  const updates = useSSEBuffer<DeployEvent>('deploy', { max: 500 });
  const latestById = new Map<string, DeployEvent>();
  for (const update of updates) latestById.set(update.id, update);
  const deploys = [...latestById.values()].reverse().slice(0, 6);
  return (
    <section className="panel" aria-labelledby="deploy-list-title">
      <h2 id="deploy-list-title">Deploys</h2>
      {deploys.length === 0 ? (
        <p className="muted">
          No deploys yet. Start one on the <a href="#/deploys">Deploys page</a>.
        </p>
      ) : (
        <ul className="deploys">
          {deploys.map((deploy) => (
            <li key={deploy.id}>
              <span>
                <strong>{deploy.service}</strong> {deploy.id} · {deploy.status}
              </span>
              <progress max={100} value={deploy.progress} aria-label={`${deploy.service} ${deploy.id}`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
