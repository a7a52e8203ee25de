import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useSSEEvent } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
// What a React Server Component gets for `import { SSEProvider } from '@kit/sse-react'` (the
// package's react-server condition); here it renders outside RSC, which is enough to call it.
import { ConnectionStatus, SSEEvent, SSEProvider } from '../../src/server/index';

function Price() {
  const price = useSSEEvent('price', { initialValue: 42 });
  return <p>price {price}</p>;
}

const moveIt = /Move the provider into a Client Component: a file that starts with 'use client'/;

describe('SSEProvider in a Server Component (the react-server entry)', () => {
  it('renders the client provider for plain props: a url and a headers object', () => {
    const html = renderToString(
      <SSEProvider url="/api/stream" options={{ transport: 'fetch', headers: { 'x-team': 'ops' }, idleTimeout: 30_000 }}>
        <Price />
      </SSEProvider>,
    );
    expect(html).toBe('<p>price <!-- -->42</p>');
  });

  it('refuses a function in options, naming it and saying what to do', () => {
    const render = () =>
      renderToString(<SSEProvider url="/api/stream" options={{ transport: 'fetch', headers: () => ({ authorization: 'Bearer t' }) }} />);
    expect(render).toThrow(/^\[@kit\/sse-react\] <SSEProvider> is rendered by a Server Component, and its options\.headers is a function\./);
    expect(render).toThrow(moveIt);
  });

  it('finds functions deeper in options (environment, backoff)', () => {
    expect(() => renderToString(<SSEProvider url="/s" options={{ environment: { fetch: globalThis.fetch } }} />)).toThrow(
      /its options\.environment\.fetch is a function/,
    );
    expect(() => renderToString(<SSEProvider url="/s" options={{ backoff: () => 1000 }} />)).toThrow(/its options\.backoff is a function/);
  });

  it('refuses class instances React cannot send, such as Headers', () => {
    const render = () => renderToString(<SSEProvider url="/s" options={{ transport: 'fetch', headers: new Headers({ 'x-a': '1' }) }} />);
    expect(render).toThrow(/its options\.headers is a Headers instance/);
  });

  it('refuses a connection object', () => {
    expect(() => renderToString(<SSEProvider connection={createMockConnection()} />)).toThrow(
      /its connection is a connection object, whose methods cannot be sent to the browser/,
    );
  });

  it('<SSEEvent> and <ConnectionStatus>: a render function or select cannot cross either', () => {
    expect(() => renderToString(<SSEEvent name="price">{(price) => <b>{String(price)}</b>}</SSEEvent>)).toThrow(
      /^\[@kit\/sse-react\] <SSEEvent> is rendered by a Server Component, and its children is a function\..*Move it into a Client Component/,
    );
    // Its children is always a function: <SSEEvent> can only be used from a Client Component.
    expect(() => renderToString(<SSEEvent name="price" select={(p: number) => p}>{() => null}</SSEEvent>)).toThrow(/<SSEEvent> .* its (select|children) is a function/);
    expect(() => renderToString(<ConnectionStatus>{({ label }) => <b>{label}</b>}</ConnectionStatus>)).toThrow(
      /<ConnectionStatus> is rendered by a Server Component, and its children is a function/,
    );
    // Plain props render as the client component does.
    const html = renderToString(
      <SSEProvider url="/s">
        <ConnectionStatus labels={{ idle: 'Offline' }} className="badge" />
      </SSEProvider>,
    );
    expect(html).toContain('Offline');
  });

  it('lets through what React can send: a FormData body, a Date, arrays of pairs', () => {
    const body = new FormData();
    body.set('q', '1');
    const html = renderToString(
      <SSEProvider url="/s" options={{ method: 'POST', body, headers: [['x-since', new Date(0).toISOString()]] }}>
        <Price />
      </SSEProvider>,
    );
    expect(html).toContain('42');
  });
});
