// `pnpm dev`: runs the `dev` script of each package given (directories relative to the root), with
// prefixed output, and stops them all cleanly on Ctrl-C or SIGTERM: exit code 0, no
// ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL. (`pnpm --parallel run dev` reports a run stopped by a signal
// as a failure.) A package whose server exits on its own stops the others and fails the run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const KILL_AFTER_MS = 5000;
const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('[dev] usage: node scripts/dev.mjs <package dir>... (e.g. apps/dev-server apps/demo)');
  process.exit(1);
}

let stopping = false;
let failed = false;
const running = new Map();

for (const dir of dirs) {
  const cwd = resolve(root, dir);
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  const script = manifest.scripts?.dev;
  if (typeof script !== 'string') {
    console.error(`[dev] ${dir} has no "dev" script in its package.json.`);
    process.exit(1);
  }
  const bin = [join(cwd, 'node_modules', '.bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter);
  // Its own process group, so a signal reaches the whole tree (sh, then the server) and only once.
  const child = spawn('sh', ['-c', script], { cwd, env: { ...process.env, PATH: bin }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const label = `${manifest.name ?? dir} dev:`;
  console.log(`${label} ${script}`);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${label} ${line}`));
  }
  running.set(child, label);
  child.on('exit', (code, signal) => {
    running.delete(child);
    if (!stopping) {
      failed = true;
      console.error(`${label} exited on its own (${signal ?? `code ${code}`}); stopping the others.`);
      stop('SIGTERM');
    }
    if (running.size === 0) {
      console.log(failed ? '[dev] stopped after a failure.' : '[dev] stopped.');
      process.exit(failed ? 1 : 0);
    }
  });
}

// Idempotent: under `pnpm dev` the signal arrives twice (from the terminal and forwarded by pnpm),
// and tsx would take a second one as "force kill"; the SIGKILL timer covers a server that hangs.
function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of running.keys()) signalGroup(child, signal);
  setTimeout(() => {
    for (const [child, label] of running) {
      console.error(`${label} still running ${KILL_AFTER_MS} ms after ${signal}; killing it.`);
      signalGroup(child, 'SIGKILL');
    }
  }, KILL_AFTER_MS).unref();
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
