import { useInsertionEffect, useRef } from 'react';

/**
 * A ref to the latest render's value, for callbacks run from events (the handler form, onError,
 * parse in a subscription). Written in an insertion effect so it is current before any layout
 * effect or event and never written during render.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
