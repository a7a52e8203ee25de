import { Fragment, useId, useRef } from 'react';
import type { HighlightedToken } from '../lib/highlightSource';
import { useHighlightedSource } from './useHighlightedSource';

function Line({ tokens }: { tokens: readonly HighlightedToken[] }) {
  return tokens.map((token, index) => (
    <span key={index} style={token.style} className={token.italic ? 'tok-i' : token.bold ? 'tok-b' : undefined}>
      {token.content}
    </span>
  ));
}

/**
 * A source file: plain text at once, syntax-highlighted when the lazily loaded highlighter has
 * tokenized it. Tokens are rendered as React text, so showing source never injects markup.
 */
export function SourceView({ source, fileName }: { source: string; fileName: string }) {
  const id = useId();
  const pre = useRef<HTMLPreElement>(null);
  const { lines, state } = useHighlightedSource(source, pre);
  return (
    <section className="source" aria-labelledby={id}>
      <h2 id={id} className="source-title">
        <code>{fileName}</code>
      </h2>
      {/* Focusable so keyboard users can scroll long files. */}
      <pre ref={pre} tabIndex={0} className="source-code" data-highlight={state}>
        <code>
          {lines === null
            ? source
            : lines.map((tokens, index) => (
                <Fragment key={index}>
                  {index > 0 ? '\n' : null}
                  <Line tokens={tokens} />
                </Fragment>
              ))}
        </code>
      </pre>
    </section>
  );
}
