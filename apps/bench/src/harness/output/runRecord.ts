import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { InstalledPackage, MachineInfo } from '../machine';
import { benchDir } from '../paths';
import type { BenchmarkResult } from '../report';

/**
 * Everything one `pnpm bench` run measured, saved as JSON. RESULTS.md and the README tables are
 * rendered from one record only, so a document never mixes figures of two runs.
 */
export interface RunRecord {
  command: string;
  startedAt: string;
  quick: boolean;
  /** Every benchmark ran, full size, and none failed: only such a run may feed RESULTS.md and the READMEs. */
  complete: boolean;
  totalSeconds: number;
  machine: MachineInfo;
  packages: InstalledPackage[];
  results: BenchmarkResult[];
  failures: string[];
}

export function saveRun(path: string, run: RunRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(run, null, 1)}\n`);
}

export function loadRun(path: string): RunRecord {
  if (!existsSync(path)) {
    throw new Error(`[@kit/bench] no saved run at ${relative(benchDir, path)}: run the full bench first (npx -y pnpm@10.34.8 bench), which saves it.`);
  }
  const run = JSON.parse(readFileSync(path, 'utf8')) as RunRecord;
  if (!Array.isArray(run.results) || typeof run.complete !== 'boolean') {
    throw new Error(`[@kit/bench] ${relative(benchDir, path)} is not a run record of this bench version: run the full bench again.`);
  }
  return run;
}
