// What users need to test their own components: a connection they drive by hand, and a wait for
// useSSEBuffer's frame. Framework-free, so it never bundles a second copy of the React layer;
// pass the mock to <SSEProvider connection={mock}>.
export { createMockConnection, type MockConnection, type MockConnectionOptions, type MockEmitOptions } from './createMockConnection';
export { nextBufferFlush } from './nextBufferFlush';
