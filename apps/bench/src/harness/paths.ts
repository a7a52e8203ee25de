import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/bench, wherever the command was started from (turbo runs it there, a user may not). */
export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = join(benchDir, 'results');
