import { useCallback, useEffect, useRef, useState } from 'react';

export interface Toast<T> {
  key: number;
  value: T;
}

/** A small toast queue: newest last, at most `max`, each dismissed after `ttlMs` unless dismissed first. */
export function useToasts<T>(max = 4, ttlMs = 8000) {
  const [toasts, setToasts] = useState<Toast<T>[]>([]);
  const nextKey = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((key: number) => {
    clearTimeout(timers.current.get(key));
    timers.current.delete(key);
    setToasts((list) => list.filter((toast) => toast.key !== key));
  }, []);

  const push = useCallback(
    (value: T) => {
      const key = nextKey.current++;
      setToasts((list) => [...list, { key, value }].slice(-max));
      timers.current.set(
        key,
        setTimeout(() => dismiss(key), ttlMs),
      );
    },
    [dismiss, max, ttlMs],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return { toasts, push, dismiss };
}
