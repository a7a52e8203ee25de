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
  SSEEnvironment,
  SSEMessage,
  TransportKind,
} from './types';
