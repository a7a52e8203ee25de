import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './benchmarks/index';
import { loadLog, startLoadReading } from './harness/load';
import { installedPackages, machine } from './harness/machine';
import { printMachine, printResult, printSummary } from './harness/output/console';
import { writeReadmeTables } from './harness/output/docs';
import { loadRun, saveRun, type RunRecord } from './harness/output/runRecord';
import { benchDir, resultsDir } from './harness/paths';
import type { BenchmarkResult } from './harness/report';
import { writeReport } from './harness/writeReport';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
    child: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const USAGE = `Usage: pnpm bench [-- --only ${Object.keys(BENCHMARKS).join(',')}] [--quick] | [-- --render]
  (no flag)  every benchmark; a complete run writes RESULTS.md, results/run.json, results/*.svg and the
             bench tables of README.md and apps/bench/README.md, all from this one run.
  --only     comma-separated benchmarks; writes apps/bench/.tmp/partial/ (RESULTS.md, run.json), never the READMEs.
  --quick    fewer rounds and smaller workloads: a smoke test, not figures to quote (also a partial run).
  --render   re-renders RESULTS.md and the README tables from results/run.json (the last complete run), measuring nothing.`;

/** The saved record of the last complete run: the one source of RESULTS.md and the README tables. */
const fullRunPath = join(resultsDir, 'run.json');
const partialDir = join(benchDir, '.tmp', 'partial');

async function runChild(id: string, quick: boolean): Promise<void> {
  const entry = BENCHMARKS[id];
  if (!entry) throw new Error(`unknown benchmark ${id}`);
  const started = performance.now();
  const loadStart = loadavg()[0] ?? 0;
  const endReading = startLoadReading();
  const benchmark = await entry.load();
  const result = await benchmark({ quick, log: (message) => console.log(`  [${id}] ${message}`) });
  const full: BenchmarkResult = {
    ...result,
    seconds: (performance.now() - started) / 1000,
    load: [loadStart, loadavg()[0] ?? 0],
    loadDuring: endReading(),
    loadRounds: loadLog.comparisons,
  };
  await new Promise<void>((resolve, reject) => process.send?.(full, (error: Error | null) => (error ? reject(error) : resolve())));
  process.exit(0);
}

// Its own process per benchmark: a fresh JIT and heap, and the React benchmark's jsdom globals stay put.
function spawnBenchmark(id: string, quick: boolean): Promise<BenchmarkResult> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1] as string, ['--child', id, ...(quick ? ['--quick'] : [])], {
      // Production React builds, and no dev-only checks in our packages either.
      env: { ...process.env, NODE_ENV: 'production' },
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each benchmark process in <dir>/<benchmark>/.
      execArgv: [
        ...process.execArgv,
        '--expose-gc',
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, id)}`] : []),
      ],
    });
    let result: BenchmarkResult | undefined;
    child.on('message', (message) => {
      result = message as BenchmarkResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`benchmark ${id} exited with code ${code} and no result`));
    });
  });
}

/** RESULTS.md, charts and (for a complete run) the README tables, all from one record. */
function render(run: RunRecord): void {
  if (run.complete) {
    writeReport(run, { markdownPath: join(benchDir, 'RESULTS.md'), svgDir: resultsDir });
    writeReadmeTables(run);
  } else {
    writeReport(run, { markdownPath: join(partialDir, 'RESULTS.md'), svgDir: partialDir });
    console.log('a partial run (--only, --quick or a failure): RESULTS.md and the README tables are left as they are');
  }
}

async function measure(ids: string[]): Promise<void> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const m = machine();
  const packages = installedPackages();
  printMachine(m, packages);
  const results: BenchmarkResult[] = [];
  const failures: string[] = [];
  for (const id of ids) {
    console.log(`> ${id}: ${BENCHMARKS[id]?.title ?? id}`);
    try {
      const result = await spawnBenchmark(id, values.quick);
      console.log(`  ${id} done in ${result.seconds.toFixed(0)} s`);
      printResult(result, m.cores);
      results.push(result);
    } catch (error) {
      console.error(`  ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      failures.push(id);
    }
  }
  const args = [values.only ? `--only ${values.only}` : '', values.quick ? '--quick' : ''].filter(Boolean).join(' ');
  const complete = values.only === undefined && !values.quick && failures.length === 0;
  const run: RunRecord = {
    command: `pnpm bench${args ? ` -- ${args}` : ''}`,
    startedAt,
    quick: values.quick,
    complete,
    totalSeconds: (performance.now() - started) / 1000,
    machine: m,
    packages,
    results,
    failures,
  };
  saveRun(complete ? fullRunPath : join(partialDir, 'run.json'), run);
  render(run);
  printSummary(results, failures);
  if (failures.length > 0) process.exitCode = 1;
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.child) {
    await runChild(values.child, values.quick);
    return;
  }
  if (values.render) {
    const run = loadRun(fullRunPath);
    render(run);
    printSummary(run.results, run.failures);
    return;
  }
  const ids = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : Object.keys(BENCHMARKS);
  const unknown = ids.filter((id) => !(id in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}.\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  await measure(ids);
}

try {
  await main();
} catch (error) {
  // Our own errors say what to do; a stack would bury that.
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith('[@kit/bench]') ? message : error);
  process.exitCode = 1;
}
