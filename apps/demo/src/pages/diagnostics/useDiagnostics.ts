import type { Connection } from '@kit/sse-react';
import { useEffect, useState } from 'react';
import { createDiagnosticsRecorder, type DiagnosticsSummary } from './createDiagnosticsRecorder';
import type { WireTap } from './createWireTap';

/**
 * The connection's diagnostics, re-derived twice a second: like the devtools panel, a polled view,
 * so a burst of events costs no extra renders.
 */
export function useDiagnostics(connection: Connection, tap: WireTap, refreshMs = 500): DiagnosticsSummary | null {
  const [summary, setSummary] = useState<DiagnosticsSummary | null>(null);
  useEffect(() => {
    const recorder = createDiagnosticsRecorder(connection, tap);
    const refresh = () => setSummary(recorder.summary());
    refresh();
    const timer = setInterval(refresh, refreshMs);
    return () => {
      clearInterval(timer);
      recorder.stop();
    };
  }, [connection, tap, refreshMs]);
  return summary;
}
