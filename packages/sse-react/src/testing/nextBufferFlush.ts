/** A function @sinonjs/fake-timers installed (Vitest's and Jest's fake timers): it carries its clock. */
function isFaked(fn: unknown): boolean {
  return typeof fn === 'function' && typeof (fn as { clock?: unknown }).clock === 'object';
}

/**
 * Resolves once `useSSEBuffer` has published what arrived: after the next animation frame (its
 * default), or after `flushMs` for a buffer with `{ flush: flushMs }`. Wrap it in `act` so React
 * renders the update: `await act(() => nextBufferFlush())`.
 *
 * It waits on the real clock. Under fake timers nothing would ever fire, so it throws instead and
 * says what to call.
 */
export function nextBufferFlush(flushMs?: number): Promise<void> {
  if (flushMs !== undefined && !(Number.isFinite(flushMs) && flushMs >= 0)) {
    throw new TypeError(`[@kit/sse-react] nextBufferFlush(flushMs): flushMs must be a number of milliseconds >= 0, got ${String(flushMs)}.`);
  }
  const useFrame = flushMs === undefined && typeof requestAnimationFrame === 'function';
  if (isFaked(useFrame ? requestAnimationFrame : setTimeout)) {
    const advance = flushMs === undefined ? 'vi.advanceTimersToNextFrame()' : `vi.advanceTimersByTime(${flushMs})`;
    throw new Error(
      `[@kit/sse-react] nextBufferFlush() waits for a real ${useFrame ? 'animation frame' : 'timer'}, but fake timers are installed, so it would never resolve. ` +
        `Advance them instead: act(() => ${advance}) (Jest: jest.${advance.slice(3)}).`,
    );
  }
  return new Promise((resolve) => {
    // Scheduled after the buffer's own frame or timer, so it runs after it: callbacks fire in order.
    if (useFrame) requestAnimationFrame(() => resolve());
    else setTimeout(resolve, flushMs ?? 16);
  });
}
