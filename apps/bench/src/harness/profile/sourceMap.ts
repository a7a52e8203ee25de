import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A generated position mapped back to its source, 1-based line as editors show it. */
export interface SourcePosition {
  source: string;
  line: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The values of one mappings segment (Base64 VLQ, as the source map v3 format defines). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Per generated line: segments sorted by column, each [column, source index, source line]. */
type Lines = [number, number, number][][];

function parseMappings(mappings: string): Lines {
  const lines: Lines = [];
  let source = 0;
  let sourceLine = 0;
  for (const text of mappings.split(';')) {
    const line: [number, number, number][] = [];
    let column = 0;
    for (const segment of text.split(',')) {
      if (segment === '') continue;
      // The source column (the 4th value) is not needed: lines are what a reader looks up.
      const [dColumn = 0, dSource, dLine] = decodeSegment(segment);
      column += dColumn;
      if (dSource === undefined) continue;
      source += dSource;
      sourceLine += dLine ?? 0;
      line.push([column, source, sourceLine]);
    }
    lines.push(line);
  }
  return lines;
}

interface LoadedMap {
  sources: string[];
  lines: Lines;
}

/** Maps positions in built files (with a `.map` beside them) back to their sources; caches each map. */
export function createSourceMapper(): (url: string, line0: number, column0: number) => SourcePosition | undefined {
  const maps = new Map<string, LoadedMap | null>();
  const load = (file: string): LoadedMap | null => {
    if (!maps.has(file)) {
      const path = `${file}.map`;
      if (!existsSync(path)) maps.set(file, null);
      else {
        const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; mappings: string; sourceRoot?: string };
        const sources = map.sources.map((source) => resolve(dirname(file), map.sourceRoot ?? '', source));
        maps.set(file, { sources, lines: parseMappings(map.mappings) });
      }
    }
    return maps.get(file) ?? null;
  };
  return (url, line0, column0) => {
    if (!url.startsWith('file://')) return undefined;
    const map = load(fileURLToPath(url));
    const segments = map?.lines[line0];
    if (!map || !segments || segments.length === 0) return undefined;
    let found = segments[0] as [number, number, number];
    for (const segment of segments) {
      if (segment[0] > column0) break;
      found = segment;
    }
    return { source: map.sources[found[1]] ?? '?', line: found[2] + 1 };
  };
}

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
