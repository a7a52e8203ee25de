/**
 * Development checks cost bytes and time. `process.env.NODE_ENV` is written out in full so that
 * bundlers (Vite, webpack, esbuild defines) replace it with a literal and drop the checks from
 * production builds. Guarded with try/catch rather than `typeof process`: a browser build where
 * the bundler replaced the expression has no `process` at all, yet should still warn in
 * development; a browser with neither (or a `process` shim without `env`) throws here and is
 * treated as production, never crashing.
 */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
}

/** A warning in development only; production stays silent. */
export function warn(message: string): void {
  if (isDevelopment()) console.warn(`[@kit/sse-react] ${message}`);
}
