/**
 * Just enough Markdown for the API README: headings (with GitHub's anchor slugs, so links match
 * the README on GitHub), fenced code, tables and lists kept as text, and paragraphs. The result is
 * plain data rendered by React as text: no HTML from the file ever reaches the DOM.
 */
export type Block =
  | { kind: 'heading'; level: number; text: string; id: string }
  | { kind: 'code'; text: string }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'text'; text: string };

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split(/\r?\n/);
  let paragraph: string[] = [];
  const flush = () => {
    // Wrapped lines join with a space; a list item starts a new line.
    const text = paragraph.reduce(
      (joined, line, index) => (index === 0 ? line : /^\s*([-*]|\d+\.)\s/.test(line) ? `${joined}\n${line}` : `${joined} ${line.trim()}`),
      '',
    );
    if (paragraph.length > 0) blocks.push({ kind: 'text', text });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (line.startsWith('```')) {
      flush();
      const code: string[] = [];
      for (index++; index < lines.length && !(lines[index] ?? '').startsWith('```'); index++) code.push(lines[index] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
    } else if (line.trimStart().startsWith('|')) {
      flush();
      const rows: string[][] = [];
      for (; index < lines.length && (lines[index] ?? '').trimStart().startsWith('|'); index++) {
        const row = lines[index] ?? '';
        // The |---|---| line only separates the header.
        if (!/^\s*\|[\s:|-]+\|?\s*$/.test(row)) rows.push(cells(row));
      }
      index--;
      blocks.push({ kind: 'table', rows });
    } else if (heading) {
      flush();
      const text = (heading[2] ?? '').replace(/`/g, '');
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text, id: slug(text) });
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
