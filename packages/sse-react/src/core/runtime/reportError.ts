/**
 * Surfaces an error thrown by user code (a listener) without letting it stop other listeners or the
 * stream: `reportError` in browsers fires window.onerror like an uncaught exception would, but
 * returns. Elsewhere (Node has no reportError) it is logged.
 */
export function reportError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === 'function') {
    try {
      report(error);
      return;
    } catch {
      // fall through to the console
    }
  }
  console.error('[@kit/sse-react] A listener threw', error);
}
