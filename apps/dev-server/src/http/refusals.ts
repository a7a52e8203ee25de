/** Requests refused by a guard, by reason: reported in /api/stats so no refusal goes unseen. */
export interface Refusals {
  /** 403: an Origin (or a cross-site request) not in CORS_ORIGINS tried to change state. */
  forbiddenOrigin: number;
  /** 415: a state-changing request that was not `Content-Type: application/json`. */
  unsupportedMediaType: number;
  /** 413: a body over `maxBodyBytes`. */
  bodyTooLarge: number;
  /** 429: token minting over the per-address rate. */
  tokenRateLimited: number;
  /** 429: token minting while `maxLiveTokens` tokens were live. */
  tokensFull: number;
}

export function createRefusals(): Refusals {
  return { forbiddenOrigin: 0, unsupportedMediaType: 0, bodyTooLarge: 0, tokenRateLimited: 0, tokensFull: 0 };
}
