/**
 * Getting into rooms: at the start of each XMPP session the user's rooms are listed (the page's,
 * MucSub subscriptions, Ethora's list, the REST API's) and entered, a batch at a time; each
 * entered room catches up its history and sends what waits for it. Also a room's rejoin after
 * its server node went away (room-recovery.ts decides when).
 */
import { autojoinRooms } from '../protocol/bookmarks.js';
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import type { RoomSource } from '../state/room.js';
import type { WireRoomRef } from '../state/wire-events.js';
import type { RestServices } from './ethora-account.js';
import type { History } from './history.js';
import type { Link } from './link.js';
import { patiently } from './patiently.js';
import { withoutFakePrivateRooms } from './private-rooms.js';
import type { RoomRecovery } from './room-recovery.js';
import type { Sending } from './sending.js';

/** Rooms entered per task when many are entered at once (enterRooms). */
const JOIN_BATCH = 25;
/** How long the rest of a session's start waits for the open room's newest page at most (ms). */
const FIRST_ROOM_HEAD_START = 1000;

/** Resolves once the next frame is painted (after a short timer where no frame comes: a hidden page). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    globalThis.requestAnimationFrame?.(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

export interface EntryOptions {
  /** Only the page's rooms: the user's other rooms (subscriptions, server lists) are not listed. */
  onlyListed?: boolean;
  rest?: RestServices;
}

export class RoomEntry {
  constructor(
    private readonly link: Link,
    private readonly history: History,
    private readonly sending: Sending,
    private readonly recovery: RoomRecovery,
    private readonly options: () => EntryOptions,
    /** Called once a new session's open room has shown its newest page (or a second passed). */
    private readonly firstShown: () => void = () => undefined,
  ) {}

  addRoom(ref: WireRoomRef, source: RoomSource): void {
    this.link.store.addRoom(ref, source, this.link.nick());
  }

  /** An XMPP session started (new, or resumed by XEP-0198): rooms are entered or caught up. */
  async sessionStarted(conn: XmppConnection, resumed: boolean): Promise<void> {
    const { store } = this.link;
    if (resumed) {
      // The old session goes on: rooms are still joined, and the library resends what it had in
      // flight. A room whose join the drop interrupted, or not entered yet, is entered again;
      // the others ask the archive for what came after their newest message (a stanza lost with
      // the dead socket, and not resent, is not a gap).
      for (const room of store.rooms) {
        if (room.join === 'joining' || room.join === 'idle') void this.enter(conn, room.jid);
        else if (room.join === 'joined') void this.history.catchUp(conn, room.jid).then(() => this.sending.flush(room.jid));
      }
      return;
    }
    this.sending.forgetInFlight();
    this.recovery.reset();
    store.sessionRestarted();
    // The open room first, at once: its join and newest page are the first requests of the
    // session. The user's stored state needed to show that page (the blocklist: a blocked
    // author's message never shows; the read marks: the unread count) is asked for right
    // after, in the same round trip, and the page is shown once both are known.
    if (!store.activeRoom && store.rooms.some((r) => r.pinned)) store.setActiveRoom(store.sortedRooms[0].jid);
    const open = store.activeRoom ? store.room(store.activeRoom) : undefined;
    const list = () =>
      Promise.all([
        this.listRooms(conn),
        this.options()
          .rest?.rooms()
          .catch((err: Error) => (this.link.emit({ kind: 'error', message: err.message }), [])),
      ]);
    // A room known from this device only may have been left elsewhere: the lists are asked for
    // before it is joined (a server counts its occupants among its members).
    let listing = open && [...open.sources].some((s) => s !== 'cache') ? undefined : list();
    const askStored = () =>
      Promise.all([conn.getReadState().catch(() => ({})), conn.getBlocked().catch(() => undefined)]).then(([marks, blocked]) => {
        if (blocked) store.applyBlocklist('list', blocked.jids);
        store.applyReadState(marks);
        return marks;
      });
    let stored: Promise<Record<string, number>> | undefined;
    const first = open?.join === 'idle' ? this.enter(conn, open.jid, () => (stored = askStored())) : undefined;
    stored ??= askStored();
    // Everything else waits until that page is shown (or its room failed, or a second passed):
    // the outbox's rooms, the user's room lists (MucSub, Ethora's, the REST API's: a busy
    // ejabberd answered a 500-room user's subscriptions after 45 s), muted rooms, the other joins.
    await Promise.race([first, new Promise((resolve) => setTimeout(resolve, FIRST_ROOM_HEAD_START))]);
    await afterPaint();
    if (this.link.conn() !== conn) return;
    this.firstShown();
    listing ??= list();
    void conn
      .getPrefs()
      .then((prefs) => store.applyMuted(prefs.muted))
      .catch(() => undefined);
    // The outbox's rooms are entered too, and its messages confirmed before they are sent.
    await this.sending.restored;
    const marks = await stored;
    if (this.link.conn() !== conn) return;
    const known = new Set(store.rooms.map((r) => r.jid));
    const entering = Promise.all([
      first,
      this.enterRooms(
        conn,
        [...known].filter((jid) => store.room(jid)?.join === 'idle'),
      ),
    ]);
    const [, fromApi = []] = await listing;
    if (this.link.conn() !== conn) return;
    if (!this.options().onlyListed) for (const ref of fromApi) this.addRoom(ref, 'server-list');
    this.dropUnconfirmed(conn);
    store.applyReadState(marks); // the listed rooms' marks
    this.openFirstRoom();
    await Promise.all([
      entering,
      this.enterRooms(
        conn,
        store.rooms.filter((r) => r.join === 'idle' && !known.has(r.jid)).map((r) => r.jid),
      ),
    ]);
  }

  /** Asks the server for the user's rooms again (after the list failed), and joins the new ones. */
  async reloadRooms(): Promise<void> {
    const conn = this.link.online();
    if (!conn) return;
    await this.listRooms(conn);
    this.openFirstRoom();
    await this.enterRooms(
      conn,
      this.link.store.rooms.filter((r) => r.join === 'idle').map((r) => r.jid),
    );
  }

  /** Adds a room the user opened (a link, an invitation, the JS API) and enters it when online. */
  addAndEnter(jid: string): void {
    this.addRoom({ room: jid }, 'user');
    const conn = this.link.online();
    if (conn) void this.enter(conn, jid);
  }

  /**
   * Rooms listed only from the device's cache that none of the server's lists (nor the page, nor
   * the user in this session, who may have written in it: see addPending) names any more: left and
   * taken off the list. Kept when a list failed.
   */
  private dropUnconfirmed(conn: XmppConnection): void {
    const { store } = this.link;
    if (store.roomListError) return;
    for (const r of [...store.rooms]) {
      if (r.sources.size !== 1 || !r.sources.has('cache')) continue;
      if (r.join !== 'idle') conn.leave(r.jid);
      store.removeRoom(r.jid);
    }
  }

  private openFirstRoom(): void {
    const { store } = this.link;
    if (!store.activeRoom && store.rooms.length) store.setActiveRoom(store.sortedRooms[0].jid);
  }

  /**
   * Adds the user's rooms from the server: MucSub subscriptions, bookmarks with autojoin and Ethora's room list. A busy
   * server gets more time; when it still does not answer, the list says so, with a retry
   * (reloadRooms), instead of looking empty.
   */
  private async listRooms(conn: XmppConnection): Promise<void> {
    const { store } = this.link;
    store.setRoomListError(undefined);
    const failed = (err: Error): never[] => (store.setRoomListError(err.message), []);
    const [subs, listed, marks] = await Promise.all([
      patiently(() => conn.listSubscriptions()).catch(failed),
      patiently(() => conn.getRooms()).catch(failed),
      patiently(() => conn.getBookmarks()).catch(failed),
    ]);
    for (const ref of subs) store.setSubscribed(ref.room, true);
    if (this.options().onlyListed) return;
    for (const ref of autojoinRooms(marks)) this.addRoom(ref, 'bookmark');
    for (const ref of await withoutFakePrivateRooms(conn, subs, store.me)) this.addRoom(ref, 'subscription');
    for (const ref of await withoutFakePrivateRooms(conn, listed, store.me)) this.addRoom(ref, 'server-list');
  }

  /**
   * Enters rooms JOIN_BATCH at a time, each batch in a task of its own and the open room first:
   * the room list is on screen before hundreds of joins and disco requests are written, and
   * writing them makes no long task.
   */
  private async enterRooms(conn: XmppConnection, jids: string[]): Promise<void> {
    const active = this.link.store.activeRoom;
    const order = [...jids].sort((a, b) => Number(b === active) - Number(a === active));
    const entering: Promise<void>[] = [];
    for (let i = 0; i < order.length; i += JOIN_BATCH) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.link.online() !== conn) break;
      for (const jid of order.slice(i, i + JOIN_BATCH)) if (this.link.store.room(jid)) entering.push(this.enter(conn, jid));
    }
    await Promise.all(entering);
  }

  /**
   * Joins a room, catches up its history, learns its name, then sends what waits for it.
   * `askStored`: asks for the user's read marks and blocklist (after the join and the newest
   * page's query); the room's newest page is then asked for with the join, and shown once they are known.
   */
  private async enter(conn: XmppConnection, jid: string, askStored?: () => Promise<unknown>): Promise<void> {
    const { store } = this.link;
    const room = store.room(jid)!;
    store.joining(jid);
    const joining = conn.join(jid, room.nick || this.link.nick());
    const newest = askStored && this.history.prefetchNewest(conn, jid);
    const stored = askStored?.();
    this.learnRoomInfo(conn, jid);
    try {
      const { nick } = await joining;
      store.joined(jid, nick);
    } catch (err) {
      store.joinFailed(jid, (err as Error).message);
      return;
    }
    await stored;
    await this.history.catchUp(conn, jid, newest);
    await this.sending.restored;
    await this.sending.confirmAndFlush(conn, jid);
  }

  /**
   * Joins a room again after its server node went away (room-recovery.ts): catches up from the
   * archive, then sends again what the room has not confirmed (the archive says what arrived).
   */
  async rejoin(jid: string, timeoutMs: number, last: boolean): Promise<boolean> {
    const { store } = this.link;
    const conn = this.link.online();
    const room = store.room(jid);
    if (!conn || !room) return false;
    this.sending.forgetInFlight(jid);
    // The re-created room sends its occupants again; those of the lost node may be gone.
    store.joining(jid, true);
    try {
      const { nick } = await conn.join(jid, room.nick || this.link.nick(), timeoutMs);
      store.joined(jid, nick);
    } catch (err) {
      if (last) {
        store.joinFailed(jid, (err as Error).message);
        this.link.emit({ kind: 'error', room: jid, message: (err as Error).message });
      }
      throw err;
    }
    await this.history.catchUp(conn, jid);
    this.sending.flush(jid);
    return true;
  }

  /** Asks the room for its name and description (disco#info). */
  learnRoomInfo(conn: XmppConnection, jid: string): void {
    conn
      .roomInfo(jid)
      .then((info) => this.link.store.learnedRoomInfo(jid, info))
      .catch(() => undefined);
  }
}
