/**
 * Reads an event stream with Node's fetch until `until(text)` holds, then aborts; returns the text.
 * For checks a browser cannot make: raw heartbeat comments, topics, replay after Last-Event-ID.
 */
export async function readStream(url: string, until: (text: string) => boolean, init: RequestInit = {}, timeoutMs = 10_000): Promise<string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no match within ${timeoutMs} ms`)), timeoutMs);
  let text = '';
  try {
    const response = await fetch(url, { ...init, signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`the stream ended before the condition held:\n${text}`);
      text += value;
      if (until(text)) return text;
    }
  } catch (error) {
    if (abort.signal.aborted) throw new Error(`[examples e2e] ${url}: ${String(abort.signal.reason)}; read so far:\n${text}`);
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
