/** Errors thrown at the developer (misuse, bad options), with the package prefix every message carries. */
export function kitError(message: string): Error {
  return new Error(`[@kit/sse-react] ${message}`);
}
