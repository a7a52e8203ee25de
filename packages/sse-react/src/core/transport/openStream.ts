import { isEventStreamContentType } from '../protocol/isEventStreamContentType';
import { parseRetryAfter } from '../protocol/parseRetryAfter';
import type { SSEError } from '../SSEError';
import type { FetchEventSourceInit } from './fetchEventSourceInit';
import { prepareRequest } from './prepareRequest';
import { fetchFailed, ignore, isAbort, notAnEventStream, notOK, requestNotPrepared } from './transportErrors';

/** How an attempt's request ended: a stream to read, an error to reconnect or to fail on, or aborted. */
export type OpenOutcome =
  | { readonly kind: 'open'; readonly response: Response }
  | { readonly kind: 'reestablish'; readonly error: SSEError }
  | { readonly kind: 'fail'; readonly error: SSEError }
  | { readonly kind: 'aborted' };

const ABORTED: OpenOutcome = { kind: 'aborted' };

/** One attempt's request and the checks of its response, up to where the body can be read. */
export async function openStream(
  url: string,
  init: FetchEventSourceInit,
  withCredentials: boolean,
  lastEventId: string,
  signal: AbortSignal,
): Promise<OpenOutcome> {
  let request: RequestInit;
  try {
    request = await prepareRequest(init, withCredentials, lastEventId, signal);
  } catch (error) {
    return signal.aborted ? ABORTED : { kind: 'reestablish', error: requestNotPrepared(url, error) };
  }
  if (signal.aborted) return ABORTED;
  let response: Response;
  try {
    response = await (init.fetch ?? globalThis.fetch)(url, request);
  } catch (error) {
    return signal.aborted || isAbort(error) ? ABORTED : { kind: 'reestablish', error: fetchFailed(url, error) };
  }
  if (signal.aborted) {
    void response.body?.cancel().catch(ignore);
    return ABORTED;
  }
  // [spec] "if res's status is not 200, or if res's `Content-Type` is not `text/event-stream`,
  // then fail the connection."
  let error: SSEError | null = null;
  if (response.status !== 200) error = notOK(url, response, parseRetryAfter(response.headers.get('retry-after')));
  else if (!isEventStreamContentType(response.headers.get('content-type'))) error = notAnEventStream(url, response.headers.get('content-type'));
  if (error === null) return { kind: 'open', response };
  void response.body?.cancel().catch(ignore);
  return { kind: 'fail', error };
}
