import type { ReactNode } from 'react';
import { DocsLink } from './DocsLink';
import { SourceView } from './SourceView';

export interface SourceFile {
  name: string;
  source: string;
}

export interface ExamplePageProps {
  title: string;
  intro: ReactNode;
  /** Anchor in packages/sse-react/README.md for the API this page shows. */
  docs: { anchor: string; label: string };
  /** The example's own files, imported with `?raw`, so what you read is what runs. */
  files: readonly SourceFile[];
  children: ReactNode;
}

/** Every page has the same shape: what it shows, the running example, and its source beside it. */
export function ExamplePage({ title, intro, docs, files, children }: ExamplePageProps) {
  return (
    <article className="example-page">
      <header className="page-header">
        <h1>{title}</h1>
        <div className="page-intro">{intro}</div>
        <p>
          API: <DocsLink anchor={docs.anchor}>{docs.label}</DocsLink>
        </p>
      </header>
      <div className="example-layout">
        <section className="example-live" aria-label="Running example">
          {children}
        </section>
        <div className="example-source">
          {files.map((file) => (
            <SourceView key={file.name} source={file.source} fileName={file.name} />
          ))}
        </div>
      </div>
    </article>
  );
}
