'use client';
import { useSSEEvent } from '@kit/sse-react';
import type { Metrics } from '../../lib/events';

/** Server-rendered with `initial`; live once the browser's connection delivers `metrics`. */
export function CpuTile({ initial }: { initial: Metrics }) {
  const metrics = useSSEEvent<Metrics>('metrics', { initialValue: initial });
  return (
    <section aria-label="Metrics" data-testid="metrics" data-seq={metrics.seq}>
      <p>
        CPU <output data-testid="cpu">{Math.round(metrics.cpu * 100)} %</output> · memory{' '}
        <output data-testid="memory">{Math.round(metrics.memory * 100)} %</output>
      </p>
      <p>
        event #<output data-testid="seq">{metrics.seq}</output>
      </p>
    </section>
  );
}
