import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Last-Event-ID, Cache-Control, Accept';

/**
 * CORS from an allow-list. The allowed origin is echoed (never `*`), because the demo may send
 * credentials and browsers refuse `*` with credentials. Returns true when it answered a preflight.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  // Caches must key on Origin, since the answer differs per origin.
  res.setHeader('Vary', 'Origin');
  const ok = origin !== undefined && allowed.has(origin);
  if (ok) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate');
  }
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return false;
  if (!ok) {
    sendJson(res, 403, { error: `Origin ${JSON.stringify(origin ?? null)} is not allowed. Set CORS_ORIGINS to allow it.` });
    return true;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}
