import { useInsertionEffect, useRef, type DependencyList } from 'react';

/**
 * A ref to the latest render's value, for callbacks run from events (the handler form, onError,
 * parse in a subscription). Written in an insertion effect so it is current before any layout
 * effect or event and never written during render. With `deps` (the values `value` is made of),
 * the effect re-runs only when one of them changes instead of after every render.
 */
export function useLatest<T>(value: T, deps?: DependencyList): { readonly current: T } {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  }, deps);
  return ref;
}
