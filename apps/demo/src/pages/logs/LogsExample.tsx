import { ConnectionStatus, SSEProvider, useSSEBuffer } from '@kit/sse-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { clientId } from '../../lib/clientId';
import type { LogEvent, LogLevel } from '../../lib/events';

const ROW_HEIGHT = 24;
const levels: readonly (LogLevel | 'all')[] = ['all', 'debug', 'info', 'warn', 'error'];

function LogViewer() {
  // Keeps the last 10 000 lines; a burst of hundreds in one frame costs one render, and none is lost.
  const lines = useSSEBuffer<LogEvent>('log', { max: 10_000 });
  const [paused, setPaused] = useState<readonly LogEvent[] | null>(null);
  const [query, setQuery] = useState('');
  const [level, setLevel] = useState<LogLevel | 'all'>('all');
  const deferredQuery = useDeferredValue(query.trim().toLowerCase());

  // Paused: show the lines as they were; the buffer keeps filling underneath.
  const shown = paused ?? lines;
  const filtered = useMemo(
    () =>
      shown.filter(
        (line) =>
          (level === 'all' || line.level === level) &&
          (deferredQuery === '' || `${line.service} ${line.message}`.toLowerCase().includes(deferredQuery)),
      ),
    [shown, level, deferredQuery],
  );

  const scroller = useRef<HTMLDivElement>(null);
  // Only the rows in view are in the DOM, so 10 000 lines scroll like 30.
  const virtualizer = useVirtualizer({
    count: filtered.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  useEffect(() => {
    // Follow the tail while live.
    if (!paused && filtered.length > 0) virtualizer.scrollToIndex(filtered.length - 1, { align: 'end' });
  }, [filtered.length, paused, virtualizer]);

  return (
    <div className="logs">
      <div className="toolbar">
        <button type="button" aria-pressed={paused !== null} onClick={() => setPaused(paused ? null : lines)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <label>
          Level{' '}
          <select value={level} onChange={(event) => setLevel(event.target.value as LogLevel | 'all')}>
            {levels.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Filter <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="service or text" />
        </label>
        <span className="muted small" aria-live="polite" data-testid="log-count" data-count={lines.length}>
          {filtered.length.toLocaleString('en-US')} shown of {lines.length.toLocaleString('en-US')}
          {paused ? ' (paused)' : ''}
        </span>
      </div>
      <div ref={scroller} className="log-scroller" tabIndex={0} role="log" aria-label="Log lines">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const line = filtered[row.index];
            if (!line) return null;
            return (
              <div key={row.key} className={`log-line level-${line.level}`} style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}>
                <time>{new Date(line.ts).toLocaleTimeString()}</time> <span className="log-level">{line.level}</span>{' '}
                <span className="log-service">{line.service}</span> {line.message}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

export function LogsExample() {
  return (
    <SSEProvider url={`/api/stream?topics=log&clientId=${clientId('logs')}`}>
      <p>
        Connection: <ConnectionStatus className="status-badge" />
      </p>
      <LogViewer />
    </SSEProvider>
  );
}
