import type { Connection, SSEError, SSEMessage } from '../../core/index';
import { bindingOf, type ConnectionBinding, type ParseResult } from './bindingRegistry';

function setParseError(binding: ConnectionBinding, error: SSEError | null): void {
  if (binding.parseError === error) return;
  binding.parseError = error;
  for (const listener of binding.parseErrorListeners) listener();
}

/** Runs on the event path (never during render): records the result and calls the hook's onError. */
export function reportParseResult(
  connection: Connection,
  message: SSEMessage,
  result: ParseResult,
  onError: ((error: SSEError) => void) | undefined,
): void {
  const binding = bindingOf(connection);
  if (result.ok) {
    if (binding.parseError?.eventName === message.type) setParseError(binding, null);
    return;
  }
  setParseError(binding, result.error);
  onError?.(result.error);
}
