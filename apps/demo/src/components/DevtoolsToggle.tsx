import { lazy, Suspense } from 'react';

// Loaded on demand: the devtools are a separate entry and chunk, so the pages' own bundle does
// not carry them (an app would typically render this only in development).
const SSEDevtools = lazy(() => import('@kit/sse-react/devtools').then((module) => ({ default: module.SSEDevtools })));

/** The SSE devtools panel's toggle button, on every page. */
export function DevtoolsToggle() {
  return (
    <Suspense fallback={null}>
      <SSEDevtools position="bottom-left" />
    </Suspense>
  );
}
