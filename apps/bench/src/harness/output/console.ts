import { loadLine, loadTable, targetCounts, targetsTable } from './sections';
import type { InstalledPackage, MachineInfo } from '../machine';
import type { BenchmarkResult } from '../report';
import { markdownTable } from '../table';

const indent = (text: string): string => text.replace(/^/gm, '  ');

export function printMachine(machine: MachineInfo, packages: readonly InstalledPackage[]): void {
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB, Node ${machine.node}, ${machine.platform}`);
  console.log(`installed: ${packages.map((p) => (p.name === p.realName ? `${p.name} ${p.version}` : `${p.name} (${p.realName}) ${p.version}`)).join(', ')}`);
}

/** A finished benchmark as RESULTS.md will show it, minus the charts: the console alone tells the story. */
export function printResult(result: BenchmarkResult, cores: number): void {
  console.log(indent(`method: ${result.method}`));
  for (const table of result.tables) console.log(`\n${indent(markdownTable(table))}`);
  for (const note of result.notes) console.log(indent(`- ${note}`));
  const loads = loadTable(result);
  if (loads) console.log(`\n${indent(markdownTable(loads))}`);
  if (result.targets.length > 0) console.log(`\n${indent(markdownTable(targetsTable([result])))}`);
  console.log(`\n${indent(loadLine(result, cores))}\n`);
}

/** The last thing `pnpm bench` prints: every target, its goal, what was measured and whether it is met. */
export function printSummary(results: readonly BenchmarkResult[], failures: readonly string[]): void {
  const counts = targetCounts(results);
  console.log(`\n== Summary: ${counts.met} targets met, ${counts.notMet} not met${counts.other > 0 ? `, ${counts.other} without a goal` : ''} ==`);
  if (counts.met + counts.notMet + counts.other > 0) console.log(markdownTable(targetsTable(results)));
  if (failures.length > 0) console.log(`failed, no figures: ${failures.join(', ')}`);
}
