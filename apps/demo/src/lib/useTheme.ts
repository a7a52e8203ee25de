import { useCallback, useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const storageKey = 'sse-kit-demo-theme';

function initialTheme(): Theme {
  const stored = window.localStorage.getItem(storageKey);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Follows prefers-color-scheme until the user picks a theme with the toggle, then remembers it. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = useCallback(() => {
    setTheme((current) => {
      const next = current === 'dark' ? 'light' : 'dark';
      window.localStorage.setItem(storageKey, next);
      return next;
    });
  }, []);
  return [theme, toggle];
}
