import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SSEError, SSEProvider, useEventSource, useSSEStatus, type EventSourceState } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
import { createRenderCounter } from './support/renderCounter';
import { expectRenderToThrow } from './support/expectRenderToThrow';

afterEach(cleanup);

describe('useEventSource', () => {
  it("returns the provider's connection state without a url", () => {
    const mock = createMockConnection();
    let state: EventSourceState<{ n: number }> | undefined;
    function Probe() {
      state = useEventSource<{ n: number }>(undefined, { events: ['message', 'tick'] });
      return null;
    }
    render(
      <SSEProvider connection={mock}>
        <Probe />
      </SSEProvider>,
    );
    expect(state).toMatchObject({ status: 'idle', data: undefined, lastEvent: undefined, lastEventId: '', error: null, retryCount: 0 });
    act(() => mock.setStatus('open'));
    act(() => void mock.emit('message', { n: 1 }, { id: 'a' }));
    expect(state).toMatchObject({ status: 'open', data: { n: 1 }, lastEventId: 'a' });
    act(() => void mock.emit('tick', { n: 2 }));
    expect(state?.data).toEqual({ n: 2 });
    expect(state?.lastEvent?.type).toBe('tick');
    const failure = new SSEError('http', 'The server answered 503.', { status: 503 });
    act(() => mock.fail(failure, { nextRetryAt: 1000 }));
    expect(state).toMatchObject({ status: 'reconnecting', error: failure, retryCount: 1, nextRetryAt: 1000 });
    act(() => state?.reconnect());
    act(() => state?.close());
    expect(mock.calls).toEqual({ close: 1, reconnect: 1 });
    expect(state?.status).toBe('closed');
  });

  it('keeps the last good data and reports a parse failure as the error', () => {
    const mock = createMockConnection();
    let state: EventSourceState | undefined;
    function Probe() {
      state = useEventSource();
      return null;
    }
    render(
      <SSEProvider connection={mock}>
        <Probe />
      </SSEProvider>,
    );
    act(() => void mock.emit('message', [1]));
    act(() => void mock.emit('message', 'oops'));
    expect(state?.data).toEqual([1]);
    expect(state?.error?.kind).toBe('parse');
    expect(state?.error?.raw).toBe('oops');
  });

  it('useSSEStatus re-renders on status changes only, never on events (with or without ids)', () => {
    const mock = createMockConnection();
    const renders = createRenderCounter();
    function Status() {
      renders.count('status');
      return <output>{useSSEStatus().status}</output>;
    }
    function Listener() {
      useEventSource();
      return null;
    }
    render(
      <SSEProvider connection={mock}>
        <Status />
        <Listener />
      </SSEProvider>,
    );
    renders.reset();
    for (let i = 0; i < 100; i++) act(() => void mock.emit('message', i));
    // Each of these moves the connection's lastEventId, which the status snapshot leaves out.
    for (let i = 0; i < 100; i++) act(() => void mock.emit('message', i, { id: String(i) }));
    expect(renders.get('status')).toBe(0);
    act(() => mock.setStatus('open'));
    expect(renders.get('status')).toBe(1);
    expect(screen.getByRole('status').textContent).toBe('open');
  });

  it('throws without a url outside a provider', () => {
    function Orphan() {
      useEventSource();
      return null;
    }
    expectRenderToThrow(<Orphan />, '[@kit/sse-react] useEventSource() needs an <SSEProvider> above it, or pass a url.');
  });

  it('throws in development on an unknown transport', () => {
    function Bad() {
      // @ts-expect-error 'websocket' is not a transport
      useEventSource('http://127.0.0.1:1/x', { transport: 'websocket' });
      return null;
    }
    expectRenderToThrow(<Bad />, /unknown transport "websocket"/);
  });
});
