import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import { killGroup, trackGroup, untrackGroup } from './processes';

const demoRoot = fileURLToPath(new URL('../..', import.meta.url));
const devServerDir = fileURLToPath(new URL('../../../dev-server', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

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

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
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
  throw new Error(`[e2e] Timed out after ${timeoutMs} ms waiting for ${what}. Last error: ${String(lastError)}`);
}

/** The dev server as a real child process, so a test can SIGKILL it and start it again. */
export class DevServer {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    /** Extra command-line arguments, e.g. `['--broker', 'redis://127.0.0.1:6390']`. */
    private readonly args: readonly string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', tsxLoader, '--conditions=source', 'src/main.ts', '--port', String(this.port), ...this.args],
      {
        cwd: devServerDir,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...this.env, HOST: '127.0.0.1', PORT: String(this.port) },
      },
    );
    if (child.pid === undefined) throw new Error('[e2e] Could not spawn the dev server.');
    trackGroup(child.pid);
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await waitFor(
      `the dev server on ${this.url}/health`,
      async () => {
        if (child.exitCode !== null) throw new Error(`dev server exited ${child.exitCode}:\n${this.output}`);
        const response = await fetch(`${this.url}/health`);
        return response.ok ? true : undefined;
      },
      20_000,
    );
  }

  /** The crash the resilience test needs: no graceful shutdown, sockets die mid-stream. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = null;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    killGroup(child.pid, signal);
    const timer = setTimeout(() => killGroup(child.pid ?? 0, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    // Give the group's other members (if any) the same fate, then forget it.
    killGroup(child.pid, 'SIGKILL');
    untrackGroup(child.pid);
  }
}

export interface Stack {
  devServer: DevServer;
  demo: PreviewServer;
  demoUrl: string;
  stats(): Promise<DevServerStats>;
  close(): Promise<void>;
}

export interface DevServerStats {
  connections: { total: number; byClientId: Record<string, number>; chat: number };
  [key: string]: unknown;
}

/** Env for the dev server under test: short-lived tokens so the Auth page refreshes within seconds. */
export const E2E_DEV_SERVER_ENV: Record<string, string> = {
  TOKEN_TTL_MS: '3000',
};

/** Dev server child + `vite preview` of the built demo proxying /api to it, both on 127.0.0.1. */
export async function startStack(
  distDir: string,
  env: Record<string, string> = E2E_DEV_SERVER_ENV,
  devServerArgs: readonly string[] = [],
): Promise<Stack> {
  const demoPort = await freePort();
  // The browser's POSTs reach the dev server through the preview's proxy with the page's Origin,
  // which must be allowed (the dev server refuses state changes from any other origin).
  const devServer = new DevServer(await freePort(), { CORS_ORIGINS: `http://127.0.0.1:${demoPort}`, ...env }, devServerArgs);
  await devServer.start();
  const target = devServer.url;
  // vite.config.ts reads it when loaded: the preview's /api proxy goes to this dev server.
  process.env.DEV_SERVER_URL = target;
  const demo = await preview({
    root: demoRoot,
    logLevel: 'silent',
    build: { outDir: distDir },
    preview: {
      host: '127.0.0.1',
      port: demoPort,
      strictPort: true,
    },
  });
  const address = demo.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    devServer,
    demo,
    demoUrl: `http://127.0.0.1:${port}`,
    async stats() {
      const response = await fetch(`${target}/api/stats`);
      return (await response.json()) as DevServerStats;
    },
    async close() {
      await demo.close();
      await devServer.stop();
    },
  };
}

export { waitFor };
