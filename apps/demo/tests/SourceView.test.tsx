import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import aiExample from '../src/pages/ai/AiExample.tsx?raw';

type Listener = (event: { data: unknown; message?: string }) => void;

// jsdom has no Worker: this one runs the real worker module's highlighter in-process and answers
// through the same message protocol, so the test covers the client, the protocol and shiki.
class InProcessWorker {
  static created = 0;
  private listeners = new Map<string, Listener[]>();
  constructor() {
    InProcessWorker.created++;
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  postMessage({ id, source }: { id: number; source: string }) {
    void import('../src/lib/highlight').then(async ({ highlightTsx }) => {
      const lines = await highlightTsx(source);
      for (const listener of this.listeners.get('message') ?? []) listener({ data: { id, lines } });
    });
  }
}

class BrokenWorker extends InProcessWorker {
  override postMessage() {
    queueMicrotask(() => {
      for (const listener of (this as unknown as { listeners: Map<string, Listener[]> }).listeners.get('error') ?? []) {
        listener({ data: null, message: 'chunk failed to load' });
      }
    });
  }
}

async function renderSource(WorkerClass: typeof InProcessWorker, source = aiExample) {
  vi.stubGlobal('Worker', WorkerClass);
  vi.resetModules(); // a fresh highlighter client (worker singleton and cache) per test
  const { SourceView } = await import('../src/components/SourceView');
  render(<SourceView source={source} fileName="AiExample.tsx" />);
  return screen.getByText((_, element) => element?.tagName === 'PRE');
}

beforeEach(() => {
  InProcessWorker.created = 0;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it('shows the plain file at once, then the same text highlighted, from the real ?raw source', async () => {
  const pre = await renderSource(InProcessWorker);
  expect(pre.getAttribute('data-highlight')).toBe('plain');
  expect(pre.textContent).toBe(aiExample);

  await waitFor(() => expect(pre.getAttribute('data-highlight')).toBe('done'), { timeout: 15_000 });
  // Exactly the file, character for character: highlighting adds colour, never changes text.
  expect(pre.textContent).toBe(aiExample);
  const keyword = [...pre.querySelectorAll('span')].find((span) => span.textContent === 'import');
  expect(keyword?.style.getPropertyValue('--shiki-light')).toMatch(/^#[0-9A-F]{6}$/i);
  expect(keyword?.style.getPropertyValue('--shiki-dark')).toMatch(/^#[0-9A-F]{6}$/i);
  // Keywords and strings get different colours.
  const string = [...pre.querySelectorAll('span')].find((span) => span.textContent === "'@kit/sse-react'");
  expect(string?.style.getPropertyValue('--shiki-light')).not.toBe(keyword?.style.getPropertyValue('--shiki-light'));
  expect(InProcessWorker.created).toBe(1);
}, 20_000);

it('keeps the plain text and says so when the highlighter fails', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const pre = await renderSource(BrokenWorker, 'const answer = 42;\n');
  await waitFor(() => expect(pre.getAttribute('data-highlight')).toBe('failed'));
  expect(pre.textContent).toBe('const answer = 42;\n');
  // Development builds say why in the console.
  expect(String(warn.mock.calls[0]?.[0])).toContain('[demo] The highlighter worker failed: chunk failed to load');
  warn.mockRestore();
});
