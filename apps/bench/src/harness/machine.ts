import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchDir } from './paths';

export const PACKAGES = [
  '@kit/sse-react',
  '@kit/sse-server',
  'eventsource-parser',
  'eventsource',
  'react-hooks-sse',
  'react-use-websocket',
  '@microsoft/fetch-event-source',
  'better-sse',
  'react',
  'react-dom',
  'jsdom',
  'esbuild',
] as const;

/** The version actually installed (node_modules), not the range in package.json. */
export function installedVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '?';
  } catch {
    return 'not installed';
  }
}

export function machine(): { cpu: string; cores: number; ramGiB: string; node: string; platform: string } {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
