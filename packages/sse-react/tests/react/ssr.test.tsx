import { act, cleanup } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionStatus, SSEProvider, useEventSource, useSSEBuffer, useSSEEvent } from '@kit/sse-react';
import { startSSEServer, type SSETestServer } from './support/startSSEServer';

let server: SSETestServer;
beforeEach(async () => {
  server = await startSSEServer();
});
afterEach(async () => {
  cleanup();
  await server.close();
});

function Dashboard() {
  const price = useSSEEvent('price', { initialValue: 100 });
  const log = useSSEBuffer<string>('log', { max: 10 });
  const standalone = useEventSource(server.url, { transport: 'fetch', closeDelay: 0 });
  return (
    <main>
      <p id="price">{price}</p>
      <p id="log">{log.length}</p>
      <p id="standalone">{standalone.status}</p>
      <ConnectionStatus />
    </main>
  );
}

function App() {
  return (
    <SSEProvider url={server.url} options={{ transport: 'fetch', closeDelay: 0 }}>
      <Dashboard />
    </SSEProvider>
  );
}

describe('server rendering', () => {
  it('renders initial values and opens no connection', async () => {
    const html = renderToString(<App />);
    expect(html).toContain('<p id="price">100</p>');
    expect(html).toContain('<p id="log">0</p>');
    expect(html).toContain('<p id="standalone">idle</p>');
    expect(html).toContain('data-status="idle"');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toBe(0);
    console.info(`[ssr] renderToString: ${server.requests} request(s)`);
  });

  it('hydrates without a mismatch and connects only then', async () => {
    const errors = vi.spyOn(console, 'error');
    const container = document.createElement('div');
    container.innerHTML = renderToString(<App />);
    document.body.append(container);
    const root = await act(async () => hydrateRoot(container, <App />));
    await vi.waitFor(() => expect(container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('open'), 4000);
    // Two: the provider owns its connection, the standalone useEventSource(url) uses the shared one.
    await vi.waitFor(() => expect(server.requests).toBe(2), 4000);
    expect(errors).not.toHaveBeenCalled();
    act(() => root.unmount());
    container.remove();
  });
});
