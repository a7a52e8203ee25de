import { createSSEHooks } from '@kit/sse-react';
import type { DashboardEvents } from '../../lib/events';

// One event map types every name and payload: the provider, the hooks and the components.
export const { SSEProvider, useSSEEvent, useSSEBuffer, useSSEStatus, ConnectionStatus } = createSSEHooks<DashboardEvents>();
