import type { SSEError } from '../SSEError';

/** The `error` event of FetchEventSource: a plain `Event` that also says what went wrong. */
export class SSEErrorEvent extends Event {
  declare readonly error: SSEError;

  constructor(error: SSEError) {
    super('error');
    this.error = error;
  }
}
