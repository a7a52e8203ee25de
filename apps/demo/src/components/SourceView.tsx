import { useId } from 'react';

/** Plain text in a <pre>: React escapes it, so showing source never injects markup. */
export function SourceView({ source, fileName }: { source: string; fileName: string }) {
  const id = useId();
  return (
    <section className="source" aria-labelledby={id}>
      <h2 id={id} className="source-title">
        <code>{fileName}</code>
      </h2>
      {/* Focusable so keyboard users can scroll long files. */}
      <pre tabIndex={0} className="source-code">
        <code>{source}</code>
      </pre>
    </section>
  );
}
