import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./kitServer.ts', import.meta.url));
const cwd = fileURLToPath(new URL('../..', import.meta.url));

export interface KitServerProcess {
  /** Ids this process published, in order. */
  readonly published: string[];
  /** SIGKILL: no cleanup, no FIN from a graceful close; the way a crashed or evicted pod goes. */
  kill(): Promise<void>;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function spawnKitServer(port: number, args: string[] = []): Promise<KitServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, '--port', String(port), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const published: string[] = [];
  let buffered = '';
  const listening = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`kit server exited early (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const message = JSON.parse(line) as { published?: string; listening?: string };
        if (message.published !== undefined) published.push(message.published);
        if (message.listening !== undefined) resolve();
      }
    });
  });
  await listening;
  return {
    published,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
