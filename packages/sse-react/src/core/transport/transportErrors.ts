import { SSEError } from '../SSEError';

// What FetchEventSource reports, worded in one place. Development builds say what happened and
// what to do; production builds keep what happened (with its URL and figures), and SSEError adds
// where to read more, so the advice text does not ship to every user.

export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

// Surfaces a callback's exception as uncaught (window.onerror, Node's uncaughtException) without
// stopping the stream.
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

// Shared no-op for the `.catch` of a cancel whose failure changes nothing.
export const ignore = (): undefined => undefined;

export function connectionFailed(url: string, error: unknown): SSEError {
  return new SSEError('network', `The connection to ${url} failed (${describe(error)}).`, { cause: error });
}

export function requestNotPrepared(url: string, error: unknown): SSEError {
  return new SSEError(
    'network',
    process.env.NODE_ENV !== 'production'
      ? `Could not prepare the request to ${url}: the headers or body function threw (${describe(error)}). It is called again before the next attempt.`
      : `headers or body threw for ${url} (${describe(error)})`,
    { cause: error },
  );
}

export function fetchFailed(url: string, error: unknown): SSEError {
  return new SSEError(
    'network',
    process.env.NODE_ENV !== 'production'
      ? `Could not connect to ${url} (${describe(error)}). Check that the server is running and reachable, and for CORS or redirect-loop errors in the browser console.`
      : `Could not connect to ${url} (${describe(error)})`,
    { cause: error },
  );
}

export function notOK(url: string, response: Response, retryAfterMs: number | undefined): SSEError {
  return new SSEError(
    'http',
    `${url} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${process.env.NODE_ENV !== 'production' ? ' instead of 200. An event stream must answer 200 (a 204 means the server asks not to reconnect).' : ''}`,
    retryAfterMs === undefined ? { status: response.status } : { status: response.status, retryAfterMs },
  );
}

export function notAnEventStream(url: string, contentType: string | null): SSEError {
  return new SSEError(
    'content-type',
    `${url} answered with Content-Type ${contentType === null ? '(none)' : `"${contentType}"`}${process.env.NODE_ENV !== 'production' ? ' instead of "text/event-stream". Is the URL right (an HTML page usually means a fallback route or a login page)?' : ''}`,
    { status: 200 },
  );
}

export function streamEnded(url: string): SSEError {
  return new SSEError('network', `The server closed the stream at ${url}.`);
}

export function streamBroke(url: string, error: unknown): SSEError {
  return new SSEError('network', `The stream from ${url} broke off (${describe(error)}).`, { cause: error });
}

export function eventTooLarge(url: string, maxEventSize: number): SSEError {
  return new SSEError(
    'too-large',
    `An event from ${url} grew past maxEventSize (${maxEventSize} bytes)${process.env.NODE_ENV !== 'production' ? '; the connection was dropped to bound memory. Raise maxEventSize or send smaller events.' : ''}`,
  );
}
