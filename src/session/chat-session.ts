import { XmppConnection } from '../protocol/xmpp-connection.js';
import type { WireRoomRef } from '../protocol/types.js';
import { ChatStore } from '../state/chat-store.js';
import type { RoomSource } from '../state/room.js';
import { bareJid, localPart, newId } from './ids.js';

export interface SessionOptions {
  service: string;
  jid: string;
  password: string;
  /** Nick to use in rooms; default: the JID's local part. */
  nick?: string;
  /** Room JIDs to join at start (pinned in the list). */
  rooms: string[];
  maxReconnectAttempts: number;
}

/** Messages per history page (MAM). */
export const PAGE_SIZE = 30;

/**
 * One chat session: an XMPP connection feeding a ChatStore, and the one door for user
 * intents (send, open a room, load older history, retry). Elements get it by context and
 * never see the XMPP client.
 */
export class ChatSession {
  readonly store = new ChatStore();
  private conn?: XmppConnection;
  private options?: SessionOptions;
  /** Ids of our messages handed to the current XMPP session and not yet echoed. */
  private inFlight = new Set<string>();
  /** False from a lost connection until the next session has started (resumed or new). */
  private ready = false;

  get nick(): string {
    return this.options?.nick || localPart(this.options?.jid ?? '');
  }

  /** Connects with the given credentials; resolves when online, rejects with a human error. */
  async start(options: SessionOptions): Promise<void> {
    await this.stop();
    this.options = options;
    this.store.me = bareJid(options.jid);
    for (const room of options.rooms) this.addRoom({ room: bareJid(room).toLowerCase() }, 'attribute');
    const conn = new XmppConnection(
      {
        service: options.service,
        jid: options.jid,
        password: options.password,
        maxReconnectAttempts: options.maxReconnectAttempts,
      },
      {
        status: (s) => {
          if (s.status !== 'online') this.ready = false;
          this.store.setConnection(s);
        },
        sessionStarted: ({ jid, resumed }) => void this.onSessionStarted(jid, resumed),
        message: (m) => {
          const kept = this.store.applyMessage(m, true);
          if (kept?.own && kept.originId) this.inFlight.delete(kept.originId);
        },
        messageError: (e) => {
          this.inFlight.delete(e.id);
          this.store.failMessage(e.room, e.id, e.reason);
        },
        occupant: (o) => {
          this.store.applyOccupant(o);
          if (o.self && !o.available && !o.newNick) {
            const why = o.codes.includes(301) ? 'You were banned from this room' : o.codes.includes(307) ? 'You were removed from this room' : undefined;
            if (why) this.store.changeRoom(o.room, (r) => ((r.join = 'error'), (r.joinError = o.reason ? `${why}: ${o.reason}` : why)));
          }
        },
        joinError: (e) => this.store.changeRoom(e.room, (r) => ((r.join = 'error'), (r.joinError = e.reason))),
      },
    );
    this.conn = conn;
    this.store.setConnection({ status: 'connecting', attempt: 0, maxAttempts: options.maxReconnectAttempts });
    await conn.connect();
  }

  async stop(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    this.inFlight.clear();
    if (conn) await conn.disconnect();
  }

  /** After the error state: try again from the first attempt. */
  retry(): void {
    this.conn?.retry();
  }

  openRoom(jid: string): void {
    const room = this.store.room(jid);
    if (!room) return;
    this.store.setActiveRoom(jid);
    if (room.timeline.size < PAGE_SIZE && !room.timeline.complete && this.store.connection.status === 'online') {
      void this.loadOlder(jid);
    }
  }

  /** Sends text to a room: shown at once as pending, delivered now or when back online. */
  send(room: string, text: string): void {
    const body = text.trim();
    if (!body) return;
    const m = this.store.addPending(room, newId(), body);
    if (m) this.flushOutbox(room);
  }

  /** Re-sends a failed message. */
  retrySend(room: string, key: string): void {
    if (this.store.retryMessage(room, key)) this.flushOutbox(room);
  }

  /** Loads the page of history before the oldest loaded message. */
  async loadOlder(jid: string): Promise<void> {
    const room = this.store.room(jid);
    const conn = this.conn;
    if (!room || !conn || room.loadingHistory || room.timeline.complete) return;
    this.store.changeRoom(jid, (r) => ((r.loadingHistory = true), (r.historyError = undefined)));
    try {
      const before = room.timeline.oldestArchived?.stanzaId ?? '';
      const page = await conn.fetchHistory(jid, { before, max: PAGE_SIZE });
      this.store.applyOlderPage(page.messages);
      this.store.changeRoom(jid, (r) => {
        r.historyFetched = true;
        if (page.complete) r.timeline.complete = true;
      });
    } catch (err) {
      this.store.changeRoom(jid, (r) => (r.historyError = (err as Error).message));
    } finally {
      this.store.changeRoom(jid, (r) => (r.loadingHistory = false));
    }
  }

  private addRoom(ref: WireRoomRef, source: RoomSource): void {
    this.store.addRoom(ref, source, this.nick);
  }

  private async onSessionStarted(jid: string, resumed: boolean): Promise<void> {
    const conn = this.conn;
    if (!conn) return;
    this.store.me = bareJid(jid);
    this.ready = true;
    if (resumed) {
      // XEP-0198 resumed the old session: rooms are still joined, and the library resends
      // what it had in flight. Only what was typed while offline is left to send.
      for (const room of this.store.rooms) this.flushOutbox(room.jid);
      return;
    }
    this.inFlight.clear();
    for (const room of this.store.rooms) this.store.changeRoom(room.jid, (r) => (r.join = 'idle'));
    const [subs, listed] = await Promise.all([
      conn.listSubscriptions().catch(() => []),
      conn.getRooms().catch(() => []),
    ]);
    for (const ref of subs) this.addRoom(ref, 'subscription');
    for (const ref of listed) this.addRoom(ref, 'server-list');
    if (!this.store.activeRoom && this.store.rooms.length) this.store.setActiveRoom(this.store.sortedRooms[0].jid);
    await Promise.all(this.store.rooms.map((r) => this.enterRoom(conn, r.jid)));
  }

  /** Joins a room, learns its name, catches up its history, then sends what waits for it. */
  private async enterRoom(conn: XmppConnection, jid: string): Promise<void> {
    const room = this.store.room(jid)!;
    this.store.changeRoom(jid, (r) => ((r.join = 'joining'), (r.joinError = undefined)));
    conn
      .roomInfo(jid)
      .then((info) => this.store.changeRoom(jid, (r) => ((r.name = info.name || r.name), (r.description = info.description))))
      .catch(() => undefined);
    try {
      const { nick } = await conn.join(jid, room.nick || this.nick);
      this.store.changeRoom(jid, (r) => ((r.nick = nick), (r.join = 'joined')));
    } catch (err) {
      this.store.changeRoom(jid, (r) => ((r.join = 'error'), (r.joinError = (err as Error).message)));
      return;
    }
    await this.catchUp(conn, jid);
    this.flushOutbox(jid);
  }

  /** Fetches what the archive has after the newest message we know (or the newest page). */
  private async catchUp(conn: XmppConnection, jid: string): Promise<void> {
    const room = this.store.room(jid)!;
    const newest = room.timeline.newestArchived?.stanzaId;
    try {
      if (room.historyFetched && newest) {
        for (const m of await conn.fetchAfter(jid, newest)) this.store.applyMessage(m, true);
      } else {
        const page = await conn.fetchHistory(jid, { before: '', max: jid === this.store.activeRoom ? PAGE_SIZE : 1 });
        this.store.applyOlderPage(page.messages);
        this.store.changeRoom(jid, (r) => {
          r.historyFetched = true;
          if (page.complete) r.timeline.complete = true;
        });
      }
    } catch (err) {
      this.store.changeRoom(jid, (r) => (r.historyError = (err as Error).message));
    }
  }

  /** Hands pending messages of a room to the connection, once per XMPP session. */
  private flushOutbox(jid: string): void {
    const conn = this.conn;
    const room = this.store.room(jid);
    if (!conn || !room || !this.ready || room.join !== 'joined') return;
    for (const m of this.store.pending(jid)) {
      if (this.inFlight.has(m.key)) continue;
      this.inFlight.add(m.key);
      conn.sendMessage(jid, m.body, m.key);
    }
  }
}
