import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from './sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('CORS', () => {
  it('echoes an allowed origin with credentials and never answers *', async () => {
    const started = await startServer();
    close = started.close;
    for (const origin of ['http://127.0.0.1:5173', 'http://localhost:5173']) {
      const res = await fetch(`${started.base}/health`, { headers: { Origin: origin } });
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('vary')).toBe('Origin');
    }
    const other = await fetch(`${started.base}/health`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights for allowed origins and refuses others', async () => {
    const started = await startServer({ corsOrigins: ['https://dash.example'] });
    close = started.close;
    const preflight = (origin: string) =>
      fetch(`${started.base}/api/secure/stream`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
    const ok = await preflight('https://dash.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const refused = await preflight('http://localhost:5173');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
