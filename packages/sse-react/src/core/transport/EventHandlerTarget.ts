type Handler = ((event: Event) => void) | null;
type MessageHandler = ((event: MessageEvent<string>) => void) | null;

/**
 * EventSource's event handler attributes (`onopen`, `onmessage`, `onerror`) over EventTarget, as
 * HTML defines them: one listener registered at the first assignment (so it keeps its place among
 * addEventListener listeners) that calls whatever the property holds now.
 */
export class EventHandlerTarget extends EventTarget {
  readonly #handlers = new Map<string, Handler>();

  get onopen(): Handler {
    return this.#handlers.get('open') ?? null;
  }
  set onopen(handler: Handler) {
    this.#setHandler('open', handler);
  }
  get onmessage(): MessageHandler {
    return (this.#handlers.get('message') as MessageHandler | undefined) ?? null;
  }
  set onmessage(handler: MessageHandler) {
    this.#setHandler('message', handler as Handler);
  }
  get onerror(): Handler {
    return this.#handlers.get('error') ?? null;
  }
  set onerror(handler: Handler) {
    this.#setHandler('error', handler);
  }

  #setHandler(type: string, handler: Handler): void {
    if (!this.#handlers.has(type)) {
      this.addEventListener(type, (event) => {
        const current = this.#handlers.get(type);
        if (typeof current === 'function') current.call(this, event);
      });
    }
    this.#handlers.set(type, typeof handler === 'function' ? handler : null);
  }
}
