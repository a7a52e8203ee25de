import { fmt } from './format';
import type { Summary } from './stats';

export interface Bar extends Summary {
  label: string;
  /** Our package: drawn in the accent colour. */
  ours?: boolean;
}

export interface ChartGroup {
  label: string;
  bars: Bar[];
}

export interface Chart {
  title: string;
  unit: string;
  /** Printed under the title, e.g. "higher is better". */
  subtitle?: string;
  groups: ChartGroup[];
}

const PLOT_AND_VALUE_W = 520;
const VALUE_W = 150;
// Average glyph width of a 12px sans-serif: enough to size the label column without measuring text.
const CHAR_W = 6.6;
const BAR_H = 18;
const GAP = 6;
const GROUP_HEAD = 24;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A horizontal bar chart: the bar is the median, the whisker the min–max spread. Each group has
 * its own scale (workloads differ by orders of magnitude), so bars compare within a group only.
 */
export function barChart(chart: Chart): string {
  const longest = Math.max(...chart.groups.flatMap((g) => g.bars.map((b) => b.label.length)), 10);
  const LABEL_W = Math.ceil(longest * CHAR_W) + 20;
  const WIDTH = LABEL_W + PLOT_AND_VALUE_W;
  const PLOT_W = PLOT_AND_VALUE_W - VALUE_W - 20;
  const parts: string[] = [];
  let y = 48 + (chart.subtitle ? 14 : 0);
  for (const group of chart.groups) {
    parts.push(`<text x="10" y="${y + 15}" class="g">${esc(group.label)}</text>`);
    y += GROUP_HEAD;
    const top = Math.max(...group.bars.map((b) => (Number.isFinite(b.max) ? b.max : 0)), 1e-12);
    const scale = PLOT_W / top;
    for (const bar of group.bars) {
      const ok = Number.isFinite(bar.median);
      const w = ok ? Math.max(1, bar.median * scale) : 0;
      parts.push(`<text x="${LABEL_W - 8}" y="${y + 13}" text-anchor="end">${esc(bar.label)}</text>`);
      if (ok) {
        parts.push(`<rect x="${LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" class="${bar.ours ? 'ours' : 'them'}"/>`);
        const x1 = LABEL_W + bar.min * scale;
        const x2 = LABEL_W + bar.max * scale;
        const cy = y + BAR_H / 2;
        parts.push(
          `<path d="M${x1.toFixed(1)} ${cy}H${x2.toFixed(1)}M${x1.toFixed(1)} ${cy - 5}V${cy + 5}M${x2.toFixed(1)} ${cy - 5}V${cy + 5}" class="w"/>`,
        );
      }
      parts.push(
        `<text x="${LABEL_W + PLOT_W + 12}" y="${y + 13}">${ok ? esc(`${fmt(bar.median)}${chart.unit ? ` ${chart.unit}` : ''}`) : 'n/a'}</text>`,
      );
      y += BAR_H + GAP;
    }
    y += 8;
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    '<style>text{fill:#222}.t{font-size:15px;font-weight:600}.s{fill:#666}.g{font-weight:600}.ours{fill:#2f6fdb}.them{fill:#a9b4c2}.w{stroke:#111;stroke-width:1.2;fill:none}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="24" class="t">${esc(chart.title)}</text>`,
    `<text x="10" y="42" class="s">${esc(`${chart.unit ? `${chart.unit}; ` : ''}bar = median, whisker = min–max`)}</text>`,
    chart.subtitle ? `<text x="10" y="56" class="s">${esc(chart.subtitle)}</text>` : '',
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
