import { expectTypeOf, it } from 'vitest';
import type { ConnectionOptions, SSEStatusSnapshot, TabSharingState, UseEventSourceOptions } from '@kit/sse-react';
import type { SSEEnvironment } from '@kit/sse-react/core';
import type { ConnectionInspection, SSEDevtoolsProps } from '@kit/sse-react/devtools';
import type { LockManagerLike } from '../../src/core/types';

it('types shareAcrossTabs, the tab state and the injectable locks and channel', () => {
  expectTypeOf<ConnectionOptions['shareAcrossTabs']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<UseEventSourceOptions['shareAcrossTabs']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<SSEStatusSnapshot['tabs']>().toEqualTypeOf<TabSharingState | undefined>();
  expectTypeOf<TabSharingState['role']>().toEqualTypeOf<'leader' | 'follower' | 'local'>();
  expectTypeOf<SSEEnvironment['locks']>().toEqualTypeOf<LockManagerLike | undefined>();
  // @ts-expect-error shareAcrossTabs is a boolean
  const wrong: ConnectionOptions = { shareAcrossTabs: 'yes' };
  void wrong;
});

it('types the inspection API and the devtools props', () => {
  expectTypeOf<ConnectionInspection['role']>().toEqualTypeOf<'leader' | 'follower' | 'local'>();
  expectTypeOf<ConnectionInspection['transport']>().toEqualTypeOf<'native' | 'fetch' | null>();
  expectTypeOf<SSEDevtoolsProps['position']>().toEqualTypeOf<'bottom-right' | 'bottom-left' | undefined>();
});
