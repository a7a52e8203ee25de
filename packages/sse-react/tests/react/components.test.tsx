import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionStatus, createSSEHooks, SSEError, SSEEvent, SSEProvider } from '@kit/sse-react';
import { createMockConnection } from '@kit/sse-react/testing';
import { createRenderCounter } from './support/renderCounter';

afterEach(cleanup);

describe('<ConnectionStatus>', () => {
  it('is a polite live region with the status as text, data-status and class names', () => {
    const mock = createMockConnection();
    render(
      <SSEProvider connection={mock}>
        <ConnectionStatus className="badge" />
      </SSEProvider>,
    );
    const badge = screen.getByRole('status');
    expect(badge.getAttribute('aria-live')).toBe('polite');
    expect(badge.dataset.status).toBe('idle');
    expect(badge.className).toBe('sse-status sse-status--idle badge');
    expect(badge.textContent).toBe('Not connected');
    act(() => mock.setStatus('open'));
    expect(badge.textContent).toBe('Live');
    expect(badge.dataset.status).toBe('open');
  });

  it('counts down to the next attempt while reconnecting', () => {
    vi.useFakeTimers({ now: 10_000 });
    try {
      const mock = createMockConnection();
      render(
        <SSEProvider connection={mock}>
          <ConnectionStatus labels={{ reconnecting: 'Retrying' }} />
        </SSEProvider>,
      );
      act(() => mock.fail(new SSEError('network', 'gone'), { nextRetryAt: 13_000 }));
      expect(screen.getByRole('status').textContent).toBe('Retrying in 3 s');
      act(() => vi.advanceTimersByTime(1000));
      expect(screen.getByRole('status').textContent).toBe('Retrying in 2 s');
      act(() => mock.setStatus('open', { nextRetryAt: null, error: null }));
      expect(screen.getByRole('status').textContent).toBe('Live');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes a render prop', () => {
    const mock = createMockConnection({ snapshot: { status: 'paused' } });
    render(
      <SSEProvider connection={mock}>
        <ConnectionStatus>{({ snapshot, label }) => `${label} (${snapshot.retryCount})`}</ConnectionStatus>
      </SSEProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Paused (0)');
  });
});

describe('<SSEEvent>', () => {
  it('renders the latest value through its child function, re-rendering only itself', () => {
    const mock = createMockConnection();
    const renders = createRenderCounter();
    function Page() {
      renders.count('page');
      return (
        <SSEEvent name="temp" select={(t: { c: number }) => t.c} fallback="…">
          {(c) => <output>{c} °C</output>}
        </SSEEvent>
      );
    }
    render(
      <SSEProvider connection={mock}>
        <Page />
      </SSEProvider>,
    );
    expect(screen.getByText('…')).toBeTruthy();
    act(() => void mock.emit('temp', { c: 21 }));
    expect(screen.getByRole('status').textContent).toBe('21 °C');
    expect(renders.get('page')).toBe(1);
  });
});

describe('createSSEHooks', () => {
  it('returns the same runtime hooks, typed by the event map', () => {
    interface Events {
      metrics: { cpu: number };
    }
    const { SSEProvider: Provider, useSSEEvent } = createSSEHooks<Events>();
    const mock = createMockConnection();
    function Cpu() {
      const cpu = useSSEEvent('metrics', { select: (m) => m.cpu, initialValue: 0 });
      return <output>{cpu.toFixed(1)}</output>;
    }
    render(
      <Provider connection={mock}>
        <Cpu />
      </Provider>,
    );
    act(() => void mock.emit('metrics', { cpu: 0.5 }));
    expect(screen.getByRole('status').textContent).toBe('0.5');
  });
});
