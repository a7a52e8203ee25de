// The public surface of every entry point, as a promise kept: a name added or removed shows up
// here and has to be meant (update with -u, and say so in the commit and the changelog).
import { expect, it } from 'vitest';

it.each([
  ['@kit/sse-react', () => import('@kit/sse-react')],
  ['@kit/sse-react/core', () => import('@kit/sse-react/core')],
  ['@kit/sse-react/testing', () => import('@kit/sse-react/testing')],
  ['@kit/sse-react/devtools', () => import('@kit/sse-react/devtools')],
])('%s exports', async (entry, load) => {
  const names = Object.keys(await load()).sort();
  await expect(`${names.join('\n')}\n`).toMatchFileSnapshot(`./exports/${entry.replaceAll('/', '__')}.txt`);
});
