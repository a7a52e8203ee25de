// The `react-server` condition of `@kit/sse-react`: what a React Server Component gets when it
// imports the package. Everything is the client entry (client references), except the components
// a Server Component may render, which first check that their props can cross to the client.
import { ConnectionStatus as ClientConnectionStatus, SSEEvent as ClientSSEEvent, SSEProvider as ClientSSEProvider } from '../index';
import { clientOnly } from './clientOnly';

export * from '../index';
export const SSEProvider = clientOnly(ClientSSEProvider, 'SSEProvider', 'the provider');
export const SSEEvent = clientOnly(ClientSSEEvent, 'SSEEvent');
export const ConnectionStatus = clientOnly(ClientConnectionStatus, 'ConnectionStatus');
