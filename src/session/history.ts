/**
 * A room's history from its archive (MAM): older pages on demand, the catch-up after a
 * (re)join, and finding a message (a reply's original) by loading pages until it shows.
 */
import type { HistoryPage } from '../protocol/room-requests.js';
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import type { Link } from './link.js';

/** Messages per history page (MAM). */
export const PAGE_SIZE = 30;
/** At most this many messages since the read mark are fetched to count unread ones. */
const UNREAD_PAGE = 50;
/** How much earlier than the oldest cached message the archive's check starts. */
const SPAN_SLACK_MS = 60_000;
/** At most this many pages are loaded to find one message. */
const FIND_PAGES = 50;

export class History {
  /** Page loads in flight, by room. */
  private readonly loads = new Map<string, Promise<void>>();

  constructor(private readonly link: Link) {}

  /** Loads the page of history before the oldest loaded message (one load at a time per room). */
  loadOlder(jid: string): Promise<void> {
    let load = this.loads.get(jid);
    if (!load) {
      load = this.fetchOlder(jid).finally(() => this.loads.delete(jid));
      this.loads.set(jid, load);
    }
    return load;
  }

  private async fetchOlder(jid: string): Promise<void> {
    const { store } = this.link;
    const room = store.room(jid);
    if (!room || room.timeline.complete) return;
    // Pages kept on this device come first: no archive query, and readable offline.
    const cached = await this.link.cache()?.older(jid, PAGE_SIZE);
    if (cached?.length) return store.applyCachedPage(jid, cached);
    // The archive only once the session is up: a request written while the connection is still
    // being made would go to a socket that is not open yet.
    const conn = this.link.online();
    if (!conn) return;
    store.historyLoading(jid, true);
    try {
      const before = room.timeline.oldestArchived?.stanzaId ?? '';
      this.applyPage(jid, await conn.fetchHistory(jid, { before, max: PAGE_SIZE }));
    } catch (err) {
      store.historyFailed(jid, (err as Error).message);
    } finally {
      store.historyLoading(jid, false);
    }
  }

  /** The key of the message with this archive id, loading older history until it is found. */
  async find(room: string, stanzaId: string): Promise<string | undefined> {
    for (let pages = 0; pages < FIND_PAGES; pages++) {
      const r = this.link.store.room(room);
      const hit = r?.timeline.byStanzaId(stanzaId);
      if (hit) return hit.key;
      if (!r || r.timeline.complete || r.historyError || !this.link.conn()) return undefined;
      await this.loadOlder(room);
    }
    return undefined;
  }

  /**
   * Asks for the newest page of a room we have no history of yet, without waiting for its join
   * or the read marks: written right after the join presence (the room handles the join first),
   * its answer arrives with the join's. catchUp() takes it; undefined if asking makes no sense.
   */
  prefetchNewest(conn: XmppConnection, jid: string): Promise<HistoryPage | undefined> | undefined {
    const room = this.link.store.room(jid);
    if (!room || room.historyFetched) return undefined;
    const page = conn.fetchHistory(jid, { before: '', max: PAGE_SIZE }).catch(() => undefined);
    return page;
  }

  /**
   * Fetches what the archive has after the newest message we know (or the newest page).
   * `prefetched`: the newest page asked for with the join (prefetchNewest); a failed one is
   * asked for again here, the usual way.
   */
  async catchUp(conn: XmppConnection, jid: string, prefetched?: Promise<HistoryPage | undefined>): Promise<void> {
    const { store } = this.link;
    const room = store.room(jid)!;
    const newest = room.timeline.newestArchived?.stanzaId;
    const early = await prefetched;
    try {
      if (room.historyFetched && newest) {
        // What was shown from the device's cache is checked once against the archive: edits and
        // deletions made meanwhile (the archive keeps a message's current text or a tombstone).
        // Before the catch-up, whose edits may be newer than the archived text (XEP-0308 keeps it).
        const held = this.link.cache()?.unchecked(jid);
        if (held) {
          // From a little earlier: the archive stamps a message before this device received it.
          const span = await conn.fetchSpan(jid, held.start - SPAN_SLACK_MS, newest);
          store.reconcilePage(jid, { ...span, start: held.start, through: newest, whole: span.complete });
        }
        const page = await conn.fetchAfter(jid, newest);
        store.applyNewerPage(page.messages, page.actions);
        // The open room shows a page (its cache may have held fewer; older pages come from the cache first).
        if (jid === store.activeRoom && room.timeline.size < PAGE_SIZE) await this.loadOlder(jid);
      } else if (early) {
        this.applyPage(jid, early);
        // Unread since the read mark: all in this page, unless the whole page is unread and
        // older messages exist; then the usual unread page (50 at most) counts them.
        const oldest = early.messages[0]?.time ?? 0;
        if (room.readUpTo > 0 && !early.complete && oldest > room.readUpTo) {
          const page = await conn.fetchHistory(jid, { before: '', max: UNREAD_PAGE, start: room.readUpTo + 1 });
          this.applyPage(jid, page, false);
          store.countUnread(jid, !page.complete);
        } else if (room.readUpTo > 0) store.countUnread(jid, false);
      } else if (room.readUpTo > 0) {
        // The newest messages since the read mark: they give the unread count (and preview).
        const page = await conn.fetchHistory(jid, { before: '', max: UNREAD_PAGE, start: room.readUpTo + 1 });
        this.applyPage(jid, page, false);
        // The open room shows a page of the newest messages, read or not (not just the unread
        // ones, or only the newest one when all are read); another room needs one, for its preview.
        const shown = jid === store.activeRoom ? PAGE_SIZE : 1;
        if (page.messages.length < shown) this.applyPage(jid, await conn.fetchHistory(jid, { before: '', max: shown }));
        store.countUnread(jid, !page.complete);
      } else {
        this.applyPage(jid, await conn.fetchHistory(jid, { before: '', max: jid === store.activeRoom ? PAGE_SIZE : 1 }));
      }
    } catch (err) {
      store.historyFailed(jid, (err as Error).message);
    }
  }

  /**
   * A page of older history: its messages in front of what is loaded, then its actions.
   * `reachesStart`: the page's `complete` means the archive's start (false for a page limited
   * by a start time).
   */
  private applyPage(jid: string, page: HistoryPage, reachesStart = true): void {
    this.link.store.applyHistoryPage(jid, page.messages, page.actions, page.complete && reachesStart);
  }
}
