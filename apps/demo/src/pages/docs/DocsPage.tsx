import { useEffect, useMemo } from 'react';
import readme from '../../../../../packages/sse-react/README.md?raw';
import { markdownBlocks } from './markdownBlocks';

/** The API reference, read from packages/sse-react/README.md at build time, so it never drifts. */
export function DocsPage({ anchor }: { anchor: string }) {
  const blocks = useMemo(() => markdownBlocks(readme), []);
  useEffect(() => {
    const target = anchor ? document.getElementById(anchor) : null;
    if (target) {
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }
  }, [anchor]);
  return (
    <article className="docs">
      <p className="muted small">
        Rendered from <code>packages/sse-react/README.md</code> as plain text.
        {anchor && !blocks.some((block) => block.kind === 'heading' && block.id === anchor) && (
          <> The section “{anchor}” is not in this version of the README yet.</>
        )}
      </p>
      {blocks.map((block, index) => {
        if (block.kind === 'code') {
          return (
            <pre key={index} className="source-code" tabIndex={0}>
              <code>{block.text}</code>
            </pre>
          );
        }
        if (block.kind === 'text') {
          return (
            <p key={index} className="docs-text">
              {block.text}
            </p>
          );
        }
        const Heading = block.level === 1 ? 'h1' : block.level === 2 ? 'h2' : block.level === 3 ? 'h3' : 'h4';
        return (
          <Heading key={index} id={block.id} tabIndex={-1}>
            {block.text}
          </Heading>
        );
      })}
    </article>
  );
}
