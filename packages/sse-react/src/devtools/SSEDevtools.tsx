import { useId, useState } from 'react';
import { styles } from './devtoolsStyles';
import { useDevtoolsData, type InspectedRow } from './useDevtoolsData';

export interface SSEDevtoolsProps {
  /** Open on mount. Default false. */
  initialIsOpen?: boolean;
  /** Corner of the toggle button and panel. Default `bottom-right`. */
  position?: 'bottom-right' | 'bottom-left';
  /** Events kept in the log. Default 500. */
  maxEvents?: number;
}

function subscriberList(subscribers: Readonly<Record<string, number>>): string {
  const entries = Object.entries(subscribers);
  return entries.length === 0 ? '—' : entries.map(([name, count]) => `${name}×${count}`).join(', ');
}

function ConnectionRow({ row }: { row: InspectedRow }) {
  const { inspection, connection } = row;
  const { snapshot } = inspection;
  const tabs = snapshot.tabs;
  return (
    <tr data-status={snapshot.status} data-role={inspection.role}>
      <td style={styles.url}>{inspection.url}</td>
      <td style={styles.cell}>{inspection.transport ?? '—'}</td>
      <td style={styles.cell}>
        {snapshot.status}
        {snapshot.error !== null ? <div style={styles.muted}>{snapshot.error.kind}</div> : null}
      </td>
      <td style={styles.cell}>{snapshot.lastEventId === '' ? '—' : snapshot.lastEventId}</td>
      <td style={styles.cell}>{snapshot.retryCount}</td>
      <td style={styles.cell} data-resets={snapshot.resets}>
        {snapshot.resets}
        {snapshot.lastReset !== null ? <div style={styles.muted}>{snapshot.lastReset.reason}</div> : null}
      </td>
      <td style={styles.cell} data-dropped-duplicates={snapshot.droppedDuplicates}>
        {snapshot.droppedDuplicates}
      </td>
      <td style={styles.cell}>{snapshot.heartbeatMs === null ? '—' : `${snapshot.heartbeatMs / 1000} s`}</td>
      <td style={styles.cell}>
        {subscriberList(inspection.subscribers)}
        <div style={styles.muted}>status×{inspection.statusSubscribers}</div>
      </td>
      <td style={styles.cell}>{row.eventsPerSecond}</td>
      <td style={styles.cell}>{tabs === undefined ? inspection.role : `${tabs.role} (${tabs.count} tabs)`}</td>
      <td style={styles.cell}>
        <button type="button" style={{ ...styles.button, whiteSpace: 'nowrap' }} onClick={() => connection.reconnect()} aria-label={`Reconnect ${inspection.url}`}>
          Reconnect
        </button>
        <button type="button" style={styles.button} onClick={() => connection.close()} aria-label={`Close ${inspection.url}`}>
          Close
        </button>
      </td>
    </tr>
  );
}

/**
 * A floating panel that lists every active connection and logs their events. It reads the core's
 * inspection registry (subscribeToConnections, inspectConnection, subscribeToEvents, exported
 * beside it from this entry), so it sees connections however they were made. Import it from
 * `@kit/sse-react/devtools`; an app that never imports it ships none of it.
 */
export function SSEDevtools({ initialIsOpen = false, position = 'bottom-right', maxEvents = 500 }: SSEDevtoolsProps) {
  const [open, setOpen] = useState(initialIsOpen);
  const [paused, setPaused] = useState(false);
  const [filter, setFilter] = useState('');
  const { rows, log, clear } = useDevtoolsData(open, paused, maxEvents);
  const panelId = useId();
  const filterId = useId();
  const side = position === 'bottom-left' ? { left: 12 } : { right: 12 };
  const needle = filter.trim().toLowerCase();
  const shown = log
    .filter(
      (entry) =>
        needle === '' ||
        entry.message.type.toLowerCase().includes(needle) ||
        entry.message.data.toLowerCase().includes(needle) ||
        entry.url.toLowerCase().includes(needle),
    )
    .reverse();

  return (
    <>
      <button
        type="button"
        style={{ ...styles.toggle, ...side }}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? 'Close SSE devtools' : 'SSE devtools'}
      </button>
      {open ? (
        <section id={panelId} aria-label="SSE devtools" style={{ ...styles.panel, ...side }} data-testid="sse-devtools">
          <h2 style={styles.heading}>Connections ({rows.length})</h2>
          {rows.length === 0 ? (
            <p style={styles.muted}>No active connection.</p>
          ) : (
            <table style={styles.table}>
              <thead>
                <tr>
                  {['URL', 'Transport', 'Status', 'Last id', 'Retries', 'Resets', 'Duplicates dropped', 'Heartbeat', 'Subscribers', 'Events/s', 'Tab', 'Actions'].map((name) => (
                    <th key={name} scope="col" style={styles.head}>
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <ConnectionRow key={`${row.inspection.url} ${index}`} row={row} />
                ))}
              </tbody>
            </table>
          )}
          <h2 style={styles.heading}>Events</h2>
          <div style={{ marginBottom: 6 }}>
            <label htmlFor={filterId}>Filter </label>
            <input
              id={filterId}
              type="search"
              style={styles.input}
              value={filter}
              placeholder="name, data or url"
              onChange={(event) => setFilter(event.target.value)}
            />{' '}
            <button type="button" style={styles.button} aria-pressed={paused} onClick={() => setPaused((value) => !value)}>
              {paused ? 'Resume' : 'Pause'}
            </button>
            <button type="button" style={styles.button} onClick={clear}>
              Clear
            </button>
          </div>
          <ol style={styles.log} aria-label="Event log" aria-live="off">
            {shown.map((entry) => (
              <li key={entry.key} style={styles.logItem}>
                <span style={styles.muted}>{new Date(entry.at).toISOString().slice(11, 23)}</span> <strong>{entry.message.type}</strong>
                {entry.message.lastEventId === '' ? '' : ` #${entry.message.lastEventId}`} <span style={styles.muted}>{entry.url}</span>
                {'\n'}
                {entry.message.data.length > 300 ? `${entry.message.data.slice(0, 300)}…` : entry.message.data}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
