import { expectTypeOf, it } from 'vitest';
import { SSEError, type SSEErrorKind } from '@kit/sse-react/core';

it('types the error kind as a closed union', () => {
  expectTypeOf<SSEError['kind']>().toEqualTypeOf<SSEErrorKind>();
  // @ts-expect-error 'oops' is not an error kind
  new SSEError('oops', 'message');
});
