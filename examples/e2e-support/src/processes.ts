import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`[examples e2e] Timed out after ${timeoutMs} ms waiting for ${what}.${lastError ? ` Last error: ${String(lastError)}` : ''}`);
}

export interface StartProcessOptions {
  cwd: string;
  env?: Record<string, string>;
  /** A URL that answers 2xx once the process is ready. */
  readyUrl: string;
  timeoutMs?: number;
}

export interface StartedProcess {
  /** Everything it printed so far (stdout and stderr). */
  readonly output: string;
  /** Stops the whole process group: SIGTERM, then SIGKILL after 3 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) killGroup(child, 'SIGKILL');
});

/** A server as a real child process in its own group, ready once `readyUrl` answers. */
export async function startProcess(command: string, args: readonly string[], options: StartProcessOptions): Promise<StartedProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const handle: StartedProcess = {
    get output() {
      return output;
    },
    async stop(signal = 'SIGTERM') {
      if (!started.delete(child)) return;
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      killGroup(child, signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
    },
  };
  try {
    await waitFor(
      `${command} ${args.join(' ')} to answer ${options.readyUrl}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}:\n${output}`);
        const response = await fetch(options.readyUrl);
        return response.ok ? true : undefined;
      },
      options.timeoutMs ?? 30_000,
    );
  } catch (error) {
    await handle.stop('SIGKILL');
    throw error;
  }
  return handle;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
