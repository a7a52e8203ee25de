import { act, cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SSEProvider, useEventSource, useSSEEvent, useSSEStatus, type ConnectionOptions } from '@kit/sse-react';
import { startSSEServer, type SSETestServer } from './support/startSSEServer';
import { createRenderCounter } from './support/renderCounter';

// Real node:http server, real fetch streaming, the real core connection. Waits poll for up to
// 4 s: nothing sleeps, but a loaded CI machine may take more than the default 1 s to stream.
configure({ asyncUtilTimeout: 4000 });
let server: SSETestServer;
beforeEach(async () => {
  server = await startSSEServer();
});
afterEach(async () => {
  cleanup();
  await server.close();
});

const options: ConnectionOptions = { transport: 'fetch', closeDelay: 0 };

function Tick({ index, onRender }: { index: number; onRender?: () => void }) {
  onRender?.();
  const tick = useSSEEvent<{ n: number }>('tick');
  return <li data-testid={`tick-${index}`}>{tick ? tick.n : '-'}</li>;
}

function Status() {
  return <output>{useSSEStatus().status}</output>;
}

describe('against a real server', () => {
  it('100 components under one provider open exactly one connection', async () => {
    const renders = createRenderCounter();
    const countRender = () => renders.count('tick');
    render(
      <SSEProvider url={server.url} options={{ transport: 'fetch', closeDelay: 0 }}>
        <Status />
        <ul>
          {Array.from({ length: 100 }, (_, index) => (
            <Tick key={index} index={index} onRender={countRender} />
          ))}
        </ul>
      </SSEProvider>,
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('open'));
    const beforeEvent = renders.get('tick');
    act(() => server.send('tick', { n: 1 }));
    await waitFor(() => expect(screen.getByTestId('tick-99').textContent).toBe('1'));
    expect(screen.getAllByText('1')).toHaveLength(100);
    expect(server.requests).toBe(1);
    expect(server.open).toBe(1);
    console.info(`[real server] 100 components, one provider: ${server.requests} request(s), ${server.open} open stream(s); Tick renders before the event ${beforeEvent}, for one event ${renders.get('tick') - beforeEvent}`);
  });

  it('opens one connection under StrictMode', async () => {
    render(
      <StrictMode>
        <SSEProvider url={server.url} options={{ transport: 'fetch' }}>
          <Status />
          <Tick index={0} />
        </SSEProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('open'));
    act(() => server.send('tick', { n: 7 }));
    await waitFor(() => expect(screen.getByTestId('tick-0').textContent).toBe('7'));
    expect(server.requests).toBe(1);
    console.info(`[real server] StrictMode: ${server.requests} request(s)`);
  });

  it('hooks with the same url and equal inline options share one connection without a provider', async () => {
    function Standalone({ index }: { index: number }) {
      const { data, status } = useEventSource<number>(server.url, { transport: 'fetch', closeDelay: 0, events: ['tick'] });
      return <li data-testid={`s-${index}`}>{status === 'open' ? String(data) : status}</li>;
    }
    render(
      <ul>
        {Array.from({ length: 20 }, (_, index) => (
          <Standalone key={index} index={index} />
        ))}
      </ul>,
    );
    await waitFor(() => expect(screen.getByTestId('s-19').textContent).toBe('undefined'));
    act(() => server.send('tick', 5));
    await waitFor(() => expect(screen.getByTestId('s-19').textContent).toBe('5'));
    expect(server.requests).toBe(1);
  });

  it('does not recreate the connection when the provider re-renders with inline options', async () => {
    function App({ label }: { label: string }) {
      return (
        <SSEProvider url={server.url} options={{ transport: 'fetch', headers: () => ({ 'x-label': label }), environment: { fetch: globalThis.fetch } }}>
          <Status />
        </SSEProvider>
      );
    }
    const { rerender } = render(<App label="a" />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('open'));
    for (let i = 0; i < 10; i++) rerender(<App label={`b${i}`} />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toBe(1);
  });

  it('resumes after a 401 once the headers function returns a refreshed token', async () => {
    await server.close();
    server = await startSSEServer({ requireAuthorization: 'Bearer fresh' });
    let calls = 0;
    // The first call returns the expired token; the connection calls it again before retrying.
    const headers = () => ({ authorization: calls++ === 0 ? 'Bearer expired' : 'Bearer fresh' });
    render(
      <SSEProvider url={server.url} options={{ ...options, headers, backoff: () => 10 }}>
        <Status />
        <Tick index={0} />
      </SSEProvider>,
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('open'));
    act(() => server.send('tick', { n: 42 }));
    await waitFor(() => expect(screen.getByTestId('tick-0').textContent).toBe('42'));
    expect(server.authorizations).toEqual(['Bearer expired', 'Bearer fresh']);
    console.info(`[real server] 401 then refresh: authorizations seen ${JSON.stringify(server.authorizations)}`);
  });
});
