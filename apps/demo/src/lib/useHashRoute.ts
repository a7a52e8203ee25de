import { useSyncExternalStore } from 'react';

// Hash routing: the demo is a static bundle (works from `vite preview` or any file host) and
// every page has a shareable URL, with no router dependency to explain.
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function getPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path === '' ? '/' : path;
}

/** The current `#/path`, re-rendering when it changes. */
export function useHashRoute(): string {
  return useSyncExternalStore(subscribe, getPath, () => '/');
}
