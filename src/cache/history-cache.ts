/**
 * The history cache on disk (IndexedDB, idb.ts): per account, the rooms the user has (names,
 * read state, unread counts) and the messages of each room that the widget has shown, with
 * their edits, deletions and reactions as last seen. Bounded: at most `perRoom` messages per room
 * and `total` per account; the oldest go first. A record of another format version (a schema
 * change) drops the account's cache: it is rebuilt from the server.
 *
 * Writes are absolute (a message or room record replaced as a whole, never a counter
 * incremented), so several tabs of one account writing the same room cannot double anything:
 * the last write of a record wins, and each is a copy of what that tab shows.
 */
import type { Message } from '../state/message.js';
import { CACHE_VERSION, fromRecord, roomFromRecord, type CachedMessage, type CachedMeta, type CachedRoom } from './cached-record.js';
import { DB_NAME, HISTORY, META, ROOMS, prefixRange, transact } from './idb.js';

export interface CacheLimits {
  /** Messages kept per room. */
  perRoom: number;
  /** Messages kept per account, all rooms together. */
  total: number;
}

export const DEFAULT_LIMITS: CacheLimits = { perRoom: 5000, total: 50_000 };

/**
 * Messages written in one transaction at most: each put copies its record on the main thread, so
 * a burst's messages are written in several transactions, one after the other, each in its own task.
 */
export const WRITE_STEP = 100;

export interface CachedState {
  rooms: CachedRoom[];
  activeRoom?: string;
}

export class HistoryCache {
  constructor(
    readonly account: string,
    private readonly limits: CacheLimits = DEFAULT_LIMITS,
    readonly dbName = DB_NAME,
  ) {}

  /** The cached rooms and the room that was open; nothing when the cache is of another version (it is then erased). */
  async load(): Promise<CachedState> {
    const found = await transact<[unknown, unknown[]]>(
      [META, ROOMS],
      'readonly',
      (tx) => {
        const out: [unknown, unknown[]] = [undefined, []];
        const meta = tx.objectStore(META).get([this.account]);
        meta.onsuccess = () => (out[0] = meta.result as unknown);
        const rooms = tx.objectStore(ROOMS).getAll(prefixRange(this.account));
        rooms.onsuccess = () => (out[1] = rooms.result as unknown[]);
        return () => out;
      },
      this.dbName,
    );
    if (!found) return { rooms: [] };
    const [meta, records] = found;
    const m = meta as Partial<CachedMeta> | undefined;
    if (!m) return { rooms: [] };
    if (m.v !== CACHE_VERSION || records.some((r) => (r as { v?: unknown })?.v !== CACHE_VERSION)) {
      await this.clear();
      return { rooms: [] };
    }
    const rooms = records.map(roomFromRecord).filter((r): r is CachedRoom => r !== undefined && r.account === this.account);
    return { rooms, activeRoom: typeof m.activeRoom === 'string' ? m.activeRoom : undefined };
  }

  /** The newest `max` cached messages of a room, oldest first. */
  newest(room: string, max: number): Promise<Message[]> {
    return this.page(room, prefixRange(this.account, room), max, () => false);
  }

  /**
   * Up to `max` cached messages of a room from `time` back (the same time included: several
   * messages can share a millisecond), leaving out those `loaded` says are in memory; oldest first.
   */
  older(room: string, time: number, max: number, loaded: (key: string) => boolean): Promise<Message[]> {
    // Up to the next millisecond: records of this one carry their rank as a fraction (cached-record.ts).
    return this.page(room, IDBKeyRange.bound([this.account, room], [this.account, room, time + 1], false, true), max, loaded);
  }

  private async page(room: string, range: IDBKeyRange, max: number, skip: (key: string) => boolean): Promise<Message[]> {
    const out: Message[] = [];
    await transact(
      HISTORY,
      'readonly',
      (tx) => {
        const req = tx.objectStore(HISTORY).index('time').openCursor(range, 'prev');
        req.onsuccess = () => {
          const c = req.result;
          if (!c) return;
          const m = fromRecord(c.value);
          if (m && m.room === room && !skip(m.key)) out.push(m);
          if (out.length < max) c.continue();
        };
      },
      this.dbName,
    );
    return out.reverse();
  }

  /**
   * Writes rooms, messages and the open room (and deletes `removed` message keys), then keeps the
   * bounds for the rooms that got messages. Messages beyond WRITE_STEP go first, in transactions
   * of their own; the rest, the rooms and the bounds in the last. Resolves once all committed.
   */
  async save(
    rooms: readonly CachedRoom[],
    messages: readonly CachedMessage[],
    activeRoom: string | undefined,
    removed: readonly IDBValidKey[] = [],
  ): Promise<void> {
    const touched = new Set(messages.map((m) => m.room));
    const put = (tx: IDBTransaction, from: number, to: number) => {
      const history = tx.objectStore(HISTORY);
      for (let i = from; i < to; i++) history.put(messages[i]);
      return history;
    };
    let from = 0;
    for (; messages.length - from > WRITE_STEP; from += WRITE_STEP) {
      const at = from;
      await transact(HISTORY, 'readwrite', (tx) => void put(tx, at, at + WRITE_STEP), this.dbName);
    }
    await transact(
      [HISTORY, ROOMS, META],
      'readwrite',
      (tx) => {
        const history = put(tx, from, messages.length);
        for (const r of rooms) tx.objectStore(ROOMS).put(r);
        for (const key of removed) history.delete(key);
        tx.objectStore(META).put({ account: this.account, v: CACHE_VERSION, activeRoom } satisfies CachedMeta);
        if (!messages.length) return;
        // Oldest first: per room, then for the account.
        for (const room of touched) this.trim(history.index('time'), prefixRange(this.account, room), this.limits.perRoom);
        this.trim(history.index('age'), prefixRange(this.account), this.limits.total);
      },
      this.dbName,
    );
  }

  /** Deletes the oldest records of `range` beyond `keep` (in the caller's transaction). */
  private trim(index: IDBIndex, range: IDBKeyRange, keep: number): void {
    const count = index.count(range);
    count.onsuccess = () => {
      let excess = count.result - keep;
      if (excess <= 0) return;
      const cursor = index.openCursor(range, 'next');
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c || excess-- <= 0) return;
        c.delete();
        c.continue();
      };
    };
  }

  /** Forgets a room the user left: its record and messages. */
  async removeRoom(room: string): Promise<void> {
    await transact(
      [HISTORY, ROOMS],
      'readwrite',
      (tx) => {
        tx.objectStore(HISTORY).delete(prefixRange(this.account, room));
        tx.objectStore(ROOMS).delete([this.account, room]);
      },
      this.dbName,
    );
  }

  /** Erases everything cached for this account (sign-out, `cache="off"`, another format). */
  async clear(): Promise<void> {
    await transact(
      [HISTORY, ROOMS, META],
      'readwrite',
      (tx) => {
        for (const store of [HISTORY, ROOMS, META]) tx.objectStore(store).delete(prefixRange(this.account));
      },
      this.dbName,
    );
  }

  /** How many messages are cached for this account (all rooms, or one). */
  async count(room?: string): Promise<number> {
    const range = room === undefined ? prefixRange(this.account) : prefixRange(this.account, room);
    return (await transact(HISTORY, 'readonly', (tx) => tx.objectStore(HISTORY).count(range), this.dbName)) ?? 0;
  }
}
