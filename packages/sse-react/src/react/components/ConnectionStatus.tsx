import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectionOptions, ConnectionStatus as Status } from '../../core/index';
import type { SSEStatusSnapshot } from '../hookTypes';
import { useSSEStatus } from '../hooks/useSSEStatus';

/**
 * Also the name of the status union, so one import gives both the component and the type
 * (`status: ConnectionStatus` reads naturally); TypeScript keeps values and types apart.
 */
export type ConnectionStatus = Status;

export const defaultStatusLabels: Readonly<Record<Status, string>> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting',
  paused: 'Paused',
  closed: 'Disconnected',
};

export interface ConnectionStatusState {
  snapshot: SSEStatusSnapshot;
  /** Whole seconds until the next attempt while `reconnecting`, else null. */
  retryInSeconds: number | null;
  label: string;
}

export interface ConnectionStatusProps {
  /** Override some or all status texts. */
  labels?: Partial<Record<Status, string>>;
  /** Appended to the `sse-status sse-status--<status>` class names. */
  className?: string;
  /** Render your own content inside the live region. */
  children?: (state: ConnectionStatusState) => ReactNode;
  /** Read the shared connection for this url instead of the provider's. */
  url?: string;
  options?: ConnectionOptions;
}

/**
 * The remaining whole seconds until `at` on the Date.now() clock (the core's default `now`),
 * ticking once a second only while there is a deadline.
 */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => (at === null ? 0 : Date.now()));
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * An accessible, unstyled status badge: a polite live region (role="status") whose text is the
 * status, plus a retry countdown while reconnecting. Style it with `data-status` or the classes.
 */
export function ConnectionStatus({ labels, className, children, url, options }: ConnectionStatusProps) {
  const snapshot = useSSEStatus(url, options);
  const retryInSeconds = useSecondsUntil(snapshot.status === 'reconnecting' ? snapshot.nextRetryAt : null);
  const base = labels?.[snapshot.status] ?? defaultStatusLabels[snapshot.status];
  const label = retryInSeconds === null ? base : `${base} in ${retryInSeconds} s`;
  return (
    <span
      role="status"
      aria-live="polite"
      data-status={snapshot.status}
      className={`sse-status sse-status--${snapshot.status}${className ? ` ${className}` : ''}`}
    >
      {children ? children({ snapshot, retryInSeconds, label }) : label}
    </span>
  );
}
