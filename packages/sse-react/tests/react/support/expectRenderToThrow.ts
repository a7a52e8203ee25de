import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { expect, vi } from 'vitest';

/**
 * Asserts that rendering throws, without the noise: React logs the error and React 18 also
 * re-dispatches it as a window `error` event that jsdom would print as "Uncaught".
 */
export function expectRenderToThrow(element: ReactElement, expected: string | RegExp): void {
  const quiet = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener('error', quiet);
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    expect(() => render(element)).toThrow(expected);
  } finally {
    window.removeEventListener('error', quiet);
    consoleError.mockRestore();
  }
}
