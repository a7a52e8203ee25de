import { randomBytes } from 'node:crypto';

export type IssueResult =
  | { ok: true; token: string; expiresAt: number }
  /** `maxLive` tokens are alive: the earliest expires in `retryAfterMs`. */
  | { ok: false; retryAfterMs: number };

/**
 * Short-lived bearer tokens, so the demo can show a stream that must refresh its credentials.
 * At most `maxLive` unexpired tokens exist at once, so minting in a loop cannot grow memory.
 */
export function createTokenStore(maxLive: number, now: () => number = Date.now) {
  const tokens = new Map<string, number>();

  function prune(at: number): void {
    for (const [token, expiresAt] of tokens) if (expiresAt <= at) tokens.delete(token);
  }

  return {
    issue(ttlMs: number): IssueResult {
      const at = now();
      prune(at);
      if (tokens.size >= maxLive) {
        const earliest = Math.min(...tokens.values());
        return { ok: false, retryAfterMs: Math.max(1, earliest - at) };
      }
      const token = randomBytes(24).toString('base64url');
      const expiresAt = at + ttlMs;
      tokens.set(token, expiresAt);
      return { ok: true, token, expiresAt };
    },
    /** The token's expiry time when it is valid now, else null. */
    verify(authorization: string | undefined): number | null {
      const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
      const expiresAt = match ? tokens.get(match[1] as string) : undefined;
      return expiresAt !== undefined && expiresAt > now() ? expiresAt : null;
    },
    /** Unexpired tokens right now. */
    get live(): number {
      prune(now());
      return tokens.size;
    },
  };
}
