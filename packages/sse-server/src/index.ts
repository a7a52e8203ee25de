export { formatEvent, type SSEEventInit } from './formatEvent';
