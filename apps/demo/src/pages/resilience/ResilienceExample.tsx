import { ConnectionStatus, SSEProvider } from '@kit/sse-react';
import { clientId } from '../../lib/clientId';
import { ChaosButtons } from './ChaosButtons';
import { LabLogContext, useLabLogState } from './labLog';
import { ReconnectTimeline } from './ReconnectTimeline';
import { TickSequence } from './TickSequence';

const url = `/api/stream?topics=tick&clientId=${clientId('resilience')}`;

// Ticks arrive every 250 ms, so 4 s of silence means a dead (stalled or half-open) stream: the
// watchdog drops it and reconnects, resuming with Last-Event-ID. Without this option the kit
// would wait a few periods of the heartbeat the server advertises (15 s here): too slow for a lab.
const options = { idleTimeout: 4000 };

export function ResilienceExample() {
  const [entries, log] = useLabLogState();
  return (
    <SSEProvider url={url} options={options}>
      <LabLogContext.Provider value={log}>
        <p>
          Connection: <ConnectionStatus className="status-badge" />
        </p>
        <div className="grid-2">
          <TickSequence />
          <ChaosButtons />
        </div>
        <ReconnectTimeline entries={entries} />
      </LabLogContext.Provider>
    </SSEProvider>
  );
}
