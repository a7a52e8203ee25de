import { expect, it } from 'vitest';
import readme from '../../../packages/sse-react/README.md?raw';
import { docs } from '../src/lib/docs';
import { markdownBlocks, slug } from '../src/pages/docs/markdownBlocks';

it('uses GitHub heading slugs', () => {
  expect(slug('React: <SSEProvider>')).toBe('react-sseprovider');
  expect(slug('React: typed events with createSSEHooks')).toBe('react-typed-events-with-createssehooks');
});

it('links only to sections that exist in the API README', () => {
  const ids = new Set(markdownBlocks(readme).flatMap((block) => (block.kind === 'heading' ? [block.id] : [])));
  for (const { anchor } of Object.values(docs)) expect(ids, anchor).toContain(anchor);
});

it('keeps code blocks as text', () => {
  const blocks = markdownBlocks('# T\n\n```ts\nconst a = "<b>";\n```\n\ntext');
  expect(blocks).toEqual([
    { kind: 'heading', level: 1, text: 'T', id: 't' },
    { kind: 'code', text: 'const a = "<b>";' },
    { kind: 'text', text: 'text' },
  ]);
});

it('turns pipe tables into rows of cells, without the separator line', () => {
  const blocks = markdownBlocks('| a | b |\n| --- | --- |\n| `x` | y \\| z |');
  expect(blocks).toEqual([{ kind: 'table', rows: [['a', 'b'], ['`x`', 'y | z']] }]);
});

it('joins wrapped lines and keeps list items on their own lines', () => {
  expect(markdownBlocks('one\ntwo\n- a\n  more\n- b')).toEqual([{ kind: 'text', text: 'one two\n- a more\n- b' }]);
});
