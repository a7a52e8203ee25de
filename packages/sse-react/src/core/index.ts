// `@kit/sse-react/core`: the framework-free client, a surface kept stable across releases. Tuning
// constants, the tab-sharing fakes' interfaces and the inspection API (see `./devtools`) are not
// part of it; tests reach those through the source files.
export { SSEError, type SSEErrorDetails, type SSEErrorKind } from './SSEError';
export type {
  Backoff,
  Connection,
  ConnectionOptions,
  ConnectionSnapshot,
  ConnectionStatus,
  EventSourceConstructor,
  EventSourceLike,
  HeadersInput,
  HeadersOption,
  SignalSource,
  WakeSource,
  SSEEnvironment,
  SSEMessage,
  TransportKind,
} from './types';
export { createParser, type ParsedEvent, type Parser, type ParserOptions } from './protocol/parser';
export {
  FetchEventSource,
  type FetchEventSourceBody,
  type FetchEventSourceEventMap,
  type FetchEventSourceInit,
} from './transport/FetchEventSource';
export { SSEErrorEvent } from './transport/SSEErrorEvent';
export type { SSEReset, SSEResetReason } from './protocol/resetSignal';
export { SSEMessageEvent } from './transport/SSEMessageEvent';
export type { BackoffContext, FetchEventSourceConstructor, FetchEventSourceLike } from './types';
export { createBackoff, defaultBackoff, type BackoffOptions } from './connection/backoff';
export { defaultEnvironment, resolveEnvironment } from './runtime/environment';
export { createConnection } from './connection/createConnection';
export type { TabRole, TabSharingState } from './types';
export { preloadTabSharing } from './tabs/shareAcrossTabs';
