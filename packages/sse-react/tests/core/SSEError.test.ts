import { describe, expect, it } from 'vitest';
import { SSEError } from '@kit/sse-react/core';

describe('SSEError', () => {
  it('carries a kind, details, and a message that names the kit', () => {
    const error = new SSEError('http', 'The server answered 503.', { status: 503, retryAfterMs: 2000 });
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.message).toBe('[@kit/sse-react] The server answered 503.');
  });
});
