/**
 * Runs `callback` once after `ms` milliseconds, or on the next animation frame when `ms` is
 * undefined (a timeout of one frame where there is no requestAnimationFrame, e.g. in Node).
 * Returns the cancel function.
 */
export function scheduleFlush(callback: () => void, ms: number | undefined): () => void {
  if (ms === undefined && typeof requestAnimationFrame === 'function') {
    const frame = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(frame);
  }
  const timer = setTimeout(callback, ms ?? 16);
  return () => clearTimeout(timer);
}
