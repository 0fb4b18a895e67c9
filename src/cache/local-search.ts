/**
 * Search over the history cache (LocalSearchSource, the interface of session/search.ts): a
 * case-insensitive substring match over the bodies kept on this device, newest first. The cache
 * is bounded (history-cache.ts), and it is read with an IndexedDB cursor in batches, each batch
 * its own transaction and the next one in a later task, so a search never holds the main thread
 * for long.
 */
import { fromRecord } from './cached-record.js';
import { DB_NAME, HISTORY, prefixRange, transact } from './idb.js';
import type { LocalSearchSource, SearchHit } from '../session/search.js';

/** Records read per task. */
const BATCH = 500;

export class CacheSearch implements LocalSearchSource {
  constructor(
    private readonly account: string,
    private readonly dbName = DB_NAME,
  ) {}

  async search(query: string, opts: { room?: string; limit: number }): Promise<SearchHit[]> {
    const needle = query.trim().toLowerCase();
    const limit = Math.max(0, Math.floor(opts.limit));
    const hits: SearchHit[] = [];
    if (!needle || !limit) return hits;
    // By room: index [account, room, time]; all rooms: [account, time]. Newest first.
    const index = opts.room === undefined ? 'age' : 'time';
    const prefix = opts.room === undefined ? [this.account] : [this.account, opts.room];
    let resumeAt: { key: IDBValidKey; primaryKey: IDBValidKey } | undefined;
    for (;;) {
      let read = 0;
      let last: typeof resumeAt;
      let more = false;
      await transact(
        HISTORY,
        'readonly',
        (tx) => {
          const req = tx
            .objectStore(HISTORY)
            .index(index)
            .openCursor(prefixRange(...prefix), 'prev');
          // Back to where the last batch stopped (that record itself was read already): seek, then skip it.
          let seek: 'none' | 'first' | 'landed' = resumeAt === undefined ? 'none' : 'first';
          req.onsuccess = () => {
            const c = req.result;
            if (!c) return;
            if (seek !== 'none') {
              const at = resumeAt!;
              const there = indexedDB.cmp(c.key, at.key) === 0 && indexedDB.cmp(c.primaryKey, at.primaryKey) === 0;
              const step = seek;
              seek = 'none';
              if (there) return c.continue();
              if (step === 'first') {
                seek = 'landed';
                return c.continuePrimaryKey(at.key, at.primaryKey);
              }
              // The record went meanwhile: this one is the next to read.
            }
            const m = fromRecord(c.value);
            if (m && !m.deleted && !m.system && m.body.toLowerCase().includes(needle)) {
              hits.push({ room: m.room, key: m.key, stanzaId: m.stanzaId, author: m.senderName, from: m.senderJid ?? m.nick, time: m.time, body: m.body });
            }
            last = { key: c.key, primaryKey: c.primaryKey };
            if (hits.length >= limit) return;
            if (++read >= BATCH) return void (more = true);
            c.continue();
          };
        },
        this.dbName,
      );
      if (!more || hits.length >= limit || !last) break;
      resumeAt = last;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return hits.slice(0, limit);
  }
}
