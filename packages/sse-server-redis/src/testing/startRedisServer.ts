import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RedisServerOptions {
  /** Port on 127.0.0.1. Default: a free one. */
  port?: number;
  /** The redis-server binary. Default: `REDIS_SERVER` env, then /usr/bin/redis-server, then PATH. */
  binary?: string;
  /**
   * When redis-server is missing and this process is root with apt-get, install Debian's package.
   * Default true.
   */
  install?: boolean;
  /** How long to wait for "Ready to accept connections", ms. Default 10000. */
  startTimeoutMs?: number;
}

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Whether the process is running now. */
  readonly running: boolean;
  /** SIGKILL, as a crash would: no goodbye to clients. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty (no persistence), after a kill. */
  restart(): Promise<void>;
  /** Stops the process and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const PREFIX = '[@kit/sse-server-redis]';
const INSTALL_HINT = 'Install it with `apt-get install -y redis-server` (Debian/Ubuntu) or point REDIS_SERVER at a redis-server binary.';

function findBinary(explicit: string | undefined): string | null {
  const candidates = [explicit, process.env.REDIS_SERVER, '/usr/bin/redis-server'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'redis-server');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

function installRedis(): void {
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`${PREFIX} redis-server was not found and cannot be installed from here (not root with apt-get). ${INSTALL_HINT}`);
  }
  // Test files run in parallel workers: flock keeps two of them from running apt-get at once.
  const script =
    'command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || ' +
    '(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server)';
  const useFlock = existsSync('/usr/bin/flock');
  const result = spawnSync(useFlock ? '/usr/bin/flock' : 'sh', useFlock ? ['/tmp/kit-redis-install.lock', 'sh', '-c', script] : ['-c', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`${PREFIX} Installing redis-server with apt-get failed (${result.stderr.trim() || `exit ${result.status}`}). ${INSTALL_HINT}`);
  }
}

function freePort(): Promise<number> {
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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a throwaway `redis-server` on 127.0.0.1 for tests and benchmarks: no persistence
 * (`--save '' --appendonly no`), its own temporary directory, a free port. Always `stop()` it.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  let binary = findBinary(options.binary);
  if (!binary) {
    if (options.install === false) throw new Error(`${PREFIX} redis-server was not found. ${INSTALL_HINT}`);
    installRedis();
    binary = findBinary(options.binary);
    if (!binary) throw new Error(`${PREFIX} redis-server is still missing after apt-get install. ${INSTALL_HINT}`);
  }
  const redisBinary = binary;
  const dir = mkdtempSync(join(tmpdir(), 'kit-redis-'));
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  let port = options.port ?? 0;
  let child: ChildProcess | null = null;
  let stopped = false;

  async function launch(): Promise<void> {
    const child_ = spawn(
      redisBinary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes', '--loglevel', 'notice'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = child_;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`did not report ready within ${startTimeoutMs} ms`)), startTimeoutMs);
      function fail(error: Error) {
        clearTimeout(timer);
        child_.kill('SIGKILL');
        reject(new Error(`${PREFIX} redis-server on port ${port} ${error.message}:\n${output.slice(-2000)}`));
      }
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          child_.stdout?.off('data', onData);
          // Keep draining, so a full pipe never blocks the server.
          child_.stdout?.resume();
          resolve();
        }
      };
      child_.stdout?.on('data', onData);
      child_.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child_.once('error', (error) => fail(error));
      child_.once('exit', (code, signal) => fail(new Error(`exited (${signal ?? code}) before it was ready`)));
    });
    child_.removeAllListeners('exit');
  }

  // A free port can be taken between the probe and redis binding it: try a few.
  for (let attempt = 0; ; attempt++) {
    if (options.port === undefined) port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 3 || options.port !== undefined) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  async function kill(): Promise<void> {
    const current = child;
    if (!current) return;
    child = null;
    current.kill('SIGKILL');
    await exited(current);
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== null;
    },
    kill,
    async restart() {
      if (stopped) throw new Error(`${PREFIX} restart() after stop().`);
      await kill();
      await launch();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
