/**
 * Development checks and warnings are guarded by `process.env.NODE_ENV !== 'production'` written
 * literally at each use site, never behind a helper: bundlers (Vite, in dev too; webpack; esbuild
 * and Rollup with a define or replace) substitute the expression with a string literal, and only a
 * condition made of literals lets the minifier drop the guarded code and its message strings from
 * production bundles. A function call (especially one with try/catch) is never folded, so every
 * warning text would ship.
 *
 * The price: loading the untouched ESM file in a browser with no bundler and no `process` would
 * throw a ReferenceError at a guard. Every bundler this kit targets defines the expression, as
 * React, TanStack Query and Redux rely on too.
 */

/** A warning with the package prefix. Call it inside a literal `process.env.NODE_ENV` guard. */
export function warn(message: string): void {
  console.warn(`[@kit/sse-react] ${message}`);
}
