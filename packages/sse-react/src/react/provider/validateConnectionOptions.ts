import type { ConnectionOptions } from '../../core/index';
import { kitError } from '../kitError';

const transports = ['auto', 'native', 'fetch'];

/** Development-only: a typo in `transport` would otherwise silently fall back to a default. */
export function validateConnectionOptions(where: string, options: ConnectionOptions | undefined): void {
  if (process.env.NODE_ENV === 'production' || options === undefined) return;
  const { transport, closeDelay } = options;
  if (transport !== undefined && !transports.includes(transport)) {
    throw kitError(`${where}: unknown transport ${JSON.stringify(transport)}. Use 'auto', 'native' or 'fetch'.`);
  }
  if (closeDelay !== undefined && !(closeDelay >= 0)) {
    throw kitError(`${where}: closeDelay must be a number of milliseconds >= 0, got ${String(closeDelay)}.`);
  }
}
