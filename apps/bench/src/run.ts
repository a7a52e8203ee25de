import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './benchmarks/index';
import { benchDir, resultsDir } from './harness/paths';
import type { BenchmarkResult } from './harness/report';
import { writeReport } from './harness/writeReport';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    child: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const USAGE = `Usage: pnpm bench [-- --only parser,client,react,bundle,server] [--quick]
  --only   comma-separated benchmarks (default: all). Partial runs write results/partial/ instead of RESULTS.md.
  --quick  fewer rounds and smaller workloads: a smoke test, not figures to quote.`;

async function runChild(id: string, quick: boolean): Promise<void> {
  const entry = BENCHMARKS[id];
  if (!entry) throw new Error(`unknown benchmark ${id}`);
  const started = performance.now();
  const loadStart = loadavg()[0] ?? 0;
  const benchmark = await entry.load();
  const result = await benchmark({ quick, log: (message) => console.log(`  [${id}] ${message}`) });
  const full: BenchmarkResult = { ...result, seconds: (performance.now() - started) / 1000, load: [loadStart, loadavg()[0] ?? 0] };
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

async function main(): Promise<void> {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.child) {
    await runChild(values.child, values.quick);
    return;
  }
  const ids = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : Object.keys(BENCHMARKS);
  const unknown = ids.filter((id) => !(id in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}.\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const partial = values.only !== undefined || values.quick;
  const started = performance.now();
  const results: BenchmarkResult[] = [];
  const failures: string[] = [];
  for (const id of ids) {
    console.log(`> ${id}: ${BENCHMARKS[id]?.title ?? id}`);
    try {
      const result = await spawnBenchmark(id, values.quick);
      console.log(`  ${id} done in ${result.seconds.toFixed(0)} s`);
      results.push(result);
    } catch (error) {
      console.error(`  ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      failures.push(id);
    }
  }
  const svgDir = partial ? join(resultsDir, 'partial') : resultsDir;
  const args = [values.only ? `--only ${values.only}` : '', values.quick ? '--quick' : ''].filter(Boolean).join(' ');
  writeReport(results, {
    markdownPath: partial ? join(svgDir, 'RESULTS.md') : join(benchDir, 'RESULTS.md'),
    svgDir,
    quick: values.quick,
    command: `pnpm bench${args ? ` -- ${args}` : ''}`,
    totalSeconds: (performance.now() - started) / 1000,
  });
  if (failures.length > 0) {
    console.error(`failed: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
