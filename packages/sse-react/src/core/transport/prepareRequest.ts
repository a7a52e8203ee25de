import { lastEventIdHeader } from '../protocol/lastEventIdHeader';
import type { FetchEventSourceInit, HeadersInput, HeadersOption } from './fetchEventSourceInit';

async function resolveHeaders(option: HeadersOption | undefined): Promise<HeadersInput | undefined> {
  return typeof option === 'function' ? await option() : option;
}

/**
 * The request of one attempt. The headers and body options are evaluated again for every attempt
 * (a refreshed token, a POST body sent again); the resume id goes out as `Last-Event-ID`.
 */
export async function prepareRequest(
  init: FetchEventSourceInit,
  withCredentials: boolean,
  lastEventId: string,
  signal: AbortSignal,
): Promise<RequestInit> {
  const [userHeaders, body] = await Promise.all([
    resolveHeaders(init.headers),
    typeof init.body === 'function' ? init.body() : init.body,
  ]);
  const headers = new Headers(userHeaders as HeadersInit | undefined);
  if (!headers.has('accept')) headers.set('accept', 'text/event-stream');
  const resumeFrom = lastEventIdHeader(lastEventId);
  if (resumeFrom !== undefined) headers.set('last-event-id', resumeFrom);
  const request: RequestInit = {
    method: init.method ?? 'GET',
    // A plain object of the final headers (names lowercased), not the Headers instance: a custom
    // fetch that does `{ ...init.headers, authorization }` must keep Accept and Last-Event-ID.
    headers: Object.fromEntries(headers),
    // Not a Cache-Control header: that would turn a cross-origin request into a preflighted
    // one. Fetch itself adds `Cache-Control: no-cache` and `Pragma: no-cache` for no-store.
    cache: 'no-store',
    credentials: init.credentials ?? (withCredentials ? 'include' : 'same-origin'),
    redirect: 'follow',
    signal,
  };
  if (body !== undefined && body !== null) request.body = body;
  // Node's fetch refuses a stream body without it; a stream can be sent once only, though.
  if (body instanceof ReadableStream) (request as { duplex?: string }).duplex = 'half';
  return request;
}
