import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchDir } from './paths';

/** Every package a benchmark measures or runs on; aliases (`eventsource-5`) as apps/bench installs them. */
export const PACKAGES = [
  '@kit/sse-react',
  '@kit/sse-server',
  '@kit/sse-server-redis',
  'eventsource-parser',
  'eventsource-parser-4',
  'eventsource',
  'eventsource-5',
  'react-hooks-sse',
  'react-use-websocket',
  '@microsoft/fetch-event-source',
  'better-sse',
  'react',
  'react-dom',
  'jsdom',
  'esbuild',
] as const;

export interface InstalledPackage {
  /** As apps/bench names it (an alias for a second version of one package). */
  name: string;
  /** The package's own name, `eventsource` for the alias `eventsource-5`. */
  realName: string;
  version: string;
}

/** The version actually installed (node_modules), not the range in package.json. */
export function installedPackage(name: string): InstalledPackage {
  try {
    const pkg = JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')) as { name?: string; version?: string };
    return { name, realName: pkg.name ?? name, version: pkg.version ?? '?' };
  } catch {
    return { name, realName: name, version: 'not installed' };
  }
}

export function installedVersion(name: string): string {
  return installedPackage(name).version;
}

export function installedPackages(): InstalledPackage[] {
  return PACKAGES.map(installedPackage);
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: string;
  node: string;
  platform: string;
}

export function machine(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
