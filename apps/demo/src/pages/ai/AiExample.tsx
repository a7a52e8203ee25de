import { SSEProvider, useEventSource, useSSEEvent } from '@kit/sse-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChatEvents } from '../../lib/events';

type State = 'streaming' | 'done' | 'stopped' | 'failed';

/** One answer = one POST whose response is the SSE stream. Mounted per question (see `key`). */
function Answer({ onState }: { onState: (state: State) => void }) {
  const [text, setText] = useState('');
  const { status, error, close } = useEventSource();
  // The handler form: every token is appended, none is lost to render batching.
  useSSEEvent<ChatEvents['token']>('token', (token) => setText((previous) => previous + token.text));
  // An answer is not resumable: close on `done`, so the end of the response is not a reconnect.
  useSSEEvent<ChatEvents['done']>('done', () => {
    close();
    onState('done');
  });
  const failed = status === 'closed' && error !== null;
  // Stop exists only while there is something to stop: connecting or receiving tokens.
  const streaming = status === 'open' || status === 'connecting';
  useEffect(() => {
    if (failed) onState('failed');
  }, [failed, onState]);
  return (
    <>
      {/* React escapes text: streamed tokens can never inject markup. */}
      <output className="answer" data-testid="answer" aria-busy={streaming}>
        {text}
        {streaming && <span className="cursor" aria-hidden="true" />}
      </output>
      {failed && <p className="error">The answer failed: {error.message}</p>}
      {streaming && (
        <button
          type="button"
          className="stop-button"
          data-testid="stop"
          onClick={() => {
            close(); // aborts the fetch: the server stops generating at once
            onState('stopped');
          }}
        >
          <span aria-hidden="true">■ </span>
          Stop
        </button>
      )}
    </>
  );
}

const stateLabels: Record<State, string> = {
  streaming: 'Answering…',
  done: 'Answer complete.',
  stopped: 'Stopped.',
  failed: 'The answer failed.',
};

export function AiExample() {
  const [prompt, setPrompt] = useState('How do Server-Sent Events reconnect?');
  const [request, setRequest] = useState<{ id: number; body: string } | null>(null);
  const [state, setState] = useState<State | null>(null);
  const askButton = useRef<HTMLButtonElement>(null);

  // Stop vanishes once pressed; hand keyboard focus to Ask rather than drop it on the page.
  useEffect(() => {
    if (state === 'stopped' && document.activeElement === document.body) askButton.current?.focus();
  }, [state]);

  function ask(event: FormEvent) {
    event.preventDefault();
    setState('streaming');
    setRequest((previous) => ({ id: (previous?.id ?? 0) + 1, body: JSON.stringify({ prompt }) }));
  }

  return (
    <div className="ai">
      <form onSubmit={ask} className="stack">
        <label htmlFor="prompt">Your question</label>
        <textarea id="prompt" rows={2} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
        <button type="submit" ref={askButton} disabled={state === 'streaming'}>
          Ask
        </button>
      </form>
      <p role="status" aria-live="polite" data-testid="answer-state" data-state={state ?? 'idle'}>
        {state === null ? '' : stateLabels[state]}
      </p>
      {request && (
        // POST with a JSON body needs the fetch transport; maxRetries 0: never re-send a question.
        <SSEProvider
          key={request.id}
          url="/api/chat"
          options={{
            transport: 'fetch',
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: request.body,
            maxRetries: 0,
          }}
        >
          <Answer onState={setState} />
        </SSEProvider>
      )}
    </div>
  );
}
