// The public surface, as a promise kept: a name added or removed shows up here and has to be meant.
import { expect, it } from 'vitest';

it('@kit/sse-server exports', async () => {
  const names = Object.keys(await import('../src/index')).sort();
  await expect(`${names.join('\n')}\n`).toMatchFileSnapshot('./exports/sse-server.txt');
});
