// What users need to test their own components: a connection they drive by hand. Framework-free,
// so it never bundles a second copy of the React layer; pass it to <SSEProvider connection={mock}>.
export { createMockConnection, type MockConnection, type MockConnectionOptions, type MockEmitOptions } from './createMockConnection';
