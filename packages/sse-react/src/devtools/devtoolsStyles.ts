import type { CSSProperties } from 'react';

// Inline styles: no stylesheet to inject or to clash with the app's. Colours meet WCAG AA on the
// panel's dark background whatever the app's theme.
const font = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

export const styles = {
  toggle: {
    position: 'fixed',
    zIndex: 2147483000,
    bottom: 12,
    padding: '6px 10px',
    font: `600 12px ${font}`,
    color: '#f8fafc',
    background: '#1e293b',
    border: '1px solid #64748b',
    borderRadius: 6,
    cursor: 'pointer',
  },
  panel: {
    position: 'fixed',
    zIndex: 2147483000,
    bottom: 52,
    width: 'min(960px, calc(100vw - 24px))',
    maxHeight: '60vh',
    overflow: 'auto',
    padding: 12,
    font: `12px/1.4 ${font}`,
    color: '#e2e8f0',
    background: '#0f172a',
    border: '1px solid #475569',
    borderRadius: 8,
    boxShadow: '0 8px 24px rgba(0,0,0,.4)',
  },
  heading: { margin: '0 0 8px', font: `600 13px ${font}`, color: '#f8fafc' },
  table: { width: '100%', borderCollapse: 'collapse', marginBottom: 12 },
  cell: { padding: '4px 6px', borderBottom: '1px solid #334155', textAlign: 'left', verticalAlign: 'top' },
  head: { padding: '4px 6px', borderBottom: '1px solid #475569', textAlign: 'left', whiteSpace: 'nowrap', color: '#cbd5e1' },
  url: { padding: '4px 6px', borderBottom: '1px solid #334155', verticalAlign: 'top', wordBreak: 'break-all', minWidth: 160 },
  button: {
    padding: '2px 8px',
    margin: '0 4px 4px 0',
    font: `12px ${font}`,
    color: '#f8fafc',
    background: '#334155',
    border: '1px solid #64748b',
    borderRadius: 4,
    cursor: 'pointer',
  },
  input: { padding: '2px 6px', font: `12px ${font}`, color: '#f8fafc', background: '#1e293b', border: '1px solid #64748b', borderRadius: 4 },
  log: { listStyle: 'none', margin: 0, padding: 0, maxHeight: 240, overflow: 'auto' },
  logItem: { padding: '2px 0', borderBottom: '1px solid #1e293b', whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
  muted: { color: '#94a3b8' },
} satisfies Record<string, CSSProperties>;
