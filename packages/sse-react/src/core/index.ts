export { SSEError, type SSEErrorDetails, type SSEErrorKind } from './SSEError';
