import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { logComparison, startLoadReading, type LoadReading } from './load';

/**
 * One contender of a comparison: a module that exports `sample(args)` and returns one measurement.
 * Each sample runs in a fresh process, so no contender inherits another's JIT state, heap or
 * inline caches: in one process, the same parser code swung from 0.7x to 1.4x between runs
 * depending on which contender's shapes V8 had seen first.
 */
export interface ProcessContender {
  name: string;
  /** Absolute path of a module exporting `sample(args: unknown): Promise<S> | S`. */
  module: string;
  /** Serializable; handed to `sample`. */
  args?: unknown;
}

export interface ProcessRoundsOptions {
  /** At least 5: medians and spreads of fewer samples say little on a shared 2-core machine. */
  rounds: number;
  /** Extra node flags for the sample processes (for example `--expose-gc`). */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  onSample?: (name: string, round: number) => void;
  /** Names the comparison in the report's load table; the contenders' names by default. */
  label?: string;
}

export interface ProcessRounds<S> {
  samples: Map<string, S[]>;
  /** 1-minute load average before each round: what else the machine was doing. */
  load: number[];
  /** Per round: load average, cores busy machine-wide and cores the sample processes used. */
  rounds: LoadReading[];
}

const childScript = fileURLToPath(new URL('./sampleChild.ts', import.meta.url));

interface Answer<S> {
  value: S;
  /** CPU time of the whole sample process, start-up included. */
  cpuMs: number;
}

function runSample<S>(contender: ProcessContender, options: Omit<ProcessRoundsOptions, 'rounds'>): Promise<Answer<S>> {
  return new Promise<Answer<S>>((resolve, reject) => {
    const child = fork(childScript, [], {
      // process.execArgv carries tsx's loader, so the child runs TypeScript as this process does.
      execArgv: [...process.execArgv.filter((flag) => !flag.startsWith('--cpu-prof')), '--expose-gc', ...(options.execArgv ?? [])],
      env: { ...process.env, NODE_ENV: 'production', ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    let settled = false;
    const finish = (error: Error | null, answer?: Answer<S>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The child exits when disconnected (a --cpu-prof profile is written on a clean exit only);
      // the kill is the fallback for a child that does not.
      if (child.connected) child.disconnect();
      const killTimer = setTimeout(() => child.kill(), error ? 0 : 5000);
      void exited.then(() => {
        clearTimeout(killTimer);
        if (error) reject(error);
        else resolve(answer as Answer<S>);
      });
    };
    const timer = setTimeout(() => finish(new Error(`${contender.name}: no sample within ${options.timeoutMs ?? 120_000} ms`)), options.timeoutMs ?? 120_000);
    child.on('message', (message: { ok: boolean; value?: S; cpuMs?: number; error?: string }) => {
      if (message.ok) finish(null, { value: message.value as S, cpuMs: message.cpuMs ?? 0 });
      else finish(new Error(`${contender.name}: ${message.error ?? 'failed'}`));
    });
    child.on('error', (error) => {
      // A process that could not start emits no exit.
      if (child.pid === undefined) reject(error);
      finish(error);
    });
    child.on('exit', (code) => finish(new Error(`${contender.name}: sample process exited with code ${code} before answering`)));
    child.send({ module: contender.module, args: contender.args });
  });
}

/** Runs `contender.sample(args)` in a new process and resolves with what it returned. */
export async function sampleInProcess<S>(contender: ProcessContender, options: Omit<ProcessRoundsOptions, 'rounds'> = {}): Promise<S> {
  return (await runSample<S>(contender, options)).value;
}

/**
 * Rounds of A B C, B C A, C A B, ... each sample in its own process: every contender gets the same
 * share of machine noise, no one always runs first, and a slow round shows in every contender's spread.
 */
export async function processRounds<S>(contenders: readonly ProcessContender[], options: ProcessRoundsOptions): Promise<ProcessRounds<S>> {
  const samples = new Map<string, S[]>(contenders.map((contender) => [contender.name, []]));
  const rounds: LoadReading[] = [];
  const n = contenders.length;
  for (let round = 0; round < options.rounds; round++) {
    const endReading = startLoadReading();
    let sampleCpuMs = 0;
    for (let i = 0; i < n; i++) {
      const contender = contenders[(round + i) % n] as ProcessContender;
      const answer = await runSample<S>(contender, options);
      samples.get(contender.name)?.push(answer.value);
      sampleCpuMs += answer.cpuMs;
      options.onSample?.(contender.name, round);
    }
    rounds.push(endReading(sampleCpuMs));
  }
  logComparison({ label: options.label ?? contenders.map((c) => c.name).join(' vs '), method: 'process', rounds });
  return { samples, load: rounds.map((r) => r.loadavg), rounds };
}
