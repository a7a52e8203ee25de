/**
 * Sections of packages/sse-react/README.md the pages link to, by GitHub's heading slug. A unit
 * test checks each one exists, so a renamed heading breaks the build instead of a link.
 */
export const docs = {
  provider: { anchor: 'react-sseprovider', label: '<SSEProvider>' },
  useSSEEvent: { anchor: 'react-usesseevent', label: 'useSSEEvent (value and handler forms)' },
  useSSEBuffer: { anchor: 'react-usessebuffer', label: 'useSSEBuffer' },
  useEventSource: { anchor: 'react-useeventsource', label: 'useEventSource, and SSEProvider options (fetch transport, method, body)' },
  connectionStatus: { anchor: 'react-connectionstatus', label: '<ConnectionStatus> and the reconnect policy' },
  createConnection: { anchor: 'createconnection', label: 'createConnection options: headers function, 401 handling' },
  createSSEHooks: { anchor: 'react-typed-events-with-createssehooks', label: 'createSSEHooks' },
  devtools: { anchor: 'devtools-kitsse-reactdevtools', label: '<SSEDevtools> and the inspection API' },
} as const;
