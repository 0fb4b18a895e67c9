/**
 * Keeps the on-disk outbox (outbox-store.ts) equal to the pending messages of the ChatStore,
 * and brings it back after a reload: restored messages show as pending again and are sent
 * once the session is back, unless the room's archive shows they already arrived (they may
 * have reached the room just before the page went away, with the echo lost).
 */
import type { HistoryPage } from '../protocol/room-requests.js';
import type { ChatStore } from '../state/chat-store.js';
import { contentOf } from '../state/message.js';
import { OutboxStore } from './outbox-store.js';

/** How far before a restored message's (local) time the archive is searched: clock skew. */
const SKEW_MS = 5 * 60_000;
/** At most this many archived messages are fetched to confirm restored ones. */
const CONFIRM_PAGE = 100;

export class PersistentOutbox {
  private readonly disk: OutboxStore;
  /** Restored and not yet checked against the archive: room -> oldest typed time. */
  private readonly restored = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private loaded: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ChatStore,
    account: string,
  ) {
    this.disk = new OutboxStore(account);
  }

  /** Erases what an earlier page stored for this account (persistence turned off). */
  static forget(account: string): Promise<void> {
    return new OutboxStore(account).clear();
  }

  /**
   * Shows the stored messages as pending again. `ensureRoom` returns whether their room may be
   * listed (adding it if needed); messages for other rooms stay stored.
   */
  restore(ensureRoom: (room: string) => boolean): Promise<void> {
    this.loaded = this.disk.load().then((records) => {
      for (const r of records) {
        if (this.store.room(r.room)?.timeline.find(r.id) || !ensureRoom(r.room)) continue;
        if (!this.store.addPending(r.room, r.id, contentOf(r))) continue;
        this.restored.set(r.room, Math.min(this.restored.get(r.room) ?? Infinity, r.time));
      }
    });
    return this.loaded;
  }

  /** The room's pending messages changed: store them (once per burst). */
  save(room: string): void {
    if (this.dirty.has(room)) return;
    this.dirty.add(room);
    void this.loaded.then(() => {
      this.dirty.delete(room);
      const pending = this.store.pending(room).map((m) => ({ ...contentOf(m), room, id: m.originId ?? m.key, time: m.time }));
      return this.disk.replace(room, pending);
    });
  }

  /**
   * Before restored messages are sent again: applies the archive since the oldest of them, so
   * those that did reach the room are confirmed by their origin-id instead of being resent.
   */
  async confirmRestored(room: string, fetchSince: (start: number, max: number) => Promise<HistoryPage>): Promise<void> {
    const since = this.restored.get(room);
    if (since === undefined) return;
    this.restored.delete(room);
    try {
      const page = await fetchSince(since - SKEW_MS, CONFIRM_PAGE);
      this.store.applyOlderPage(page.messages);
    } catch {
      // Not confirmed: sending again is the lesser evil (peers also match it by origin-id).
    }
  }
}
