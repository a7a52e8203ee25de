// The React API. Core types (and SSEError) are re-exported so most apps need one import.
export { SSEProvider, type SSEProviderProps } from './react/SSEProvider';
export {
  useSSEEvent,
  type SSEEventHandler,
  type SSEEventHandlerOptions,
  type SSESourceOptions,
  type UseSSEEventOptions,
} from './react/useSSEEvent';
export { useSSEBuffer, type UseSSEBufferOptions } from './react/useSSEBuffer';
export { useEventSource, type EventSourceState, type UseEventSourceOptions } from './react/useEventSource';
export { useSSEStatus } from './react/useSSEStatus';
export { useSSEReset } from './react/useSSEReset';
export type { SSEStatusSnapshot } from './react/useStatusSnapshot';
export { SSEEvent, type SSEEventProps } from './react/SSEEvent';
export {
  ConnectionStatus,
  defaultStatusLabels,
  type ConnectionStatusProps,
  type ConnectionStatusState,
} from './react/ConnectionStatus';
export { createSSEHooks, type SSEEventName, type TypedSSEHooks } from './react/createSSEHooks';
export type { Parse } from './react/parseMessage';
export { SSEError, type SSEErrorDetails, type SSEErrorKind } from './core/SSEError';
export type { SSEReset, SSEResetReason } from './core/protocol/resetSignal';
export type {
  Backoff,
  Connection,
  ConnectionOptions,
  ConnectionSnapshot,
  HeadersInput,
  HeadersOption,
  SSEEnvironment,
  SSEMessage,
  TabRole,
  TabSharingState,
  TransportKind,
} from './core/types';
