import { lazy, Suspense } from 'react';
import { useMediaQuery } from '../lib/useMediaQuery';

// Loaded on demand: the devtools are a separate entry and chunk, so the pages' own bundle does
// not carry them (an app would typically render this only in development).
const SSEDevtools = lazy(() => import('@kit/sse-react/devtools').then((module) => ({ default: module.SSEDevtools })));

/**
 * The SSE devtools panel's toggle button, on every page wide enough for it. On a phone the
 * floating button would sit on top of the content; the Diagnostics page shows the same data there.
 */
export function DevtoolsToggle() {
  const wide = useMediaQuery('(min-width: 700px)');
  if (!wide) return null;
  return (
    <Suspense fallback={null}>
      <SSEDevtools position="bottom-left" />
    </Suspense>
  );
}
