// Tokenizing a 100-line file takes tens of milliseconds even after shiki has warmed up, and the
// first call compiles the grammar (over a second on a slow machine). Here, off the main thread,
// neither can delay a chart frame or a streamed token.
import { highlightTsx } from './highlight';

export interface HighlightRequest {
  id: number;
  source: string;
}

export type HighlightResponse =
  | { id: number; lines: Awaited<ReturnType<typeof highlightTsx>> }
  | { id: number; error: string };

self.addEventListener('message', (event: MessageEvent<HighlightRequest>) => {
  const { id, source } = event.data;
  highlightTsx(source).then(
    (lines) => self.postMessage({ id, lines } satisfies HighlightResponse),
    (error: unknown) => self.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies HighlightResponse),
  );
});
