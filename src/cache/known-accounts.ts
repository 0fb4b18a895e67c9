/**
 * Which accounts have a history cache on this device, in localStorage, readable at once (no
 * IndexedDB open): a known account's start waits for its cache before connecting (so the cached
 * messages are painted before the WebSocket opens, and a page loaded during an outage is a
 * dropped connection to retry, not a failed sign-in); a first visit does not wait. The account
 * is stored as a hash, not its address.
 */
import { readStored, writeStored } from '../platform/local-storage.js';

const PREFIX = 'ethora-chat:cached:';

/** FNV-1a, 32 bits, hex: enough to tell accounts apart without writing their addresses. */
function hash(account: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < account.length; i++) h = Math.imul(h ^ account.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

export function isKnown(account: string): boolean {
  return readStored(PREFIX + hash(account)) === '1';
}

/** Storage full or blocked: the next start just does not wait for the cache. */
export function markKnown(account: string): void {
  writeStored(PREFIX + hash(account), '1');
}

export function forgetKnown(account: string): void {
  writeStored(PREFIX + hash(account), undefined);
}
