/**
 * True unless the bundle says production. Read per call so tests can flip NODE_ENV. The try/catch
 * guards a browser without `process`: there bundlers usually replace `process.env.NODE_ENV` with a
 * string, and when nothing replaced it we stay quiet rather than crash.
 */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
}

export function kitError(message: string): Error {
  return new Error(`[@kit/sse-react] ${message}`);
}
