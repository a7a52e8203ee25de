import type { DeployEvent } from '../events';
import type { ResolvedOptions } from '../options';

type Deploy = DeployEvent;

/** Where deploy events go: a channel, or the dev server's history (which follows restarts). */
interface DeployTarget {
  publish(init: { event: 'deploy'; data: DeployEvent }): Promise<{ id: string }>;
}

const MAX_RUNNING = 20;

/** Deploys started by POST /api/deploys; each one publishes `deploy` events until it finishes. */
export function createDeploys(target: DeployTarget, options: ResolvedOptions) {
  const running = new Map<string, ReturnType<typeof setInterval>>();
  let nextId = 0;

  return {
    get running() {
      return running.size;
    },
    /** Returns null when too many deploys are running already. */
    start(service: string): Deploy | null {
      if (running.size >= MAX_RUNNING) return null;
      const deploy: Deploy = { id: `deploy-${++nextId}`, service, progress: 0, status: 'running', startedAt: Date.now() };
      const publish = () => target.publish({ event: 'deploy', data: { ...deploy } }).catch(() => {});
      void publish();
      const timer = setInterval(() => {
        deploy.progress = Math.min(100, deploy.progress + 10 + Math.floor(options.random() * 16));
        // One deploy in twenty fails half-way, so the demo has a failure to show.
        if (deploy.progress >= 50 && deploy.progress < 100 && options.random() < 0.05) deploy.status = 'failed';
        else if (deploy.progress === 100) deploy.status = 'succeeded';
        void publish();
        if (deploy.status !== 'running') {
          clearInterval(timer);
          running.delete(deploy.id);
        }
      }, options.deployStepMs);
      timer.unref();
      running.set(deploy.id, timer);
      return { ...deploy };
    },
    stop() {
      for (const timer of running.values()) clearInterval(timer);
      running.clear();
    },
  };
}
