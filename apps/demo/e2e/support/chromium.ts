import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const HOW_TO_INSTALL =
  'Install Debian\'s Chromium with `sudo apt-get update && sudo apt-get install -y chromium` ' +
  '(or point CHROMIUM_PATH at a Chromium/Chrome binary), then run the e2e suite again. ' +
  '`npx playwright install` cannot download browsers in this environment.';

/**
 * Finds Chromium for playwright-core, which ships no browser. As root (CI containers) it installs
 * Debian's package itself, so a fresh clone goes green with one command.
 */
export function findChromium({
  exists = existsSync,
  isRoot = process.getuid?.() === 0,
  env = process.env,
}: { exists?: (path: string) => boolean; isRoot?: boolean; env?: NodeJS.ProcessEnv } = {}): string {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (path): path is string => typeof path === 'string' && path !== '',
  );
  const found = candidates.find((path) => exists(path));
  if (found) return found;

  if (isRoot) {
    console.log('[e2e] Chromium not found; installing Debian\'s chromium package (running as root)…');
    try {
      execFileSync('apt-get', ['update'], { stdio: 'inherit', timeout: 120_000 });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
        stdio: 'inherit',
        timeout: 300_000,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch (error) {
      throw new Error(`[e2e] apt-get install chromium failed (${String(error)}). ${HOW_TO_INSTALL}`);
    }
    if (exists('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(`[e2e] No Chromium found at ${candidates.join(', ') || '/usr/bin/chromium'}. ${HOW_TO_INSTALL}`);
}

/** Flags for a quiet, reproducible headless run: no background traffic, no QUIC, no GPU. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
