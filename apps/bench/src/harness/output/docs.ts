import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { benchDir } from '../paths';
import { markdownTable } from '../table';
import type { RunRecord } from './runRecord';
import { targetCounts, targetsTable } from './sections';

const repoRoot = join(benchDir, '..', '..');

/** Replaces what lies between `<!-- bench:<name>:begin -->` and `<!-- bench:<name>:end -->`. */
function replaceBetweenMarkers(path: string, name: string, content: string): void {
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from === -1 || to < from) {
    throw new Error(`[@kit/bench] ${relative(repoRoot, path)} has no "${begin}" ... "${end}" section: put the two markers back where the generated tables go.`);
  }
  writeFileSync(path, `${text.slice(0, from + begin.length)}\n${content}\n${text.slice(to)}`);
}

function provenance(run: RunRecord, resultsLink: string): string {
  const m = run.machine;
  return `From one full run (\`${run.command}\`, started ${run.startedAt}, ${Math.round(run.totalSeconds)} s; ${m.cores}-core ${m.cpu}, Node ${m.node.replace(/^v/, '')}); medians, with spreads, load and method in [RESULTS.md](${resultsLink}).`;
}

/** The README tables of the root README.md and apps/bench/README.md, from the same run as RESULTS.md. */
export function writeReadmeTables(run: RunRecord): void {
  if (!run.complete) throw new Error('[@kit/bench] the README tables come from a complete full run only (every benchmark, no --quick, no failure).');
  const headlines = run.results
    .filter((r) => r.headline)
    .map((r) => `#### ${r.title}\n\n${markdownTable(r.headline as NonNullable<typeof r.headline>)}\n`)
    .join('\n');
  const rootReadme = join(repoRoot, 'README.md');
  replaceBetweenMarkers(rootReadme, 'headlines', `${provenance(run, 'apps/bench/RESULTS.md')}\n\n${headlines}`);
  const counts = targetCounts(run.results);
  const benchReadme = join(benchDir, 'README.md');
  replaceBetweenMarkers(
    benchReadme,
    'targets',
    `${provenance(run, 'RESULTS.md')} ${counts.met} targets met, ${counts.notMet} not met.\n\n${markdownTable(targetsTable(run.results))}`,
  );
  console.log(`wrote the bench tables of ${relative(repoRoot, rootReadme)} and ${relative(repoRoot, benchReadme)}`);
}
