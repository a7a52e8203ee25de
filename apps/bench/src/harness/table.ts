export interface Table {
  caption?: string;
  headers: string[];
  rows: string[][];
  /** Columns to right-align (numbers). */
  align?: ('l' | 'r')[];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(table: Table): string {
  const align = table.headers.map((_, i) => (table.align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : ':---');
  const lines = [
    `| ${table.headers.map(cell).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  return (table.caption ? `${table.caption}\n\n` : '') + lines.join('\n');
}
