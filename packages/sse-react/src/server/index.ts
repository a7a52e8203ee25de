// The `react-server` condition of `@kit/sse-react`: what a React Server Component gets when it
// imports the package. Everything is the client entry (client references), except SSEProvider,
// which first checks that its props can cross from the server to the client.
export * from '../index';
export { SSEProvider } from './SSEProvider';
