/**
 * Messages kept on this device from an earlier session (src/cache) into the store: a room as
 * the cache saw it, older cached pages, and the archive's check of what was shown from it.
 */
import type { Action } from './actions.js';
import type { Message } from './message.js';
import type { MessageIntake } from './message-intake.js';
import type { Room, RoomSnapshot, RoomSource } from './room.js';
import type { StoreContext } from './store-context.js';
import type { WireMessage, WireRoomRef } from './wire-events.js';

/** The store as cached history needs it: StoreContext, and listing a room. */
export interface CachedHistoryHost extends StoreContext {
  addRoom(ref: WireRoomRef, source: RoomSource, defaultNick: string): Room;
  applyAction(action: Action): void;
}

/** A span of the archive fetched again to check what the cache showed (HistoryPort.fetchSpan). */
export interface CheckedSpan {
  /** Oldest first. */
  messages: readonly WireMessage[];
  actions: readonly Action[];
  /** The archive's time the span starts at (ms). */
  start: number;
  /** The archive id it runs through: the newest message held when it was asked for. */
  through: string;
  /** The whole span came (a bounded fetch may stop short): only then are missing messages dropped. */
  whole: boolean;
}

export class CachedHistory {
  constructor(
    private readonly store: CachedHistoryHost,
    private readonly intake: MessageIntake,
  ) {}

  /**
   * A room as the history cache saw it, before the server says anything: listed with what its
   * list row showed, its read state and unread count, and its newest messages. A room listed
   * already (the page's) keeps what it has and gains the rest.
   */
  hydrateRoom(snapshot: RoomSnapshot, messages: readonly Message[]): void {
    // Listed on the cache's word only until the server's lists say (RoomEntry drops it otherwise).
    const room = this.store.addRoom({ room: snapshot.room, nick: snapshot.nick, name: snapshot.name, thumbnail: snapshot.thumbnail }, 'cache', snapshot.nick);
    this.store.change(room, (r) => {
      r.description ??= snapshot.description;
      r.readUpTo = Math.max(r.readUpTo, snapshot.readUpTo);
      if (r.timeline.size === 0) {
        r.unread = snapshot.unread;
        r.unreadMore = snapshot.unreadMore;
      }
      for (const m of messages) this.intake.restore(r, m, false);
      // Later sessions catch up from the newest cached message, as from a fetched page.
      if (r.timeline.newestArchived) r.historyFetched = true;
    });
  }

  /** Older messages from the history cache (oldest first), in front of what is loaded. */
  applyCachedPage(jid: string, messages: readonly Message[]): void {
    const room = this.store.room(jid);
    if (!room) return;
    this.store.change(room, (r) => {
      for (let i = messages.length - 1; i >= 0; i--) this.intake.restore(r, messages[i], true);
    });
  }

  /**
   * The archive's copy of messages kept from an earlier session, with the actions of that span:
   * what was deleted or edited meanwhile shows so, nothing is added twice, and a kept message
   * the archive no longer has in the span (withheld, or expunged) is dropped.
   */
  reconcile(jid: string, span: CheckedSpan): void {
    const { messages } = span;
    // Oldest first: a held message moved to the archive's time (whole seconds on some servers)
    // goes after those of the same time, so their order stays.
    const fresh = messages.filter((m) => m.room === jid && !this.intake.reconcile(m));
    // What we did not hold, as a page of older history (newest first, each before its equals).
    for (let i = fresh.length - 1; i >= 0; i--) this.intake.apply(fresh[i], false, true);
    for (const a of span.actions) this.store.applyAction(a);
    const room = this.store.room(jid);
    if (!room || !span.whole) return;
    const archived = new Set(messages.map((m) => m.stanzaId));
    const gone: string[] = [];
    for (const m of room.timeline.messages) {
      if (m.stanzaId && m.status === 'sent' && m.time >= span.start && !archived.has(m.stanzaId)) gone.push(m.key);
      if (m.stanzaId === span.through) break;
    }
    if (gone.length) this.store.change(room, (r) => gone.forEach((key) => r.timeline.remove(key)));
  }
}
