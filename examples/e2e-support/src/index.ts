export { launchChromium, type TrackedPage, type Chromium } from './chromium';
export { freePort, startProcess, waitFor, type StartedProcess, type StartProcessOptions } from './processes';
export { readStream } from './readStream';
export { serveStatic, type StaticSite } from './serveStatic';
export type { Page } from 'playwright-core';
