import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { findChromium } from './support/chromium';

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
export default async function setup(project: TestProject): Promise<void> {
  const chromiumPath = findChromium();
  await rm(outDir, { recursive: true, force: true });
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  project.provide('chromiumPath', chromiumPath);
  project.provide('distDir', outDir);
}
