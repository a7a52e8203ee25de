import { expect, it } from 'vitest';
import { findChromium } from '../e2e/support/chromium';

it('prefers CHROMIUM_PATH, then Debian\'s /usr/bin/chromium', () => {
  const exists = (path: string) => path === '/opt/chrome' || path === '/usr/bin/chromium';
  expect(findChromium({ exists, isRoot: false, env: { CHROMIUM_PATH: '/opt/chrome' } })).toBe('/opt/chrome');
  expect(findChromium({ exists, isRoot: false, env: {} })).toBe('/usr/bin/chromium');
});

it('without Chromium and without root, fails saying exactly how to install it', () => {
  expect(() => findChromium({ exists: () => false, isRoot: false, env: {} })).toThrow(
    /sudo apt-get update && sudo apt-get install -y chromium.*CHROMIUM_PATH/,
  );
});
