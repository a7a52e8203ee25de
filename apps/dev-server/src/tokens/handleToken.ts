import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RateLimiter } from '../http/createRateLimiter';
import type { createTokenStore } from './createTokenStore';
import { isRecord, readBodyOrRefuse, sendJson, sendRefusal } from '../http/http';
import type { ResolvedOptions } from '../options';
import type { Refusals } from '../http/refusals';

export interface TokenContext {
  options: ResolvedOptions;
  tokens: ReturnType<typeof createTokenStore>;
  mintLimiter: RateLimiter;
  refusals: Refusals;
}

const retryAfter = (ms: number) => ({ 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) });

/**
 * POST /api/token `{ ttl? }` (or `?ttl=`): a short-lived bearer token. Limited three ways, so the
 * endpoint cannot be used to grow the server's memory: a rate per client address (a token bucket),
 * a cap on live tokens, and the body size. Over a limit: 429 with Retry-After.
 */
export async function handleToken(req: IncomingMessage, res: ServerResponse, url: URL, ctx: TokenContext): Promise<void> {
  const { options, tokens, mintLimiter, refusals } = ctx;
  const rate = mintLimiter.take(req.socket.remoteAddress ?? 'unknown', Date.now());
  if (!rate.ok) {
    refusals.tokenRateLimited++;
    const error = `[@kit/dev-server] Too many tokens minted from this address (${options.tokenBurst} at once, ${options.tokenMintsPerMinute} a minute). Retry after the Retry-After seconds.`;
    return sendRefusal(req, res, 429, { error }, options, retryAfter(rate.retryAfterMs));
  }
  const body = await readBodyOrRefuse(req, res, options, refusals);
  if (!body) return;
  if (body.value !== undefined && !isRecord(body.value)) {
    return sendJson(res, 400, { error: 'Expected a JSON object: {} or { "ttl": seconds }.' });
  }
  const ttlParam = url.searchParams.get('ttl') ?? body.value?.ttl;
  const ttlMs = ttlParam === undefined || ttlParam === null ? options.tokenTtlMs : Number(ttlParam) * 1000;
  if (!(ttlMs >= 1000 && ttlMs <= 3_600_000)) {
    return sendJson(res, 400, { error: 'ttl must be a number of seconds from 1 to 3600.' });
  }
  const issued = tokens.issue(ttlMs);
  if (!issued.ok) {
    refusals.tokensFull++;
    const error = `[@kit/dev-server] ${options.maxLiveTokens} tokens are live, the most this server keeps. Retry when one expires (Retry-After).`;
    return sendJson(res, 429, { error }, retryAfter(issued.retryAfterMs));
  }
  return sendJson(res, 200, { token: issued.token, expiresAt: new Date(issued.expiresAt).toISOString(), expiresIn: ttlMs / 1000 });
}
