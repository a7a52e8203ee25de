/**
 * Short-lived bearer tokens from the dev server's POST /api/token. The server is the judge of
 * expiry (a client clock can be wrong, a token can be revoked), so a token is kept until the
 * server rejects it with 401; then `invalidate()` makes the next `get()` fetch a fresh one.
 */
export interface TokenInfo {
  token: string;
  expiresAt: number;
  issued: number;
}

type Listener = (info: TokenInfo | null, event: 'issued' | 'rejected') => void;

export function createTokenClient(endpoint = '/api/token') {
  let current: Promise<TokenInfo> | null = null;
  let issued = 0;
  const listeners = new Set<Listener>();
  const emit: Listener = (info, event) => listeners.forEach((listener) => listener(info, event));

  async function issue(): Promise<TokenInfo> {
    const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    if (!response.ok) throw new Error(`POST ${endpoint} answered ${response.status}`);
    const body = (await response.json()) as { token: string; expiresAt: string };
    const info = { token: body.token, expiresAt: Date.parse(body.expiresAt), issued: ++issued };
    emit(info, 'issued');
    return info;
  }

  return {
    /** The current token, fetching one first if there is none (concurrent callers share it). */
    get(): Promise<TokenInfo> {
      current ??= issue().catch((error: unknown) => {
        current = null;
        throw error;
      });
      return current;
    },
    invalidate(): void {
      current = null;
      emit(null, 'rejected');
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type TokenClient = ReturnType<typeof createTokenClient>;
