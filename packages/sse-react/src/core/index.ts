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
export { createBackoff, defaultBackoff, DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX, type BackoffOptions } from './connection/backoff';
export { defaultEnvironment, resolveEnvironment } from './runtime/environment';
export { createConnection, DEFAULT_CLOSE_DELAY, DEFAULT_RESET_BACKOFF_AFTER } from './connection/createConnection';
export type {
  BroadcastChannelConstructor,
  BroadcastChannelLike,
  LockManagerLike,
  TabRole,
  TabSharingState,
} from './types';
export { TAB_HEARTBEAT_MS, TAB_HIDDEN_LEADER_TIMEOUT_MS, TAB_LEADER_TIMEOUT_MS } from './tabs/tabTiming';
export { preloadTabSharing } from './tabs/shareAcrossTabs';
export {
  inspectConnection,
  listConnections,
  subscribeToConnections,
  subscribeToEvents,
  type ConnectionInspection,
  type ConnectionInternals,
  type InspectedEventListener,
} from './runtime/inspect';
