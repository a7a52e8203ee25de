import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConnection, defaultEnvironment, resolveEnvironment } from '@kit/sse-react/core';
import { FetchTransport } from '../../src/core/transport/FetchTransport';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('defaultEnvironment', () => {
  it('works in plain Node: fetch and the fetch transport, no EventSource, no visibility or online source', () => {
    vi.stubGlobal('EventSource', undefined);
    vi.stubGlobal('document', undefined);
    vi.stubGlobal('navigator', undefined);
    const env = defaultEnvironment();
    expect(typeof env.fetch).toBe('function');
    expect(env.FetchEventSource).toBe(FetchTransport);
    expect(env.EventSource).toBeUndefined();
    expect(env.visibility).toBeUndefined();
    expect(env.online).toBeUndefined();
    expect(typeof env.now()).toBe('number');
    const r = env.random();
    expect(r >= 0 && r < 1).toBe(true);
  });

  it('reads globals at call time, so fake timers installed later still drive it', () => {
    const env = defaultEnvironment();
    vi.useFakeTimers({ now: 1_000_000 });
    const fired = vi.fn();
    const handle = env.setTimeout(fired, 100);
    expect(vi.getTimerCount()).toBe(1);
    expect(env.now()).toBe(1_000_000);
    env.clearTimeout(handle);
    expect(vi.getTimerCount()).toBe(0);
    env.setTimeout(fired, 100);
    vi.advanceTimersByTime(100);
    expect(fired).toHaveBeenCalledOnce();
  });

  it('turns document visibility into a signal and releases its listener', () => {
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('document', doc);
    const visibility = defaultEnvironment().visibility;
    expect(visibility?.get()).toBe(true);
    const onChange = vi.fn();
    const off = visibility?.subscribe(onChange);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(onChange).toHaveBeenCalledOnce();
    expect(visibility?.get()).toBe(false);
    off?.();
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(onChange).toHaveBeenCalledOnce();
  });

  it('turns navigator.onLine and online/offline events into a signal', () => {
    const nav = { onLine: true };
    vi.stubGlobal('navigator', nav);
    // Node's globalThis is no EventTarget; a browser's window is.
    const windowTarget = new EventTarget();
    vi.stubGlobal('addEventListener', windowTarget.addEventListener.bind(windowTarget));
    vi.stubGlobal('removeEventListener', windowTarget.removeEventListener.bind(windowTarget));
    const online = defaultEnvironment().online;
    expect(online?.get()).toBe(true);
    const onChange = vi.fn();
    const off = online?.subscribe(onChange);
    nav.onLine = false;
    windowTarget.dispatchEvent(new Event('offline'));
    expect(onChange).toHaveBeenCalledOnce();
    expect(online?.get()).toBe(false);
    off?.();
    windowTarget.dispatchEvent(new Event('online'));
    expect(onChange).toHaveBeenCalledOnce();
  });

  it('resolveEnvironment merges overrides key by key; an explicit undefined turns a source off', () => {
    vi.stubGlobal('navigator', { onLine: true });
    vi.stubGlobal('addEventListener', () => {});
    vi.stubGlobal('removeEventListener', () => {});
    expect(defaultEnvironment().online).toBeDefined();
    const now = () => 5;
    const env = resolveEnvironment({ now, online: undefined });
    expect(env.now).toBe(now);
    expect(env.online).toBeUndefined();
    expect(typeof env.setTimeout).toBe('function');
  });
});

describe('createConnection in SSR', () => {
  it('creating a connection and reading snapshots touches neither fetch nor timers', () => {
    vi.useFakeTimers();
    const fetchSpy = vi.fn<typeof fetch>();
    const connection = createConnection('http://test.local/events', { environment: { fetch: fetchSpy } });
    expect(connection.getServerSnapshot().status).toBe('idle');
    expect(connection.getSnapshot().status).toBe('idle');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
