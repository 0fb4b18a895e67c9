// The history cache on disk (real IndexedDB of the test browser, a database of its own per test):
// bounds with the oldest evicted, a record format change dropping the account's cache, a
// database of version 1 (outbox only) upgraded with its outbox kept, accounts apart.
import { expect } from '@open-wc/testing';
import { CacheSync } from '../../../src/cache/cache-sync.js';
import { CACHE_VERSION, fromRecord, toRecord, type CachedRoom } from '../../../src/cache/cached-record.js';
import { HistoryCache, WRITE_STEP } from '../../../src/cache/history-cache.js';
import { CacheSearch } from '../../../src/cache/local-search.js';
import { closeDb, DB_VERSION, HISTORY, META, OUTBOX, ROOMS } from '../../../src/cache/idb.js';
import { ChatStore } from '../../../src/state/chat-store.js';
import type { Message } from '../../../src/state/message.js';
import { until } from '../../support/wait.js';

const ROOM = 'lobby@conference.localhost';
const OTHER = 'design@conference.localhost';
let dbName = '';
let n = 0;

function message(i: number, room = ROOM, extra: Partial<Message> = {}): Message {
  return {
    key: `s${i}`,
    room,
    nick: 'bob',
    senderJid: 'bob@localhost',
    senderName: 'bob',
    body: `message ${i}`,
    time: 1000 + i,
    stanzaId: `s${i}`,
    status: 'sent',
    own: false,
    ...extra,
  };
}

function roomRecord(account: string, room = ROOM, v = CACHE_VERSION): CachedRoom {
  return { account, room, v, nick: 'alice', subscribed: true, sources: ['subscription'], readUpTo: 1003, unread: 2, unreadMore: false };
}

async function deleteDb(name: string): Promise<void> {
  await closeDb(name);
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve(undefined);
  });
}

/** Calls `seen` before each put into the history store, until the returned function restores put. */
function spyOnPuts(seen: (store: IDBObjectStore) => void): () => void {
  const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!;
  Object.defineProperty(IDBObjectStore.prototype, 'put', {
    ...put,
    value(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === HISTORY) seen(this);
      return (put.value as IDBObjectStore['put']).apply(this, args);
    },
  });
  return () => Object.defineProperty(IDBObjectStore.prototype, 'put', put);
}

/** Alice's store, following her cache (read first). */
async function syncedStore(): Promise<{ store: ChatStore; sync: CacheSync }> {
  const store = new ChatStore();
  store.me = 'alice@localhost';
  const sync = new CacheSync(store, 'alice@localhost', undefined, dbName);
  await sync.hydrate(() => true);
  return { store, sync };
}

/** An archive page of bob's messages m1…mN. */
const archived = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ room: ROOM, nick: 'bob', body: `m${i + 1}`, stanzaId: `s${i + 1}`, time: 1001 + i, archived: true }));

describe('history cache (IndexedDB)', () => {
  beforeEach(() => {
    dbName = `ethora-chat-test-${Date.now()}-${n++}`;
  });
  afterEach(() => deleteDb(dbName));

  it('keeps at most perRoom messages per room and total per account, the oldest evicted', async () => {
    const cache = new HistoryCache('alice@localhost', { perRoom: 5, total: 8 }, dbName);
    await cache.save(
      [roomRecord('alice@localhost')],
      Array.from({ length: 7 }, (_, i) => toRecord('alice@localhost', message(i))),
      ROOM,
    );
    expect(await cache.count(ROOM)).to.equal(5);
    expect((await cache.newest(ROOM, 10)).map((m) => m.key)).to.deep.equal(['s2', 's3', 's4', 's5', 's6']);
    // A second room: the account's total is kept by evicting the oldest messages of any room.
    await cache.save(
      [],
      Array.from({ length: 5 }, (_, i) => toRecord('alice@localhost', message(100 + i, OTHER))),
      OTHER,
    );
    expect(await cache.count()).to.equal(8);
    expect((await cache.newest(ROOM, 10)).map((m) => m.key)).to.deep.equal(['s4', 's5', 's6']);
    expect(await cache.count(OTHER)).to.equal(5);
  });

  it('writes a burst in transactions of at most WRITE_STEP messages, each in its own task, bounds kept once', async () => {
    const cache = new HistoryCache('alice@localhost', { perRoom: 2 * WRITE_STEP, total: 10_000 }, dbName);
    await cache.save([], [], ROOM);
    // Each put's transaction; a transaction whose first put comes before the one before it
    // committed (its complete event, a task of its own) would share that one's task.
    const puts: IDBTransaction[] = [];
    const committed = new Set<IDBTransaction>();
    let early = 0;
    const restore = spyOnPuts(({ transaction: tx }) => {
      if (!puts.includes(tx)) {
        if (puts.some((t) => !committed.has(t))) early++;
        tx.addEventListener('complete', () => committed.add(tx));
      }
      puts.push(tx);
    });
    const count = 2 * WRITE_STEP + 7;
    try {
      await cache.save(
        [roomRecord('alice@localhost')],
        Array.from({ length: count }, (_, i) => toRecord('alice@localhost', message(i))),
        ROOM,
      );
    } finally {
      restore();
    }
    const sizes = [...new Set(puts)].map((tx) => puts.filter((t) => t === tx).length);
    expect(sizes).to.deep.equal([WRITE_STEP, WRITE_STEP, 7]);
    expect(early, 'transactions begun before the one before committed').to.equal(0);
    expect(await cache.count(ROOM), 'the room kept to its bound').to.equal(2 * WRITE_STEP);
    expect((await cache.newest(ROOM, 1))[0].key).to.equal(`s${count - 1}`);
  });

  it('pages back from a time, leaving out what is loaded', async () => {
    const cache = new HistoryCache('alice@localhost', undefined, dbName);
    await cache.save(
      [],
      Array.from({ length: 10 }, (_, i) => toRecord('alice@localhost', message(i))),
      ROOM,
    );
    const page = await cache.older(ROOM, 1006, 3, (key) => key === 's6');
    expect(page.map((m) => m.key)).to.deep.equal(['s3', 's4', 's5']);
  });

  it('keeps the order of messages of one millisecond (whole-second archive stamps), paging back too', async () => {
    const cache = new HistoryCache('alice@localhost', undefined, dbName);
    // Keys that sort against the timeline's order, all of one time.
    const same = ['zz', 'mm', 'aa'].map((key, rank) => toRecord('alice@localhost', message(0, ROOM, { key, stanzaId: key, time: 5000 }), rank));
    await cache.save([roomRecord('alice@localhost')], [toRecord('alice@localhost', message(1, ROOM, { time: 4000 })), ...same], ROOM);
    const newest = await cache.newest(ROOM, 10);
    expect(newest.map((m) => [m.key, m.time])).to.deep.equal([
      ['s1', 4000],
      ['zz', 5000],
      ['mm', 5000],
      ['aa', 5000],
    ]);
    // Paging back from the newest loaded one (time 5000) brings its older siblings of that millisecond.
    expect((await cache.older(ROOM, 5000, 10, (k) => k === 'aa')).map((m) => m.key)).to.deep.equal(['s1', 'zz', 'mm']);
  });

  it('another account on the same browser sees none of it; clear erases one account only', async () => {
    const alice = new HistoryCache('alice@localhost', undefined, dbName);
    const bob = new HistoryCache('bob@localhost', undefined, dbName);
    await alice.save([roomRecord('alice@localhost')], [toRecord('alice@localhost', message(1))], ROOM);
    await bob.save([roomRecord('bob@localhost', OTHER)], [toRecord('bob@localhost', message(2, OTHER))], OTHER);
    expect((await bob.load()).rooms.map((r) => r.room)).to.deep.equal([OTHER]);
    expect(await bob.newest(ROOM, 10)).to.deep.equal([]);
    expect(await bob.count()).to.equal(1);
    await alice.clear();
    expect((await alice.load()).rooms).to.deep.equal([]);
    expect(await alice.count()).to.equal(0);
    expect((await bob.load()).rooms).to.have.length(1);
  });

  it('a record of another format version drops the account cache', async () => {
    const cache = new HistoryCache('alice@localhost', undefined, dbName);
    await cache.save([roomRecord('alice@localhost', ROOM, CACHE_VERSION + 1)], [toRecord('alice@localhost', message(1))], ROOM);
    expect((await cache.load()).rooms).to.deep.equal([]);
    expect(await cache.count(), 'its messages went too').to.equal(0);
  });

  it('upgrades a version 1 database (outbox only): the outbox is kept, the cache stores are added', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(OUTBOX, { keyPath: ['account', 'room', 'id'] });
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(OUTBOX, 'readwrite');
        tx.objectStore(OUTBOX).put({ account: 'alice@localhost', room: ROOM, id: 'o1', body: 'queued', time: 1 });
        tx.oncomplete = () => (db.close(), resolve());
      };
      req.onerror = () => reject(req.error);
    });
    const cache = new HistoryCache('alice@localhost', undefined, dbName);
    await cache.save([roomRecord('alice@localhost')], [toRecord('alice@localhost', message(1))], ROOM);
    expect(await cache.count()).to.equal(1);
    const { names, version, outbox } = await new Promise<{ names: string[]; version: number; outbox: unknown[] }>((resolve) => {
      const req = indexedDB.open(dbName);
      req.onsuccess = () => {
        const db = req.result;
        const get = db.transaction(OUTBOX).objectStore(OUTBOX).getAll();
        get.onsuccess = () => (resolve({ names: [...db.objectStoreNames], version: db.version, outbox: get.result }), db.close());
      };
    });
    expect(version).to.equal(DB_VERSION);
    expect(names).to.include.members([OUTBOX, HISTORY, ROOMS, META]);
    expect(outbox).to.have.length(1);
  });
});

describe('history cache records', () => {
  it('drops what is not a message, and keeps reactions prototype-less', () => {
    expect(fromRecord({ ...toRecord('a', message(1)), body: 42 })).to.equal(undefined);
    expect(fromRecord({ ...toRecord('a', message(1)), media: { url: 'https://x/y', onclick: 'evil' } })).to.equal(undefined);
    expect(fromRecord(null)).to.equal(undefined);
    const back = fromRecord({ ...toRecord('a', message(1)), reactions: { toString: { name: 'mallory', emojis: ['👍'] } } })!;
    expect(Object.getPrototypeOf(back.reactions)).to.equal(null);
    expect(Object.entries(back.reactions!)).to.deep.equal([['toString', { name: 'mallory', emojis: ['👍'] }]]);
  });

  it('never keeps an occupant number or a delivery state', () => {
    const record = toRecord('a', message(1, ROOM, { occupant: 7 }));
    expect(record).to.not.have.property('occupant');
    expect(record).to.not.have.property('status');
  });
});

describe('cache sync (store <-> cache)', () => {
  beforeEach(() => {
    dbName = `ethora-chat-test-${Date.now()}-${n++}`;
  });
  afterEach(() => deleteDb(dbName));

  it('writes what the store shows and brings it back in another store, unread counted once', async () => {
    const { store: first, sync } = await syncedStore();
    first.addRoom({ room: ROOM, name: 'Lobby' }, 'subscription', 'alice');
    first.applyHistoryPage(ROOM, archived(3), [], false);
    first.countUnread(ROOM, false);
    first.setActiveRoom(ROOM);
    await sync.stop();
    // A second tab of the account writes the same state: absolute records, nothing doubles.
    await (await syncedStore()).sync.stop();

    const { store: second, sync: again } = await syncedStore();
    const room = second.room(ROOM)!;
    expect(room.title).to.equal('Lobby');
    expect(room.timeline.messages.map((m) => m.body)).to.deep.equal(['m1', 'm2', 'm3']);
    expect(room.unread).to.equal(3);
    expect(second.activeRoom).to.equal(ROOM);
    expect(again.unchecked(ROOM)).to.deep.equal({ start: 1001, max: 3 });
    await again.stop();
    await until(async () => (await new HistoryCache('alice@localhost', undefined, dbName).count()) === 3, 'three messages on disk');
  });

  it('a room left while a write of several transactions is under way stays out of the cache', async () => {
    const { store, sync } = await syncedStore();
    store.addRoom({ room: ROOM, name: 'Lobby' }, 'subscription', 'alice');
    store.applyHistoryPage(ROOM, archived(3 * WRITE_STEP), [], false);
    // The room is left as its messages' first transaction is written.
    const restore = spyOnPuts(() => store.room(ROOM) && store.removeRoom(ROOM));
    try {
      await until(() => !store.room(ROOM), 'the room left during the write', 5000);
      await sync.stop();
    } finally {
      restore();
    }
    const cache = new HistoryCache('alice@localhost', undefined, dbName);
    expect(await cache.count(ROOM), 'messages of the left room').to.equal(0);
    expect((await cache.load())?.rooms.map((r) => r.room) ?? [], 'rooms').to.not.include(ROOM);
  });
});

describe('local search over the cache', () => {
  beforeEach(() => {
    dbName = `ethora-chat-test-${Date.now()}-${n++}`;
  });
  afterEach(() => deleteDb(dbName));

  it('matches bodies case-insensitively, newest first, across batches, by room, never deleted ones or another account', async () => {
    const cache = new HistoryCache('alice@localhost', undefined, dbName);
    // 1,200 messages: more than two batches of the cursor.
    const many = Array.from({ length: 1200 }, (_, i) => message(i, i % 2 ? OTHER : ROOM, { body: i % 100 === 0 ? `Needle ${i}` : `hay ${i}` }));
    many[0] = message(0, ROOM, { body: '', deleted: true });
    await cache.save(
      [],
      many.map((m) => toRecord('alice@localhost', m)),
      ROOM,
    );
    await new HistoryCache('bob@localhost', undefined, dbName).save([], [toRecord('bob@localhost', message(5000, ROOM, { body: 'needle of bob' }))], ROOM);
    const search = new CacheSearch('alice@localhost', dbName);
    const all = await search.search('NEEDLE', { limit: 50 });
    expect(all.map((h) => h.body)).to.deep.equal(Array.from({ length: 11 }, (_, i) => `Needle ${1100 - i * 100}`));
    expect(all[0]).to.include({ room: ROOM, key: 's1100', stanzaId: 's1100', author: 'bob', from: 'bob@localhost', time: 2100 });
    expect((await search.search('needle', { limit: 3 })).map((h) => h.key)).to.deep.equal(['s1100', 's1000', 's900']);
    expect((await search.search('needle', { room: OTHER, limit: 10 })).length).to.equal(0);
    const hits = await search.search('HAY 11', { room: OTHER, limit: 1000 });
    const want = many
      .filter((m) => m.room === OTHER && m.body.includes('hay 11'))
      .map((m) => m.key)
      .reverse();
    expect(hits.map((h) => h.key)).to.deep.equal(want);
  });
});
