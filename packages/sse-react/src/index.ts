// The React API. Core types (and SSEError) are re-exported so most apps need one import.
export { SSEProvider, type SSEProviderProps } from './react/provider/SSEProvider';
export { useSSEEvent } from './react/hooks/useSSEEvent';
export { useSSEBuffer } from './react/hooks/useSSEBuffer';
export { useEventSource } from './react/hooks/useEventSource';
export { useSSEStatus } from './react/hooks/useSSEStatus';
export { useSSEReset } from './react/hooks/useSSEReset';
export type {
  EventSourceState,
  Parse,
  SSEEventHandler,
  SSEEventHandlerOptions,
  SSESourceOptions,
  SSEStatusSnapshot,
  UseEventSourceOptions,
  UseSSEBufferOptions,
  UseSSEEventOptions,
} from './react/hookTypes';
export { SSEEvent, type SSEEventProps } from './react/components/SSEEvent';
export {
  ConnectionStatus,
  defaultStatusLabels,
  type ConnectionStatusProps,
  type ConnectionStatusState,
} from './react/components/ConnectionStatus';
export { createSSEHooks, type SSEEventName, type TypedSSEHooks } from './react/components/createSSEHooks';
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
