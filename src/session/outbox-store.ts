/**
 * The outbox on disk: our messages that no room has confirmed yet, per account and room, in
 * IndexedDB, so that a page reload or a closed tab does not lose them. A record holds only
 * what sending again needs: the room, the message id (also its XEP-0359 origin-id, which lets
 * the room's echo or archive copy confirm it instead of showing it twice), the text, a reply
 * target or file link, and the time it was typed. Never credentials.
 *
 * Where IndexedDB is unavailable (blocked storage, some private modes, a sandboxed frame) every
 * call quietly does nothing: the outbox is then in memory only, as before.
 */
import { OUTBOX, prefixRange, transact } from '../cache/idb.js';
import type { MessageContent } from '../state/message.js';

export interface StoredMessage extends MessageContent {
  /** Bare account JID, lower-cased. */
  account: string;
  room: string;
  id: string;
  /** When it was typed (ms, local clock). */
  time: number;
}

/** Runs `work` over the outbox store in one transaction (the database is idb.ts's). */
function transactOutbox<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return transact(OUTBOX, mode, (tx) => work(tx.objectStore(OUTBOX)));
}

/** Keys [account, room, id] from `[account]` or `[account, room]` onwards. */
function range(account: string, room?: string): IDBKeyRange {
  return room === undefined ? prefixRange(account) : prefixRange(account, room);
}

export class OutboxStore {
  constructor(readonly account: string) {}

  /** This account's stored messages, oldest first. */
  async load(): Promise<StoredMessage[]> {
    const all = (await transactOutbox<StoredMessage[]>('readonly', (s) => s.getAll(range(this.account)))) ?? [];
    return all.sort((a, b) => a.time - b.time);
  }

  /** Makes the stored messages of `room` exactly `messages` (adds new ones, removes the rest). */
  async replace(room: string, messages: readonly Omit<StoredMessage, 'account'>[]): Promise<void> {
    const keep = new Set(messages.map((m) => m.id));
    await transactOutbox('readwrite', (s) => {
      const keys = s.getAllKeys(range(this.account, room));
      keys.onsuccess = () => {
        for (const key of keys.result) if (!keep.has((key as string[])[2])) s.delete(key);
        for (const m of messages) s.put({ ...m, account: this.account, room });
      };
    });
  }

  /** Forgets everything stored for this account. */
  async clear(): Promise<void> {
    await transactOutbox('readwrite', (s) => void s.delete(range(this.account)));
  }
}
