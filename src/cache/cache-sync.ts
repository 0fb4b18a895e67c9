/**
 * Keeps the history cache (history-cache.ts) and a session's ChatStore in step: at start the
 * cached rooms and the open room's newest page go into the store through its named transition
 * (hydrateRoom) before any network; afterwards what the store shows is written back, a burst of
 * changes at a time, only the messages that changed. The session's history reads older pages
 * from here before asking the archive (HistoryCachePort).
 */
import { CacheSearch } from './local-search.js';
import type { HistoryCachePort } from '../session/link.js';
import type { ChatStore } from '../state/chat-store.js';
import type { Message } from '../state/message.js';
import type { Room } from '../state/room.js';
import { cacheable, toRecord, CACHE_VERSION, type CachedMessage, type CachedRoom } from './cached-record.js';
import { HistoryCache, type CacheLimits } from './history-cache.js';
import { forgetKnown, markKnown } from './known-accounts.js';

/** Messages of the open room painted from the cache at start (other rooms: their newest one, the preview). */
export const WARM_PAGE = 30;
/** Changes are written at most this often (ms). */
const SAVE_EVERY = 250;

export class CacheSync implements HistoryCachePort {
  private readonly cache: HistoryCache;
  /** The message object last written, by room and key (messages are replaced, never mutated). */
  private readonly written = new Map<string, Map<string, Message>>();
  /** Rooms hydrated from the cache and the time of their oldest hydrated message, until checked. */
  private readonly toCheck = new Map<string, { start: number; count: number }>();
  private readonly dirty = new Set<string>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly watched = new Map<string, () => void>();
  private timer?: ReturnType<typeof setTimeout>;
  private saving: Promise<void> = Promise.resolve();
  private stopped = false;
  /** The account is marked known on this device (known-accounts.ts). */
  private marked = false;
  /** The store's changes are being written (watch()). */
  private following = false;

  constructor(
    private readonly store: ChatStore,
    readonly account: string,
    limits?: CacheLimits,
    dbName?: string,
  ) {
    this.cache = new HistoryCache(account, limits, dbName);
    this.search = new CacheSearch(account, dbName);
  }

  /** The cached messages of the account, searched (local-search.ts). */
  readonly search: CacheSearch;

  /** Erases what is cached for an account (sign-out, `cache="off"`). */
  static async forget(account: string, dbName?: string): Promise<void> {
    forgetKnown(account);
    await new HistoryCache(account, undefined, dbName).clear();
  }

  /**
   * Puts the cached rooms, each one's newest message and the open room's newest page into the
   * store (rooms refused by `allowRoom` stay out), then watches the store. Returns how many rooms came back.
   */
  async hydrate(allowRoom: (room: string) => boolean): Promise<number> {
    const { rooms, activeRoom } = await this.cache.load();
    const shown = rooms.filter((r) => allowRoom(r.room));
    const active = shown.some((r) => r.room === activeRoom) ? activeRoom : undefined;
    const pages = await Promise.all(shown.map((r) => this.cache.newest(r.room, r.room === active ? WARM_PAGE : 1)));
    if (this.stopped) return 0;
    shown.forEach((r, i) => {
      this.store.hydrateRoom(r, pages[i]);
      const first = pages[i][0];
      if (first) this.toCheck.set(r.room, { start: first.time, count: pages[i].length });
      this.remember(r.room, pages[i]);
    });
    if (active && !this.store.activeRoom) this.store.setActiveRoom(active);
    this.watch();
    return shown.length;
  }

  /** HistoryCachePort: older cached messages of a room, before the oldest archived one loaded. */
  async older(room: string, max: number): Promise<Message[]> {
    const r = this.store.room(room);
    const oldest = r?.timeline.oldestArchived;
    if (!r || !oldest) return [];
    const page = await this.cache.older(room, oldest.time, max, (key) => r.timeline.find(key) !== undefined);
    this.remember(room, page);
    const check = this.toCheck.get(room);
    if (check && page[0]) this.toCheck.set(room, { start: page[0].time, count: check.count + page.length });
    return page;
  }

  /** HistoryCachePort: the span held from the cache and not checked against the archive yet (asked once). */
  unchecked(room: string): { start: number; max: number } | undefined {
    const check = this.toCheck.get(room);
    this.toCheck.delete(room);
    return check && { start: check.start, max: Math.min(check.count, 100) };
  }

  /** Stops watching; what changed is still written. */
  async stop(): Promise<void> {
    // Changes whose notification is still queued are written too.
    if (!this.stopped) for (const r of this.store.rooms) this.dirty.add(r.jid);
    this.stopped = true;
    for (const off of [...this.unsubscribe, ...this.watched.values()]) off();
    this.unsubscribe.length = 0;
    this.watched.clear();
    this.flush();
    await this.saving;
  }

  /** Stops and erases this account's cache. */
  async erase(): Promise<void> {
    this.stopped = true;
    this.dirty.clear();
    await this.stop();
    await CacheSync.forget(this.account, this.cache.dbName);
  }

  /** Starts writing the store's rooms without reading anything back (an account new on this device). */
  follow(): void {
    if (!this.following && !this.stopped) this.watch();
  }

  private remember(room: string, messages: readonly Message[]): void {
    let map = this.written.get(room);
    if (!map) this.written.set(room, (map = new Map<string, Message>()));
    for (const m of messages) map.set(m.key, m);
  }

  private watch(): void {
    this.following = true;
    const follow = () => {
      const jids = new Set(this.store.rooms.map((r) => r.jid));
      for (const [jid, off] of this.watched) {
        if (jids.has(jid)) continue;
        off();
        this.watched.delete(jid);
        this.written.delete(jid);
        this.dirty.delete(jid);
        // After the writes already queued: a save of several transactions would write the room back.
        this.saving = this.saving.then(() => this.cache.removeRoom(jid));
      }
      // A room's own topic reports its changes; a new room is written once now.
      for (const jid of jids) {
        if (this.watched.has(jid)) continue;
        this.watched.set(
          jid,
          this.store.subscribe(`room:${jid}`, () => this.changed(jid)),
        );
        this.changed(jid);
      }
    };
    this.unsubscribe.push(this.store.subscribe('rooms', follow));
    follow();
  }

  private changed(jid: string): void {
    this.dirty.add(jid);
    this.timer ??= setTimeout(() => this.flush(), SAVE_EVERY);
  }

  /** Writes the dirty rooms: their records, and their messages that changed since last written. */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty.size) return;
    const rooms: CachedRoom[] = [];
    const messages: CachedMessage[] = [];
    const removed: [string, string, string][] = [];
    for (const jid of this.dirty) {
      const room = this.store.room(jid);
      if (!room) continue;
      rooms.push(this.roomRecord(room));
      let map = this.written.get(jid);
      if (!map) this.written.set(jid, (map = new Map<string, Message>()));
      const held = new Set<string>();
      let rank = 0;
      room.timeline.messages.forEach((m, i, all) => {
        rank = i > 0 && all[i - 1].time === m.time ? rank + 1 : 0;
        // A blocked author's messages are not kept (the server withholds them from the archive too).
        if (!cacheable(m) || this.store.isHidden(m)) return;
        held.add(m.key);
        if (map.get(m.key) === m) return;
        map.set(m.key, m);
        messages.push(toRecord(this.account, m, rank));
      });
      // What the timeline no longer holds (the archive dropped it) or now hides is erased.
      for (const key of map.keys()) {
        if (held.has(key)) continue;
        map.delete(key);
        removed.push([this.account, jid, key]);
      }
    }
    this.dirty.clear();
    if (!this.marked) markKnown(this.account);
    this.marked = true;
    const active = this.store.activeRoom;
    // One write at a time, in order: a later state never lands before an earlier one.
    this.saving = this.saving.then(() => this.cache.save(rooms, messages, active, removed));
  }

  private roomRecord(r: Room): CachedRoom {
    return {
      account: this.account,
      room: r.jid,
      v: CACHE_VERSION,
      name: r.name,
      description: r.description,
      thumbnail: r.thumbnail,
      nick: r.nick,
      subscribed: r.subscribed,
      // A page's `rooms` attribute pins a room on that page only.
      sources: [...r.sources].filter((s) => s !== 'attribute'),
      readUpTo: r.readUpTo,
      unread: r.unread,
      unreadMore: r.unreadMore,
    };
  }
}
