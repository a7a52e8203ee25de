import { randomBytes } from 'node:crypto';

/** Short-lived bearer tokens, so the demo can show a stream that must refresh its credentials. */
export function createTokenStore() {
  const tokens = new Map<string, number>();

  function prune(now: number): void {
    for (const [token, expiresAt] of tokens) if (expiresAt <= now) tokens.delete(token);
  }

  return {
    issue(ttlMs: number): { token: string; expiresAt: number } {
      const now = Date.now();
      prune(now);
      const token = randomBytes(24).toString('base64url');
      const expiresAt = now + ttlMs;
      tokens.set(token, expiresAt);
      return { token, expiresAt };
    },
    /** The token's expiry time when it is valid now, else null. */
    verify(authorization: string | undefined): number | null {
      const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
      const expiresAt = match ? tokens.get(match[1] as string) : undefined;
      return expiresAt !== undefined && expiresAt > Date.now() ? expiresAt : null;
    },
  };
}
