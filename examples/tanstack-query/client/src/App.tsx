import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ConnectionStatus, SSEProvider, useSSEStatus } from '@kit/sse-react';
import { OrderDetail } from './OrderDetail';
import { OrderList } from './OrderList';
import { OrdersSync } from './OrdersSync';
import { StreamHealth } from './StreamHealth';

const STREAM_URL = '/api/stream';

// The stream keeps the cache fresh, so queries never go stale by time or window focus: they are
// refetched only when a reset says the cache may have missed something.
const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false } } });

function Resyncs() {
  const { resets, lastReset } = useSSEStatus();
  if (resets === 0) return null;
  return (
    <p data-testid="resyncs" data-count={resets}>
      Refetched after {resets} reset{resets === 1 ? '' : 's'} (last: {lastReset?.reason}).
    </p>
  );
}

export function App() {
  const [selected, setSelected] = useState<string>('o-1');
  return (
    <QueryClientProvider client={queryClient}>
      <SSEProvider url={STREAM_URL}>
        <OrdersSync />
        <h1>
          Orders <ConnectionStatus />
        </h1>
        <StreamHealth url={STREAM_URL} />
        <Resyncs />
        <OrderList selected={selected} onSelect={setSelected} />
        <OrderDetail id={selected} />
      </SSEProvider>
    </QueryClientProvider>
  );
}
