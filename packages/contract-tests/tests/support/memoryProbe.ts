// Run in its own process by endlessStreams.test.ts: connects with default options to the URL in
// argv, samples this process's RSS every 5 ms, and prints one JSON line when the connection closes.
import { createConnection } from '@kit/sse-react/core';

const url = process.argv[2];
if (url === undefined) throw new Error('usage: memoryProbe <url>');

// Node loads its fetch implementation (undici) on the first call: load it before the baseline, so
// the figure is what the stream costs, not what the runtime's first request does.
await fetch('data:text/plain,warm').then((response) => response.text());
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);

const connection = createConnection(url);
const errors: string[] = [];
let events = 0;
connection.on('message', () => events++);
connection.subscribe(() => {
  const { status, error } = connection.getSnapshot();
  if (error !== null && errors.at(-1) !== error.kind) errors.push(error.kind);
  if (status !== 'closed') return;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ baseline, peak, growth: peak - baseline, status, kind: error?.kind ?? null, message: error?.message ?? '', events, errors }));
  connection.close();
});
