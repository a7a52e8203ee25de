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
export { createParser, type ParsedEvent, type Parser, type ParserOptions } from './parser';
export {
  FetchEventSource,
  type FetchEventSourceBody,
  type FetchEventSourceEventMap,
  type FetchEventSourceInit,
} from './FetchEventSource';
export { SSEErrorEvent } from './SSEErrorEvent';
export type { SSEReset, SSEResetReason } from './resetSignal';
export { SSEMessageEvent } from './SSEMessageEvent';
export type { BackoffContext, FetchEventSourceConstructor, FetchEventSourceLike } from './types';
export { createBackoff, defaultBackoff, DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX, type BackoffOptions } from './backoff';
export { defaultEnvironment, resolveEnvironment } from './environment';
export { createConnection, DEFAULT_CLOSE_DELAY, DEFAULT_RESET_BACKOFF_AFTER } from './createConnection';
export type {
  BroadcastChannelConstructor,
  BroadcastChannelLike,
  LockManagerLike,
  TabRole,
  TabSharingState,
} from './types';
export { TAB_HEARTBEAT_MS, TAB_HIDDEN_LEADER_TIMEOUT_MS, TAB_LEADER_TIMEOUT_MS } from './tabTiming';
export { preloadTabSharing } from './shareAcrossTabs';
export {
  inspectConnection,
  listConnections,
  subscribeToConnections,
  subscribeToEvents,
  type ConnectionInspection,
  type ConnectionInternals,
  type InspectedEventListener,
} from './inspect';
