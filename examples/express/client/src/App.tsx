import { useState } from 'react';
import { ConnectionStatus, SSEProvider } from '@kit/sse-react';
import { TOPICS, type Topic } from '../../server/events';
import { Alerts } from './Alerts';
import { Deploy } from './Deploy';
import { Ledger } from './Ledger';
import { StreamHealth } from './StreamHealth';

export function App() {
  const [topics, setTopics] = useState<readonly Topic[]>(['metrics', 'alert']);
  // The server filters by topic: a changed url is a new connection asking for other events.
  const url = `/api/stream?topics=${topics.join(',')}`;
  const toggle = (topic: Topic) => setTopics((current) => (current.includes(topic) ? current.filter((t) => t !== topic) : [...current, topic]));
  return (
    <>
      <h1>Express 5 + @kit/sse-server</h1>
      <fieldset>
        <legend>Topics</legend>
        {TOPICS.map((topic) => (
          <label key={topic} style={{ marginRight: '1rem' }}>
            <input type="checkbox" checked={topics.includes(topic)} onChange={() => toggle(topic)} /> {topic}
          </label>
        ))}
      </fieldset>
      {/* Keyed by url: the widgets start over with the new stream. */}
      <SSEProvider key={url} url={url}>
        <p>
          <ConnectionStatus /> <code>{url}</code>{' '}
          <button type="button" onClick={() => void fetch('/api/drop', { method: 'POST' })}>
            Drop the connection
          </button>
        </p>
        <StreamHealth url={url} />
        {topics.includes('metrics') && <Ledger />}
        {topics.includes('alert') && <Alerts />}
        {topics.includes('deploy') && <Deploy />}
      </SSEProvider>
    </>
  );
}
