import { ERRORS_URL } from '../SSEError';

function baseURL(): string | undefined {
  const doc = (globalThis as { document?: { baseURI?: string } }).document;
  if (typeof doc?.baseURI === 'string') return doc.baseURI;
  const location = (globalThis as { location?: { href?: string } }).location;
  return typeof location?.href === 'string' ? location.href : undefined;
}

/** The absolute URL of an event stream, resolved as EventSource does (against the document's base URL). */
export function resolveURL(url: string | URL): string {
  try {
    return new URL(url, baseURL()).href;
  } catch (cause) {
    const error = new DOMException(
      process.env.NODE_ENV !== 'production'
        ? `[@kit/sse-react] Cannot open an event stream at "${String(url)}": it is not a valid URL. Pass an absolute URL when there is no document to resolve it against.`
        : `[@kit/sse-react] "${String(url)}" is not a valid URL (see ${ERRORS_URL})`,
      'SyntaxError',
    );
    (error as { cause?: unknown }).cause = cause;
    throw error;
  }
}

/** The origin a MessageEvent reports, `null` when the URL has none. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}
