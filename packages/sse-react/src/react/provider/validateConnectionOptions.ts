import type { ConnectionOptions } from '../../core/index';
import { assertTransportKind } from '../../core/connection/connectionOptions';
import { kitError } from '../kitError';

/**
 * Development-only: a typo in `transport` would otherwise silently fall back to a default. The
 * transport check is the core's (same TypeError as createConnection's), named after the hook.
 */
export function validateConnectionOptions(where: string, options: ConnectionOptions | undefined): void {
  if (process.env.NODE_ENV === 'production' || options === undefined) return;
  const { transport, closeDelay } = options;
  assertTransportKind(transport, where);
  if (closeDelay !== undefined && !(closeDelay >= 0)) {
    throw kitError(`${where}: closeDelay must be a number of milliseconds >= 0, got ${String(closeDelay)}.`);
  }
}
