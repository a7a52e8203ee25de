import { useSSEEvent } from '@kit/sse-react';
import type { Deploy as DeployEvent } from '../../server/events';

export function Deploy() {
  const deploy = useSSEEvent<DeployEvent>('deploy');
  return (
    <section aria-label="Deploy" data-testid="deploy">
      <h2>Deploy</h2>
      {deploy ? <progress max={100} value={deploy.progress} aria-label={`${deploy.service} deploy`} /> : <p>Waiting for the next step…</p>}
    </section>
  );
}
