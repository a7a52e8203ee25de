import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { findChromium } from './support/chromium';
import { killGroup, pidFile } from './support/processes';

const root = fileURLToPath(new URL('..', import.meta.url));
export const outDir = fileURLToPath(new URL('../e2e-output/dist', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
    distDir: string;
  }
}

/**
 * Runs once: finds Chromium and builds the demo. Tests then serve that build with `vite preview`
 * (a production bundle, so no dependency re-optimisation reloads a page mid-test).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = findChromium();
  await rm(pidFile, { force: true });
  await rm(outDir, { recursive: true, force: true });
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  project.provide('chromiumPath', chromiumPath);
  project.provide('distDir', outDir);
  return async () => {
    // Normally each test file has stopped its own servers already; this catches a crashed worker.
    const pids = (await readFile(pidFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
    for (const pid of pids) {
      // Only if that id is still one of our dev servers, never a process that reused the number.
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes('src/main.ts')) killGroup(pid, 'SIGKILL');
    }
    await rm(pidFile, { force: true });
  };
}
