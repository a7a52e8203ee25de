import type { HighlightedToken } from './highlight';
import type { HighlightRequest, HighlightResponse } from './highlight.worker';

export type { HighlightedToken };
type Lines = HighlightedToken[][];

interface Pending {
  resolve: (lines: Lines) => void;
  reject: (error: Error) => void;
}

// registry: the page's one highlighter worker (undefined until first use, null where workers do
// not exist), its requests in flight by id, and one result per file text (pages show the same
// files again after navigation).
const highlighter: { worker: Worker | null | undefined; nextId: number; pending: Map<number, Pending>; results: Map<string, Promise<Lines>> } = {
  worker: undefined,
  nextId: 0,
  pending: new Map(),
  results: new Map(),
};

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  // Vite bundles the worker and everything it imports (shiki, the grammar, the themes) as its own
  // chunks, fetched only when this line runs.
  const started = new Worker(new URL('./highlight.worker.ts', import.meta.url), { type: 'module', name: 'source-highlighter' });
  started.addEventListener('message', (event: MessageEvent<HighlightResponse>) => {
    const request = highlighter.pending.get(event.data.id);
    if (!request) return;
    highlighter.pending.delete(event.data.id);
    if ('lines' in event.data) request.resolve(event.data.lines);
    else request.reject(new Error(`[demo] Highlighting failed in the worker: ${event.data.error}`));
  });
  started.addEventListener('error', (event) => {
    // The worker's chunk did not load or threw at start: fail every waiting request, and the
    // panels keep their plain text.
    for (const request of highlighter.pending.values()) request.reject(new Error(`[demo] The highlighter worker failed: ${event.message}`));
    highlighter.pending.clear();
  });
  return started;
}

function highlightInWorker(target: Worker, source: string): Promise<Lines> {
  return new Promise((resolve, reject) => {
    const id = ++highlighter.nextId;
    highlighter.pending.set(id, { resolve, reject });
    target.postMessage({ id, source } satisfies HighlightRequest);
  });
}

/**
 * Highlights a TSX/TS file in a worker, which loads shiki on its first request. Without worker
 * support the promise rejects and the panel keeps its plain text.
 */
export function highlightSource(source: string): Promise<Lines> {
  const { results } = highlighter;
  let result = results.get(source);
  if (result === undefined) {
    if (highlighter.worker === undefined) highlighter.worker = startWorker();
    result = highlighter.worker
      ? highlightInWorker(highlighter.worker, source)
      : Promise.reject(new Error('[demo] This browser has no Web Workers: source panels stay plain text.'));
    // A failure is not cached: the next mount of the panel tries again.
    result.catch(() => results.delete(source));
    results.set(source, result);
  }
  return result;
}
