import type { ConnectionOptions } from '../../core/index';
import { useConnection } from '../provider/useConnection';
import type { SSEStatusSnapshot } from '../hookTypes';
import { useStatusSnapshot } from './useStatusSnapshot';

/**
 * The connection's status snapshot alone (status, error, retryCount, nextRetryAt, tabs,
 * parseError): re-renders on status changes, never on events. Reads the provider's connection,
 * or the shared one for `url`.
 */
export function useSSEStatus(url?: string, options?: ConnectionOptions): SSEStatusSnapshot {
  return useStatusSnapshot(useConnection('useSSEStatus', undefined, url, options));
}
