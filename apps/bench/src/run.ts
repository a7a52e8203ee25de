import { cpus } from 'node:os';
import { formatEvent } from '@kit/sse-server';

// Placeholder until the benchmark issue lands: measures formatEvent so the bench pipeline runs end to end.
const rounds = 200_000;
const started = performance.now();
let bytes = 0;
for (let i = 0; i < rounds; i++) bytes += formatEvent({ event: 'tick', id: String(i), data: { seq: i } }).length;
const seconds = (performance.now() - started) / 1000;
console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}`);
console.log(`formatEvent: ${Math.round(rounds / seconds).toLocaleString('en')} events/s, ${(bytes / seconds / 1e6).toFixed(1)} MB/s`);
