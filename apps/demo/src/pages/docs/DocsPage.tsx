import { useEffect, useMemo } from 'react';
import readme from '../../../../../packages/sse-react/README.md?raw';
import { Inline } from './Inline';
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
        Rendered from <code>packages/sse-react/README.md</code>, as text (no HTML from the file reaches the page).
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
              <Inline text={block.text} />
            </p>
          );
        }
        if (block.kind === 'table') {
          const [head = [], ...body] = block.rows;
          return (
            <div key={index} className="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    {head.map((cell, column) => (
                      <th key={column} scope="col">
                        <Inline text={cell} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {body.map((row, rowIndex) => (
                    <tr key={rowIndex}>
                      {row.map((cell, column) => (
                        <td key={column}>
                          <Inline text={cell} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
