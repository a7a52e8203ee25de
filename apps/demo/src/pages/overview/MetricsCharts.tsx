import { useSSEBuffer } from '@kit/sse-react';
import type uPlot from 'uplot';
import { useMemo } from 'react';
import { TimeSeriesChart } from '../../components/TimeSeriesChart';
import type { MetricsEvent, ServiceMetrics } from '../../lib/events';
import { latestBy } from './latestBy';

type Pick = (service: ServiceMetrics) => number;

function columns(history: readonly MetricsEvent[], services: readonly string[], pick: Pick): uPlot.AlignedData {
  const times = history.map((m) => m.ts / 1000);
  const series = services.map((name) =>
    history.map((m) => {
      const service = m.services.find((s) => s.service === name);
      return service ? pick(service) : null;
    }),
  );
  return [times, ...series];
}

const charts: { key: string; pick: Pick; label: string; unit: string }[] = [
  { key: 'rps', pick: (s) => s.rps, label: 'Requests per second', unit: '' },
  { key: 'p99', pick: (s) => s.p99Ms, label: 'p99 latency', unit: ' ms' },
  { key: 'cpu', pick: (s) => s.cpu * 100, label: 'CPU', unit: '%' },
];

/**
 * The last 2 minutes of metrics (one event per 500 ms). The server sends those 2 minutes as
 * ordinary `metrics` events when the stream opens (state on connect), so the buffer, and every
 * chart, is full from the first frame; live events then extend it. Re-drawn once per frame at most.
 */
export function MetricsCharts() {
  const buffered = useSSEBuffer<MetricsEvent>('metrics', { max: 240 });
  // One point per timestamp, in time order, however often the server sent it (see latestBy).
  const history = useMemo(() => latestBy(buffered, (metrics) => metrics.ts).sort((a, b) => a.ts - b.ts), [buffered]);
  const latest = history.at(-1);
  const serviceKey = latest ? latest.services.map((s) => s.service).join(',') : '';
  const services = useMemo(() => (serviceKey === '' ? [] : serviceKey.split(',')), [serviceKey]);
  return (
    <div className="charts">
      {charts.map(({ key, pick, label, unit }) => (
        <TimeSeriesChart key={key} label={label} unit={unit} series={services} data={columns(history, services, pick)} />
      ))}
    </div>
  );
}
