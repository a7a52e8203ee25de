// Parser throughput: a 50 MB stream of small JSON events fed in 16 KiB chunks, median of 5 runs.
// Run from the repository root: npx tsx packages/sse-react/scripts/parser-throughput.ts
// (tsx is a dependency of apps/bench; if the root has no tsx link, run it through that package:
// pnpm --filter @kit/bench exec tsx ../../packages/sse-react/scripts/parser-throughput.ts)
import { createParser } from '../src/core/protocol/parser';

const TOTAL_BYTES = 50 * 1024 * 1024;
const CHUNK = 16 * 1024;
const RUNS = 5;

function buildStream(): { chunks: string[]; events: number; bytes: number } {
  const parts: string[] = [];
  let bytes = 0;
  let events = 0;
  while (bytes < TOTAL_BYTES) {
    const frame = `id: ${events}\nevent: tick\ndata: {"id":${events},"value":${(events * 0.37) % 100},"label":"cpu-${events % 16}","ok":true}\n\n`;
    parts.push(frame);
    bytes += frame.length;
    events++;
  }
  const text = parts.join('');
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += CHUNK) chunks.push(text.slice(start, start + CHUNK));
  return { chunks, events, bytes: text.length };
}

const { chunks, events, bytes } = buildStream();
const results: Array<{ ms: number; count: number }> = [];
for (let run = 0; run < RUNS; run++) {
  let count = 0;
  let checksum = 0;
  const parser = createParser({
    onEvent: (event) => {
      count++;
      checksum += event.data.length;
    },
  });
  const start = performance.now();
  for (const chunk of chunks) parser.feed(chunk);
  const ms = performance.now() - start;
  if (count !== events || checksum === 0) throw new Error(`expected ${events} events, parsed ${count}`);
  results.push({ ms, count });
}
results.sort((a, b) => a.ms - b.ms);
const median = results[Math.floor(RUNS / 2)]!;
const mb = bytes / (1024 * 1024);
console.log(`parser: ${mb.toFixed(1)} MiB, ${events} events, ${chunks.length} chunks of 16 KiB, median of ${RUNS} runs`);
console.log(`  ${median.ms.toFixed(1)} ms  ${(mb / (median.ms / 1000)).toFixed(0)} MB/s  ${Math.round(events / (median.ms / 1000)).toLocaleString('en-US')} events/s`);
console.log(`  runs (ms): ${results.map((r) => r.ms.toFixed(1)).join(', ')}`);
