import { useEffect, useState, type RefObject } from 'react';
import { highlightSource, type HighlightedToken } from '../lib/highlightSource';

export type HighlightState = 'plain' | 'done' | 'failed';

/**
 * Highlights `source` once `target` comes near the viewport (a collapsed or far-down panel costs
 * nothing). Until then, and if highlighting fails, the caller shows the plain text.
 */
export function useHighlightedSource(
  source: string,
  target: RefObject<Element | null>,
): { lines: HighlightedToken[][] | null; state: HighlightState } {
  const [result, setResult] = useState<{ source: string; lines: HighlightedToken[][] | null; state: HighlightState }>({
    source,
    lines: null,
    state: 'plain',
  });

  useEffect(() => {
    const element = target.current;
    let cancelled = false;
    const start = () => {
      highlightSource(source).then(
        (lines) => {
          if (!cancelled) setResult({ source, lines, state: 'done' });
        },
        (error: unknown) => {
          if (cancelled) return;
          setResult({ source, lines: null, state: 'failed' });
          if (import.meta.env.DEV) console.warn(error);
        },
      );
    };
    if (!element || typeof IntersectionObserver === 'undefined') {
      start();
      return () => {
        cancelled = true;
      };
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        start();
      },
      { rootMargin: '300px 0px' },
    );
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [source, target]);

  // A new `source` shows as plain text until its own highlighting arrives.
  return result.source === source ? result : { lines: null, state: 'plain' };
}
