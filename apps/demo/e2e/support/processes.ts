import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every process group this worker started, killed when it exits. The ids also go to a file that
 * the global teardown sweeps, so not even a crashed worker leaves a dev server behind.
 */
export const pidFile = fileURLToPath(new URL('../../e2e-output/.pids', import.meta.url));
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole group (detached spawn), so no child of it is left holding the port.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function trackGroup(pid: number): void {
  liveGroups.add(pid);
  mkdirSync(dirname(pidFile), { recursive: true });
  appendFileSync(pidFile, `${pid}\n`);
}

export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}
