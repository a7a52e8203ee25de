import type { ReactNode } from 'react';

// `code`, **bold** and [links](...). Matched in one pass; everything else stays plain text.
const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Renders a line of Markdown as React text nodes: nothing in the file can become HTML. */
export function Inline({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index;
    if (index > last) parts.push(text.slice(last, index));
    const [, code, bold, label, href] = match;
    if (code !== undefined) parts.push(<code key={index}>{code}</code>);
    else if (bold !== undefined) parts.push(<strong key={index}>{bold}</strong>);
    else if (label !== undefined && href !== undefined) {
      // Only web links and in-page anchors are followed; repository-relative paths stay text.
      parts.push(
        /^https?:\/\//.test(href) ? (
          <a key={index} href={href} rel="noreferrer">
            {label}
          </a>
        ) : href.startsWith('#') ? (
          <a key={index} href={`#/docs/${href.slice(1)}`}>
            {label}
          </a>
        ) : (
          <span key={index}>{label}</span>
        ),
      );
    }
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
