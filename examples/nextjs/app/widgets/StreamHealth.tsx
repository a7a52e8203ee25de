'use client';
import { useSSEStatus } from '@kit/sse-react';

/** Says so when the stream cannot be reached, instead of leaving stale numbers without a word. */
export function StreamHealth({ url }: { url: string }) {
  const { status, error, retryCount } = useSSEStatus();
  if (error === null || (status !== 'reconnecting' && status !== 'closed')) return null;
  return (
    <p role="alert" data-testid="stream-health" style={{ background: '#fee', padding: '0.5rem' }}>
      Cannot reach the stream at {url} ({error.kind}
      {error.status === undefined ? '' : ` ${error.status}`}).{' '}
      {status === 'closed' ? 'Gave up: reload the page.' : `Retrying (attempt ${retryCount})…`}
    </p>
  );
}
