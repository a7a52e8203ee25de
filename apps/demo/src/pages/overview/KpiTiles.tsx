import { useSSEEvent } from '@kit/sse-react';
import type { MetricsEvent } from '../../lib/events';

interface Totals {
  rps: number;
  p99: number;
  cpu: number;
  services: number;
}

// Defined outside the component: a stable select/isEqual lets the hook skip renders whose
// rounded totals did not change.
function toTotals(metrics: MetricsEvent): Totals {
  const { services } = metrics;
  const sum = (pick: (s: MetricsEvent['services'][number]) => number) => services.reduce((acc, s) => acc + pick(s), 0);
  return {
    rps: Math.round(sum((s) => s.rps)),
    p99: Math.round(Math.max(0, ...services.map((s) => s.p99Ms))),
    cpu: Math.round((sum((s) => s.cpu) * 100) / Math.max(services.length, 1)),
    services: services.length,
  };
}

const sameTotals = (a: Totals, b: Totals) => a.rps === b.rps && a.p99 === b.p99 && a.cpu === b.cpu && a.services === b.services;

export function KpiTiles() {
  // The server's state on connect ends with its newest `metrics` event: numbers from the first frame.
  const totals = useSSEEvent<MetricsEvent, Totals>('metrics', { select: toTotals, isEqual: sameTotals });
  const tiles = [
    { key: 'rps', label: 'Requests / s', value: totals?.rps },
    { key: 'p99', label: 'Worst p99 latency', value: totals?.p99, unit: 'ms' },
    { key: 'cpu', label: 'Average CPU', value: totals?.cpu, unit: '%' },
    { key: 'services', label: 'Services reporting', value: totals?.services },
  ];
  return (
    <ul className="kpis" aria-label="Key figures">
      {tiles.map((tile) => (
        <li key={tile.key} className="kpi" data-testid={`kpi-${tile.key}`} data-value={tile.value ?? ''}>
          <span className="kpi-label">{tile.label}</span>
          <span className="kpi-value">
            {tile.value === undefined ? '—' : tile.value.toLocaleString('en-US')}
            {tile.value !== undefined && tile.unit ? <small> {tile.unit}</small> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
