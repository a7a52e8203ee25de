import type { ReactNode } from 'react';
import type { UseSSEEventOptions } from '../hookTypes';
import { useSSEEvent } from '../hooks/useSSEEvent';

export interface SSEEventProps<T, S = T> extends UseSSEEventOptions<T, S> {
  name: string;
  /** Renders the latest (selected) value; only this element re-renders when it changes. */
  children: (value: S | undefined) => ReactNode;
  /** Rendered instead of `children` until there is a value. */
  fallback?: ReactNode;
}

/** Render-prop form of useSSEEvent: scopes the re-render to this element, not its parent. */
export function SSEEvent<T = unknown, S = T>({ name, children, fallback, ...options }: SSEEventProps<T, S>) {
  const value = useSSEEvent<T, S>(name, options);
  return <>{value === undefined && fallback !== undefined ? fallback : children(value)}</>;
}
