/**
 * Ids of the form `<epoch>.<seq>` (docs/wire-contract.md §1): `epoch` names one history (one
 * in-memory broker instance), `seq` counts within it. An epoch is 1–64 characters of
 * `[0-9A-Za-z_-]`, so an id never needs escaping and never contains a second dot; `seq` is a
 * canonical decimal (no sign, no leading zero) that fits a double exactly.
 */
const EPOCH_ID = /^([0-9A-Za-z_-]{1,64})\.(0|[1-9][0-9]{0,15})$/;
const EPOCH = /^[0-9A-Za-z_-]{1,64}$/;

export interface EpochId {
  epoch: string;
  seq: number;
}

/**
 * Splits an `<epoch>.<seq>` id, or returns null when `id` is not one (a Redis stream id, garbage,
 * a 20 kB header...). A broker uses it to tell a foreign history's id (well-formed, another epoch)
 * from a malformed one.
 */
export function parseEpochId(id: string): EpochId | null {
  // The length check first: the regex never sees an arbitrarily long header.
  if (id.length > 81) return null;
  const match = EPOCH_ID.exec(id);
  if (match === null) return null;
  const seq = Number(match[2]);
  return Number.isSafeInteger(seq) ? { epoch: match[1] as string, seq } : null;
}

export function isEpoch(value: unknown): value is string {
  return typeof value === 'string' && EPOCH.test(value);
}

/**
 * A fresh epoch: the clock (so a restarted process never draws the epoch of its predecessor) and
 * randomness (so instances started in the same millisecond differ), in base 36.
 */
export function createEpoch(): string {
  const random = new Uint32Array(1);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(random);
  else random[0] = Math.floor(Math.random() * 2 ** 32);
  // Six base-36 digits of randomness: 2.2 billion epochs per millisecond.
  const suffix = ((random[0] as number) % 36 ** 6).toString(36).padStart(6, '0');
  return `${Date.now().toString(36)}${suffix}`;
}
