/**
 * The widget's one IndexedDB database (`ethora-chat`): opening, upgrading and transactions, for
 * the outbox (session/outbox-store.ts) and the history cache (history-cache.ts). Every call
 * quietly does nothing where IndexedDB is unavailable (blocked storage, some private modes, a
 * sandboxed frame): callers then keep what they have in memory only.
 *
 * Versions: 1 had the outbox only; 2 adds the history cache's stores. An upgrade creates what
 * the older version lacked and keeps the rest. A page still holding an older version open is
 * asked to close it (versionchange), so a newer widget in another tab is not blocked for long.
 */
export const DB_NAME = 'ethora-chat';
export const DB_VERSION = 2;

export const OUTBOX = 'outbox';
/** Cached messages: [account, room, key], indexed by [account, room, time] and [account, time]. */
export const HISTORY = 'history';
/** Cached rooms: [account, room]. */
export const ROOMS = 'rooms';
/** One record per account: [account] (the open room, the format version). */
export const META = 'meta';

const opened = new Map<string, Promise<IDBDatabase | undefined>>();

function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) db.createObjectStore(OUTBOX, { keyPath: ['account', 'room', 'id'] });
  if (oldVersion < 2) {
    const history = db.createObjectStore(HISTORY, { keyPath: ['account', 'room', 'key'] });
    history.createIndex('time', ['account', 'room', 'time']);
    history.createIndex('age', ['account', 'time']);
    db.createObjectStore(ROOMS, { keyPath: ['account', 'room'] });
    db.createObjectStore(META, { keyPath: ['account'] });
  }
}

/** The database (undefined without IndexedDB). `name` only for tests. */
export function openDb(name = DB_NAME): Promise<IDBDatabase | undefined> {
  let opening = opened.get(name);
  if (!opening) {
    opening = new Promise((resolve) => {
      try {
        const req = indexedDB.open(name, DB_VERSION);
        req.onupgradeneeded = (e) => upgrade(req.result, e.oldVersion);
        req.onsuccess = () => {
          const db = req.result;
          db.onversionchange = () => {
            db.close();
            opened.delete(name);
          };
          resolve(db);
        };
        req.onerror = () => resolve(undefined);
        req.onblocked = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
    opened.set(name, opening);
  }
  return opening;
}

/**
 * Runs `work` in one transaction over `stores`; resolves once committed with what it returned (a
 * request's result, or a function's value read then), undefined on any failure.
 */
export async function transact<T>(
  stores: string | string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => IDBRequest<T> | (() => T) | void,
  name = DB_NAME,
): Promise<T | undefined> {
  const db = await openDb(name);
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const tx = db.transaction(stores, mode);
      const req = work(tx);
      tx.oncomplete = () => resolve(typeof req === 'function' ? req() : req ? req.result : undefined);
      tx.onerror = tx.onabort = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

/** Keys that start with `prefix` (an array key's first parts): [prefix…] to [prefix…, []]. */
export function prefixRange(...prefix: IDBValidKey[]): IDBKeyRange {
  return IDBKeyRange.bound(prefix, [...prefix, []]);
}

/** Closes and forgets the connection to a database (tests that delete it). */
export async function closeDb(name = DB_NAME): Promise<void> {
  const db = await opened.get(name);
  opened.delete(name);
  db?.close();
}
