// The public surface, as a promise kept: a name added or removed shows up here and has to be meant.
import { expect, it } from 'vitest';

it.each([
  ['@kit/sse-server-redis', () => import('../src/index')],
  ['@kit/sse-server-redis/testing', () => import('../src/testing/index')],
])('%s exports', async (entry, load) => {
  const names = Object.keys(await load()).sort();
  await expect(`${names.join('\n')}\n`).toMatchFileSnapshot(`./exports/${entry.replaceAll('/', '__')}.txt`);
});
