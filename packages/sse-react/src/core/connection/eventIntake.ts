import type { Attempt, TransportHandler } from './attempt';
import { attemptOf, type ConnectionContext } from './connectionMachine';
import { warn } from '../runtime/isDevelopment';
import { tapEvent } from '../runtime/inspect';
import { readReset, RESET_EVENT } from '../protocol/resetSignal';
import type { SSEMessage, TransportMessage } from '../types';

/** More duplicates in a row than any replay overlap explains: the server probably reuses ids. */
const SUSPICIOUS_DUPLICATE_RUN = 50;

/** A byte arrived on the current attempt: the watchdog starts over. */
export function markActivity(context: ConnectionContext): void {
  context.lastActivityAt = context.env.now();
  context.watchdog.feed();
}

function isCurrent(context: ConnectionContext, attempt: Attempt): boolean {
  return attemptOf(context.phase) === attempt;
}

function hasOwnIdOf(event: TransportMessage): boolean | undefined {
  const { hasOwnId } = event;
  return typeof hasOwnId === 'boolean' ? hasOwnId : undefined;
}

function dropDuplicate(context: ConnectionContext, id: string): void {
  context.duplicateRun++;
  const { store } = context;
  store.set({ droppedDuplicates: store.get().droppedDuplicates + 1 });
  if (process.env.NODE_ENV !== 'production' && context.duplicateRun === SUSPICIOUS_DUPLICATE_RUN) {
    warn(
      `${SUSPICIOUS_DUPLICATE_RUN} events in a row from ${context.url} were dropped as duplicates (the latest id: ${JSON.stringify(id)}): more than a replay overlap explains. The server seems to reuse ids from before a restart without sending "${RESET_EVENT}". Make its ids unique across restarts (@kit/sse-server does), or have it send the reset.`,
    );
  }
}

function messageOf(event: TransportMessage, name: string, id: string): SSEMessage {
  return {
    type: name,
    data: typeof event.data === 'string' ? event.data : String(event.data),
    lastEventId: id,
    origin: typeof event.origin === 'string' ? event.origin : '',
  };
}

/**
 * The resume position reaches the snapshot: after each chunk (our fetch transport), else after each
 * event. With no status subscriber there is nobody to tell, so no snapshot is built per event or
 * chunk: the id waits for the snapshot's next read or subscriber (createConnection flushes it).
 */
export function publishResumeId(context: ConnectionContext): void {
  if (context.subscribers.hasStatusListeners()) flushResumeId(context);
}

/** Puts the resume position in the snapshot now; a position that moved nothing publishes nothing. */
export function flushResumeId(context: ConnectionContext): void {
  // The store compares too, but this runs per chunk or per event: no patch object when nothing moved.
  if (context.store.get().lastEventId !== context.resumeId) context.store.set({ lastEventId: context.resumeId });
}

// The per-event path: one handler per name and attempt, so the name is not looked up per event.
function handlerFor(context: ConnectionContext, attempt: Attempt, name: string): TransportHandler {
  return (event, hasOwnId = hasOwnIdOf(event)) => {
    if (!isCurrent(context, attempt)) return;
    if (!attempt.perChunk) markActivity(context);
    const id = typeof event.lastEventId === 'string' ? event.lastEventId : '';
    if (!context.duplicates.accept(id, hasOwnId)) {
      dropDuplicate(context, id);
      return;
    }
    context.duplicateRun = 0;
    context.tooLargeInARow = 0;
    context.resumeId = id;
    let message: SSEMessage;
    if (attempt.perChunk) {
      // Our fetch transport's event already is an SSEMessage, and it dispatches only the names
      // listened to here (stopListening unregisters a name the moment it has no listener).
      message = event;
    } else {
      // A native EventSource hands over one event at a time.
      publishResumeId(context);
      if (!context.subscribers.hasListeners(name)) return;
      message = messageOf(event, name, id);
    }
    if (attempt.freezeMessages) Object.freeze(message);
    tapEvent(context.connection, message);
    context.subscribers.deliver(name, message);
  };
}

// A protocol signal: never filtered as a duplicate (a new history may reuse a recent id), never
// delivered as data.
function onResetEvent(context: ConnectionContext, attempt: Attempt, event: TransportMessage): void {
  if (!isCurrent(context, attempt)) return;
  markActivity(context);
  const reset = readReset(typeof event.data === 'string' ? event.data : '', context.env.now());
  context.duplicates.clear();
  context.duplicateRun = 0;
  const id = typeof event.lastEventId === 'string' ? event.lastEventId : '';
  if (hasOwnIdOf(event) === false) {
    if (process.env.NODE_ENV !== 'production') {
      warn(`A "${RESET_EVENT}" event from ${context.url} carried no id: the next reconnect sends no Last-Event-ID (it starts fresh). A server should send its current position as the reset's id.`);
    }
    attempt.staleTransportId = id;
    context.resumeId = '';
  } else {
    context.resumeId = id;
  }
  context.store.set({ lastEventId: context.resumeId, resets: context.store.get().resets + 1, lastReset: reset });
  tapEvent(context.connection, Object.freeze({ type: RESET_EVENT, data: String(event.data), lastEventId: context.resumeId, origin: '' }));
  context.subscribers.announceReset(reset);
}

/** Listens for `name` on the attempt's transport (once). */
export function listenOnTransport(context: ConnectionContext, attempt: Attempt, name: string): void {
  if (attempt.handlers.has(name) || name === RESET_EVENT) return;
  const handler = handlerFor(context, attempt, name);
  attempt.handlers.set(name, handler);
  attempt.source.addEventListener(name, handler);
}

/** The last listener of `name` left: the transport stops delivering it. */
export function stopListening(attempt: Attempt, name: string): void {
  const handler = attempt.handlers.get(name);
  if (name === RESET_EVENT || handler === undefined) return;
  attempt.source.removeEventListener(name, handler);
  attempt.handlers.delete(name);
}

/** The reset signal, in the handler table like a name, so closing the attempt removes it with the rest. */
export function listenForReset(context: ConnectionContext, attempt: Attempt): void {
  const handler: TransportHandler = (event) => onResetEvent(context, attempt, event);
  attempt.handlers.set(RESET_EVENT, handler);
  attempt.source.addEventListener(RESET_EVENT, handler);
}
