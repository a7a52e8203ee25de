import type { IncomingMessage } from 'node:http';

/** Methods that only read: everything else may change the server's state. */
const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

export type StateChangeRefusal = { status: 403 | 415; error: string; kind: 'forbiddenOrigin' | 'unsupportedMediaType' };

/** `application/json`, with or without parameters (`; charset=utf-8`), in any case. */
export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The gate in front of every state-changing request (POST and any other unsafe method), so a web
 * page on another origin cannot drop streams, start deploys or mint tokens through the visitor's
 * browser (CSRF). Two checks, both answered before the body is read:
 * - Origin: browsers send it on every cross-origin POST; one that is present and not allowed is
 *   refused (403). No Origin at all means a non-browser client (curl, another server): allowed.
 *   `Sec-Fetch-Site: cross-site` without an allowed Origin is refused too, for browsers that send
 *   the fetch metadata but, for some request kinds, no Origin.
 * - Content-Type must be `application/json` (415 otherwise). A cross-origin page cannot send that
 *   without a CORS preflight, which answers 403 to origins not allowed; the forms and `text/plain`
 *   beacons that skip the preflight are refused here.
 * Returns null when the request may go on.
 */
export function checkStateChange(req: IncomingMessage, allowedOrigins: ReadonlySet<string>): StateChangeRefusal | null {
  if (isSafeMethod(req.method ?? 'GET')) return null;
  const origin = req.headers.origin;
  const allowed = origin !== undefined && allowedOrigins.has(origin);
  if (origin !== undefined && !allowed) {
    return {
      status: 403,
      kind: 'forbiddenOrigin',
      error: `[@kit/dev-server] Origin ${JSON.stringify(origin)} may not change this server's state. Add it to CORS_ORIGINS (comma-separated) to allow it.`,
    };
  }
  if (req.headers['sec-fetch-site'] === 'cross-site' && !allowed) {
    return {
      status: 403,
      kind: 'forbiddenOrigin',
      error: '[@kit/dev-server] A cross-site request without an allowed Origin may not change this server\'s state. Add the page\'s origin to CORS_ORIGINS.',
    };
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    const got = req.headers['content-type'];
    return {
      status: 415,
      kind: 'unsupportedMediaType',
      error: `[@kit/dev-server] ${req.method} ${req.url?.split('?')[0]} takes Content-Type: application/json, got ${got === undefined ? 'none' : JSON.stringify(got)}. Send a JSON body ({} when there is nothing to say).`,
    };
  }
  return null;
}
