import { useSSEBuffer } from '@kit/sse-react';
import type { DeployEvent } from '../../lib/events';
import { latestBy } from './latestBy';

/**
 * Each deploy sends many progress events; the list shows the latest state of each one. The server
 * starts the stream with the latest state of its recent deploys, so the list is filled at once.
 */
export function DeployList() {
  const updates = useSSEBuffer<DeployEvent>('deploy', { max: 500 });
  // Newest first by start time (arrival order would put a deploy the server re-sent on top).
  const deploys = latestBy(updates, (deploy) => deploy.id)
    .sort((a, b) => b.startedAt - a.startedAt)
    .slice(0, 6);
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
            <li key={deploy.id} className={`deploy-${deploy.status}`} data-deploy-id={deploy.id} data-status={deploy.status}>
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
