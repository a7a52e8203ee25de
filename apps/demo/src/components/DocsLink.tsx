import type { ReactNode } from 'react';

/**
 * Opens the API reference (packages/sse-react/README.md) on the demo's Docs page, which renders
 * that very file, so the link works offline, in a fresh clone and on any host.
 */
export function DocsLink({ anchor, children }: { anchor: string; children: ReactNode }) {
  return <a href={`#/docs/${anchor}`}>{children}</a>;
}
