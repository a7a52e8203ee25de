/**
 * Development checks cost bytes and time; bundlers replace `process.env.NODE_ENV` so they vanish
 * from production builds. The typeof guard keeps a browser without `process` from crashing.
 */
export function isDevelopment(): boolean {
  return typeof process !== 'undefined' && process.env.NODE_ENV !== 'production';
}

/** A warning in development only; production stays silent. */
export function warn(message: string): void {
  if (isDevelopment()) console.warn(`[@kit/sse-react] ${message}`);
}
