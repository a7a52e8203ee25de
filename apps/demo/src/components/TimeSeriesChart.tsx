import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TimeSeriesChartProps {
  /** Accessible name of the chart; the canvas itself is not readable, so a caption says what it shows. */
  label: string;
  /** One name per series after the x (time) column. */
  series: readonly string[];
  /** uPlot's column layout: [times (s), ...one array per series]. */
  data: uPlot.AlignedData;
  unit?: string;
  height?: number;
  /** Seconds of history on the x axis: a steady sliding window, even before it has filled. */
  windowSeconds?: number;
}

const palette = ['#3b82f6', '#f97316', '#10b981', '#a855f7', '#ef4444', '#eab308'];
// Canvas cannot use `currentColor`; a mid grey reads on the light and the dark theme alike.
const axisColor = '#8a94a3';
const gridColor = 'rgba(138,148,163,0.2)';
// 24-hour times ("23:16:00"): short enough for two labels on a 360 px chart.
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * A streaming chart: the uPlot instance is created once per series layout and fed with setData on
 * every update, which is what uPlot is built for (no chart re-creation, no React diff of points).
 */
export function TimeSeriesChart({ label, series, data, unit = '', height = 160, windowSeconds = 120 }: TimeSeriesChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latestData = useRef(data);
  latestData.current = data;
  const seriesKey = series.join('\u0000');

  useEffect(() => {
    const target = container.current;
    if (!target) return;
    const names = seriesKey.split('\u0000');
    const options: uPlot.Options = {
      width: Math.max(target.clientWidth, 200),
      height,
      legend: { live: false },
      // Room on the right for half of the newest time label, which uPlot centres on its tick.
      padding: [8, 28, 0, 0],
      cursor: { show: false },
      scales: { x: { time: true, range: (_chart, _min, max) => [max - windowSeconds, max] } },
      axes: [
        {
          stroke: axisColor,
          grid: { stroke: gridColor },
          ticks: { show: false },
          space: 90,
          values: (_chart, ticks) => ticks.map((tick) => clock.format(tick * 1000)),
        },
        {
          stroke: axisColor,
          grid: { stroke: gridColor },
          ticks: { show: false },
          size: 48,
          values: (_chart, ticks) => ticks.map((tick) => `${Math.round(tick)}${unit}`),
        },
      ],
      series: [{}, ...names.map((name, index) => ({ label: name, stroke: palette[index % palette.length] ?? '#888', width: 1.5, points: { show: false } }))],
    };
    const instance = new uPlot(options, latestData.current, target);
    chart.current = instance;
    // Follow the container's width (360 px phones to wide screens) without re-creating the chart.
    const observer = new ResizeObserver(([entry]) => {
      if (entry) instance.setSize({ width: Math.max(entry.contentRect.width, 200), height });
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      instance.destroy();
      chart.current = null;
    };
  }, [seriesKey, height, unit, windowSeconds]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  const times = data[0];
  const first = times[0];
  const last = times.at(-1);
  return (
    <figure
      className="chart"
      data-points={times.length}
      data-first-ts={first ?? ''}
      data-last-ts={last ?? ''}
      data-span-seconds={first !== undefined && last !== undefined ? Math.round(last - first) : 0}
    >
      <figcaption>{label}</figcaption>
      <div ref={container} className="chart-canvas" role="img" aria-label={`${label}: live chart of ${series.join(', ')}`} />
      <ChartTable label={label} series={series} data={data} unit={unit} />
    </figure>
  );
}

/** The chart's numbers as a table, for screen readers and anyone who wants the values; rendered only while open. */
function ChartTable({ label, series, data, unit }: { label: string; series: readonly string[]; data: uPlot.AlignedData; unit: string }) {
  const [open, setOpen] = useState(false);
  // uPlot's x column may be a typed array; rows are rendered from a plain one.
  const times = Array.from(data[0]);
  return (
    <details className="chart-data" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Data table</summary>
      {open && (
        <div className="table-scroll chart-table">
          <table>
            <caption className="visually-hidden">{label}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {series.map((name) => (
                  <th key={name} scope="col">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {times
                .map((time, row) => (
                  <tr key={time} data-ts={time}>
                    <th scope="row">{clock.format(time * 1000)}</th>
                    {series.map((name, column) => {
                      const value = data[column + 1]?.[row];
                      return <td key={name}>{value == null ? '—' : `${Math.round(value * 10) / 10}${unit}`}</td>;
                    })}
                  </tr>
                ))
                .reverse()}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
