// Self time by function in a V8 CPU profile (`node --cpu-prof`, or BENCH_CPU_PROF with the bench),
// with built files mapped back to their sources through the `.map` beside them.
// Usage: tsx src/harness/profile/topFunctions.ts <file.cpuprofile> [top=30]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSourceMapper, repoRoot } from './sourceMap';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function shortPath(url: string): string {
  if (!url) return '(native)';
  if (!url.startsWith('file://')) return url;
  return relative(repoRoot, fileURLToPath(url)).replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
}

export function topFunctions(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // Samples under node:inspector are the profiler stopping itself (a profile taken with node:inspector), not the workload.
  const underInspector = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) if (byId.get(at)?.callFrame.url === 'node:inspector') return true;
    return false;
  };
  const selfMicros = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (underInspector(id)) return;
    const micros = profile.timeDeltas[i] ?? 0;
    total += micros;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + micros);
  });
  const mapPosition = createSourceMapper();
  const rows = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const mapped = mapPosition(frame.url, frame.lineNumber, frame.columnNumber);
    const where = mapped ? `${relative(repoRoot, mapped.source)}:${mapped.line}` : `${shortPath(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    const key = `${frame.functionName || '(anonymous)'}  ${where}`;
    rows.set(key, (rows.get(key) ?? 0) + micros);
    const fileKey = mapped ? relative(repoRoot, mapped.source) : shortPath(frame.url);
    files.set(fileKey, (files.get(fileKey) ?? 0) + micros);
  }
  const line = ([key, micros]: [string, number]): string => `| ${(micros / 1000).toFixed(1)} | ${((micros / total) * 100).toFixed(1)}% | ${key.replace(/ {2}/, ' | ')} |`;
  const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]);
  return [
    `${relative(repoRoot, file)}: ${(total / 1000).toFixed(0)} ms of samples (the profiler's own stop excluded)`,
    '',
    '| self ms | share | function | where |',
    '| ---: | ---: | :--- | :--- |',
    ...sorted(rows).slice(0, top).map(line),
    '',
    '| self ms | share | file |',
    '| ---: | ---: | :--- |',
    ...sorted(files)
      .slice(0, top)
      .map(([key, micros]) => `| ${(micros / 1000).toFixed(1)} | ${((micros / total) * 100).toFixed(1)}% | ${key} |`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('Usage: tsx src/harness/profile/topFunctions.ts <file.cpuprofile> [top=30]');
    process.exitCode = 2;
  } else console.log(topFunctions(file, Number(top ?? 30)));
}
