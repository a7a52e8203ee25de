import { fork, type ChildProcess } from 'node:child_process';

/** A forked helper process and a typed "send, then wait for the reply of this type" over IPC. */
export interface Helper {
  child: ChildProcess;
  request<T>(message: object, replyType: string, timeoutMs?: number): Promise<T>;
  next<T>(replyType: string, timeoutMs?: number): Promise<T>;
  stop(): void;
}

export function startHelper(script: string, args: string[], execArgv: string[] = process.execArgv): Helper {
  const child = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(replyType: string, timeoutMs = 60_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${script}: no "${replyType}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: unknown): void => {
        if ((message as { type?: string }).type !== replyType) return;
        cleanup();
        resolve(message as T);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`${script} exited (${code}) while waiting for "${replyType}"`));
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  return {
    child,
    next,
    request<T>(message: object, replyType: string, timeoutMs?: number) {
      const reply = next<T>(replyType, timeoutMs);
      child.send(message);
      return reply;
    },
    stop() {
      // Disconnecting lets the helper exit on its own (so --cpu-prof can write its profile); the kill is the fallback.
      if (child.connected) child.disconnect();
      setTimeout(() => child.kill(), 3000).unref();
    },
  };
}
