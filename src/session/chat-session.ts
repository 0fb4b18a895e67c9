import { WRONG_PASSWORD } from '../protocol/connection-core.js';
import { XmppConnection } from '../protocol/xmpp-connection.js';
import type { KeepAliveOptions } from '../protocol/keepalive.js';
import type { HistoryPage } from '../protocol/room-requests.js';
import type { Dialect, WireMember, WireRoomRef } from '../protocol/types.js';
import type { Action } from '../state/actions.js';
import type { Message } from '../state/message.js';
import { ChatStore } from '../state/chat-store.js';
import { myKeys } from '../state/identity.js';
import type { RoomSource, Upload } from '../state/room.js';
import type { RestServices } from './ethora-account.js';
import { bareJid, localPart, newId } from './ids.js';
import { Notifier } from './notifications.js';
import { RoomAdmin } from './room-admin.js';
import { withoutFakePrivateRooms } from './private-rooms.js';
import { RoomRecovery } from './room-recovery.js';
import { patiently } from './patiently.js';
import { PersistentOutbox } from './persistent-outbox.js';
import { imageSize, putFile, type Transfer } from './upload.js';

export interface SessionOptions {
  service: string;
  jid: string;
  password: string;
  /** Fresh password (token) for each reconnect; see ConnectionOptions.renewPassword. */
  renewPassword?: () => Promise<string>;
  /** Nick to use in rooms; default: the JID's local part. */
  nick?: string;
  /** Room JIDs to join at start (pinned in the list). */
  rooms: string[];
  maxReconnectAttempts: number;
  /** Which wire shapes to write (both are always read). Default 'standard'. */
  dialect?: Dialect;
  /** Only these rooms: the user's other rooms (subscriptions, server lists) are not listed. */
  onlyListed?: boolean;
  /** Room list and (optionally) uploads from a REST API: the Ethora sign-in. */
  rest?: RestServices;
  /** Dead-link detection in seconds (protocol/keepalive.ts). */
  keepAlive?: Partial<KeepAliveOptions>;
  /** Keep unconfirmed messages in IndexedDB across reloads (default true; false also erases them). */
  persistOutbox?: boolean;
}

/** What a session tells its element, for the page's DOM events. */
export type SessionEvent =
  | { kind: 'message-received'; room: string; message: Message }
  | { kind: 'message-sent'; room: string; message: Message }
  | { kind: 'error'; room?: string; message: string };

/**
 * Transforms or vetoes outgoing text (the `messageFilter` property): return the text to send,
 * or null/'' to send nothing.
 */
/** Whether start() failed because the server refused the credentials (show the sign-in form again). */
export function refusedCredentials(err: unknown): boolean {
  return (err as { condition?: string } | undefined)?.condition === 'not-authorized';
}

export type MessageFilter = (text: string, room: string) => string | null | undefined;

/** How often typing indications are checked for expiry (ms). */
const TYPING_SWEEP_MS = 2000;

/** Messages per history page (MAM). */
export const PAGE_SIZE = 30;
/** At most this many messages since the read mark are fetched to count unread ones. */
const UNREAD_PAGE = 50;
/** Read marks are stored at most this often per room (ms). */
const READ_STORE_DELAY = 1500;

/** Rooms entered per task when many are entered at once (enterRooms). */
const JOIN_BATCH = 25;

/**
 * One chat session: an XMPP connection feeding a ChatStore, and the one door for user
 * intents (send, open a room, load older history, retry). Elements get it by context and
 * never see the XMPP client.
 */
export class ChatSession {
  readonly store = new ChatStore();
  /** Browser notifications for new messages while the page is hidden. */
  readonly notifications = new Notifier(this.store);
  /** Receives message and error events (set by the element that owns the session). */
  listener?: (e: SessionEvent) => void;
  /** Applied to every outgoing text before it is sent. */
  messageFilter?: MessageFilter;
  /** Creating, finding, configuring and moderating rooms; invitations. */
  readonly admin = new RoomAdmin({
    store: this.store,
    connection: () => (this.ready ? this.conn : undefined),
    nick: () => this.nick,
    open: (jid) => this.open(jid),
    ethoraMembers: async (room) => {
      const found = await this.roomMembers(room);
      return found.source === 'ethora' ? found.members : undefined;
    },
  });
  private conn?: XmppConnection;
  private options?: SessionOptions;
  /** The outbox on disk (undefined when persistence is off). */
  private outbox?: PersistentOutbox;
  /** Settles when the stored outbox has been read back (restoreOutbox). */
  private outboxRestored: Promise<void> = Promise.resolve();
  /** Ids of our messages handed to the current XMPP session and not yet echoed. */
  private inFlight = new Set<string>();
  /** False from a lost connection until the next session has started (resumed or new). */
  private ready = false;
  private typingSweep?: ReturnType<typeof setInterval>;
  private readonly transfers = new Map<string, Transfer<unknown>>();
  /** History page loads in flight, by room. */
  private readonly loads = new Map<string, Promise<void>>();
  /** Read marks waiting to be stored: room -> timer and mark. */
  private readonly readTimers = new Map<string, { timer: ReturnType<typeof setTimeout>; mark: number }>();
  /** Read marks being stored now: stop() waits for them before it closes the connection. */
  private readonly readWrites = new Set<Promise<unknown>>();
  /** Rejoins a room whose server node went away (cluster), see room-recovery.ts. */
  private readonly recovery = new RoomRecovery({
    rejoin: (room, timeoutMs, last) => this.rejoin(room, timeoutMs, last),
    isPending: (room, id) => this.store.room(room)?.timeline.find(id)?.status === 'pending',
  });

  get nick(): string {
    return this.options?.nick || localPart(this.options?.jid ?? '');
  }

  /** Connects with the given credentials; resolves when online, rejects with a human error. */
  async start(options: SessionOptions): Promise<void> {
    await this.stop();
    this.options = options;
    this.store.me = bareJid(options.jid);
    for (const room of options.rooms) this.addRoom({ room: bareJid(room).toLowerCase() }, 'attribute');
    // Read from IndexedDB while the connection starts (60-150 ms of a cold start otherwise);
    // rooms are entered, and restored messages sent, only once it is done.
    this.outboxRestored = this.restoreOutbox(options).catch(() => undefined);
    const conn = new XmppConnection(
      {
        service: options.service,
        jid: options.jid,
        password: options.password,
        renewPassword: options.renewPassword,
        maxReconnectAttempts: options.maxReconnectAttempts,
        dialect: options.dialect ?? 'standard',
        keepAlive: options.keepAlive,
      },
      {
        status: (s) => {
          if (s.status !== 'online') {
            this.ready = false;
            // A dead link is the connection's to repair; a room rejoin on it would only fail
            // (and give up): stop watching for echoes and drop rejoins in progress.
            this.recovery.reset();
          }
          this.store.setConnection(s);
        },
        sessionStarted: ({ jid, resumed }) => void this.onSessionStarted(jid, resumed),
        message: (m) => {
          const timeline = this.store.room(m.room)?.timeline;
          const before = timeline?.size ?? 0;
          const ours = timeline?.find(m.originId ?? m.id ?? '');
          const kept = this.store.applyMessage(m, true);
          if (!kept) return;
          if (kept.own && kept.originId) (this.inFlight.delete(kept.originId), this.recovery.echoed(m.room, kept.originId));
          if (kept.own) this.outbox?.save(m.room);
          if (kept.own && ours && ours.status !== 'sent') this.emit({ kind: 'message-sent', room: m.room, message: kept });
          // A blocked user's message is hidden: the page is not told of it either.
          else if (!kept.own && (timeline?.size ?? 0) > before && !this.store.isHidden(kept)) {
            this.emit({ kind: 'message-received', room: m.room, message: kept });
            const room = this.store.room(m.room);
            if (room) this.notifications.consider(room, kept);
          }
        },
        messageError: (e) => {
          this.inFlight.delete(e.id);
          // Not an occupant any more (the room's node died): rejoin, then it is sent again. Only
          // for a message of ours in a room we are in (not, e.g., a refused invitation decline).
          const room = this.store.room(e.room);
          if (room?.timeline.find(e.id)?.own && this.recovery.onMessageError(e, room.join)) return;
          this.store.failMessage(e.room, e.id, e.reason);
          this.outbox?.save(e.room);
        },
        occupant: (o) => {
          this.store.applyOccupant(o);
          if (this.recovery.onPresence(o)) return;
          if (o.self && !o.available && !o.newNick) {
            const why = o.codes.includes(301) ? /* i18n */ 'You were banned from this room' : o.codes.includes(307) ? /* i18n */ 'You were removed from this room' : undefined;
            if (why) this.store.changeRoom(o.room, (r) => ((r.join = 'error'), (r.joinError = o.reason ? `${why}: ${o.reason}` : why)));
          }
        },
        joinError: (e) => {
          if (this.recovery.isRecovering(e.room)) return; // retried; the last failure is shown by rejoin()
          this.store.changeRoom(e.room, (r) => ((r.join = 'error'), (r.joinError = e.reason)));
          this.emit({ kind: 'error', room: e.room, message: e.reason });
        },
        subject: (x) => this.store.applySubject(x.room, x.nick, x.subject),
        invite: (i) => this.store.addInvitation(i),
        configChanged: ({ room }) => {
          if (this.conn) this.learnRoomInfo(this.conn, room);
        },
        destroyed: (d) => {
          const deleted = /* i18n */ 'This room was deleted';
          const why = d.reason ? `${deleted}: ${d.reason}` : deleted;
          this.store.changeRoom(d.room, (r) => ((r.join = 'error'), (r.joinError = why)));
        },
        edit: (edit) => this.store.applyAction({ kind: 'edit', edit }, true),
        retraction: (retraction) => this.store.applyAction({ kind: 'retraction', retraction }, true),
        reactions: (reactions) => this.store.applyAction({ kind: 'reactions', reactions }, true),
        blocklist: (b) => this.store.applyBlocklist(b.action, b.jids),
        chatState: (c) => {
          this.store.setTyping(c.room, c.nick, c.name, c.state === 'composing');
          this.typingSweep ??= setInterval(() => {
            if (!this.store.expireTyping()) this.typingSweep = void clearInterval(this.typingSweep);
          }, TYPING_SWEEP_MS);
        },
      },
    );
    this.conn = conn;
    globalThis.addEventListener?.('online', this.onBrowserOnline);
    this.store.setConnection({ status: 'connecting', attempt: 0, maxAttempts: options.maxReconnectAttempts });
    await conn.connect();
  }

  async stop(): Promise<void> {
    clearInterval(this.typingSweep);
    this.typingSweep = undefined;
    // Marks not yet stored are stored now, so the next session (or device) knows them.
    if (this.ready) await Promise.all([...this.readTimers.keys()].map((room) => this.storeReadMark(room)));
    // ...and those being stored are let finish (a read, merge and write of shared storage).
    await Promise.all(this.readWrites);
    for (const { timer } of this.readTimers.values()) clearTimeout(timer);
    this.readTimers.clear();
    const conn = this.conn;
    this.conn = undefined;
    globalThis.removeEventListener?.('online', this.onBrowserOnline);
    this.inFlight.clear();
    this.recovery.reset();
    this.notifications.closeAll();
    if (conn) await conn.disconnect();
  }

  /** Ends the session and shows it offline until the next start (the page's disconnect()). */
  async goOffline(): Promise<void> {
    await this.stop();
    this.store.setConnection({ status: 'offline', attempt: 0, maxAttempts: this.options?.maxReconnectAttempts ?? 0 });
  }

  /** No session could be started (e.g. the page's credentials callback failed): shown as a connection error. */
  startFailed(reason: string, maxAttempts: number): void {
    this.store.setConnection({ status: 'error', attempt: 0, maxAttempts, reason });
  }

  /** Hosts inline media may load from (`inline-media-hosts`); undefined: any http(s) host. */
  mediaHosts?: ReadonlySet<string>;

  /** Starts again when no connection could be made at all (e.g. the credentials callback failed). */
  startAgain?: () => void;

  /** After the error state: try again from the first attempt. */
  retry(): void {
    if (this.conn) this.conn.retry();
    else this.startAgain?.();
  }

  /**
   * The browser says the network is back: a session that gave up (attempts exhausted while
   * offline, e.g. a laptop asleep) tries again by itself. A reconnect already scheduled is
   * left alone (a second connect would race StanzaJS's own timer).
   */
  private readonly onBrowserOnline = (): void => {
    if (this.conn && this.store.connection.status === 'error' && this.store.connection.reason !== WRONG_PASSWORD) this.conn.retry();
  };

  openRoom(jid: string): void {
    const room = this.store.room(jid);
    if (!room) return;
    this.store.setActiveRoom(jid);
    if (room.timeline.size < PAGE_SIZE && !room.timeline.complete && this.store.connection.status === 'online') {
      void this.loadOlder(jid);
    }
  }

  /**
   * Sends text to a room: shown at once as pending, delivered now or when back online.
   * Returns the message's key, or undefined when nothing was sent (empty, or filtered out).
   */
  send(room: string, text: string, options?: { replyTo?: string }): string | undefined {
    const body = (this.messageFilter ? this.messageFilter(text, room) ?? '' : text).trim();
    if (!body || !this.store.room(room)) return undefined;
    const target = options?.replyTo ? this.store.room(room)?.timeline.find(options.replyTo) : undefined;
    const replyTo = target?.stanzaId
      ? { id: target.stanzaId, to: `${room}/${target.nick}`, quote: target.body.slice(0, 200), author: target.senderName }
      : undefined;
    const m = this.store.addPending(room, newId(), body, { replyTo });
    if (m) this.outbox?.save(room);
    if (m) this.flushOutbox(room);
    return m?.key;
  }

  /** Opens a room, adding (and joining) it first when it is not in the list yet. */
  open(jid: string): void {
    const room = bareJid(jid).toLowerCase();
    if (!this.store.room(room)) {
      this.addRoom({ room }, 'user');
      if (this.conn && this.ready) void this.enterRoom(this.conn, room);
    }
    this.openRoom(room);
  }

  private emit(e: SessionEvent): void {
    try {
      this.listener?.(e);
    } catch (err) {
      console.error('ethora-chat: an event listener failed', err);
    }
  }

  /** Replaces the text of our message (shown when the room echoes the edit). */
  edit(room: string, key: string, text: string): void {
    const m = this.store.room(room)?.timeline.find(key);
    const body = text.trim();
    if (!m || !m.own || m.deleted || !body || body === m.body) return;
    this.act(room, (conn) => conn.sendEdit(room, { stanzaId: m.stanzaId, originId: m.originId }, body, newId()));
  }

  /** Deletes our message for everyone. */
  remove(room: string, key: string): void {
    const m = this.store.room(room)?.timeline.find(key);
    if (!m || !m.own || m.deleted) return;
    this.act(room, (conn) => conn.sendRetraction(room, { stanzaId: m.stanzaId, originId: m.originId }, newId()));
  }

  /** Adds or removes our reaction with this emoji; the room gets our full new set. */
  toggleReaction(room: string, key: string, emoji: string): void {
    const r = this.store.room(room);
    const m = r?.timeline.find(key);
    if (!r || !m?.stanzaId || m.deleted) return;
    const mine = myKeys(this.store.me, r.nick).map((k) => m.reactions?.[k]?.emojis).find(Boolean) ?? [];
    const next = mine.includes(emoji) ? mine.filter((e) => e !== emoji) : [...mine, emoji];
    const stanzaId = m.stanzaId;
    this.act(room, (conn) => {
      conn.sendReactions(room, stanzaId, next, newId());
      // Shown at once, and the base of a second click before the echo comes back: a reaction
      // stanza carries the whole set, so building it from the echoed state would drop the first.
      this.store.applyAction({ kind: 'reactions', reactions: { room, nick: r.nick, targetId: stanzaId, emojis: next } }, true);
    });
  }

  /**
   * The reader now sees the newest messages of this room (undefined: of no room, e.g. they
   * scrolled up or the tab is hidden). Moves the read mark and stores it, here and for the
   * user's other devices (private XML storage).
   */
  setReading(room: string | undefined): void {
    const mark = this.store.setReading(room);
    if (!room || mark === undefined || !this.conn) return;
    clearTimeout(this.readTimers.get(room)?.timer);
    const timer = setTimeout(() => void this.storeReadMark(room), READ_STORE_DELAY);
    this.readTimers.set(room, { timer, mark });
  }

  private async storeReadMark(room: string): Promise<void> {
    const pending = this.readTimers.get(room);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.readTimers.delete(room);
    const write = this.conn?.setReadState(room, pending.mark).catch(() => undefined);
    if (!write) return;
    this.readWrites.add(write);
    await write;
    this.readWrites.delete(write);
  }

  /** Tells the room we are typing or stopped; only while joined. */
  typing(room: string, state: 'composing' | 'paused'): void {
    const r = this.store.room(room);
    if (!this.conn || !this.ready || r?.join !== 'joined') return;
    this.conn.sendChatState(room, state, r.nick);
  }

  /** The key of the message with this archive id, loading older history until it is found. */
  async findMessage(room: string, stanzaId: string): Promise<string | undefined> {
    for (let pages = 0; pages < 50; pages++) {
      const r = this.store.room(room);
      const hit = r?.timeline.byStanzaId(stanzaId);
      if (hit) return hit.key;
      if (!r || r.timeline.complete || r.historyError || !this.conn) return undefined;
      await this.loadOlder(room);
    }
    return undefined;
  }

  /**
   * Uploads a file (XEP-0363: a slot from the server, then an HTTP PUT with progress) and
   * sends it as a message. Over-limit files and failures stay listed with the reason.
   */
  async upload(room: string, file: File): Promise<void> {
    const id = newId();
    const setUpload = (change: (u: Upload) => void) =>
      this.store.changeRoom(room, (r) => {
        const u = r.uploads.get(id);
        if (u) change(u);
      });
    this.store.changeRoom(room, (r) => r.uploads.set(id, { id, name: file.name, size: file.size, progress: 0 }));
    try {
      if (!this.conn || !this.ready) throw new Error(/* i18n */ 'You are offline: try again when connected');
      const mediaType = file.type || 'application/octet-stream';
      const progress = (p: number) => setUpload((u) => (u.progress = p));
      const transfer = this.options?.rest?.uploadFile?.(file, progress) ?? (await this.slotTransfer(file, mediaType, progress));
      this.transfers.set(id, transfer);
      const [dims, stored] = await Promise.all([imageSize(file), transfer.done]);
      this.store.changeRoom(room, (r) => r.uploads.delete(id));
      const media = { ...stored, name: file.name, size: file.size, mimeType: mediaType, ...dims };
      if (this.store.addPending(room, newId(), stored.url, { media })) {
        this.outbox?.save(room);
        this.flushOutbox(room);
      }
    } catch (err) {
      if ((err as Error).name === 'AbortError') this.store.changeRoom(room, (r) => r.uploads.delete(id));
      else {
        setUpload((u) => (u.error = (err as Error).message));
        this.emit({ kind: 'error', room, message: (err as Error).message });
      }
    } finally {
      this.transfers.delete(id);
    }
  }

  /** XEP-0363: a slot from the server, then an HTTP PUT. */
  private async slotTransfer(file: File, mediaType: string, progress: (p: number) => void): Promise<Transfer<{ url: string }>> {
    const slot = await this.conn!.requestUploadSlot({ name: file.name, size: file.size, mediaType });
    const put = putFile(slot, file, progress);
    return { done: put.done.then(() => ({ url: slot.getUrl })), abort: put.abort };
  }

  /** Cancels an upload in progress, or dismisses a failed one. */
  cancelUpload(room: string, id: string): void {
    const transfer = this.transfers.get(id);
    if (transfer) transfer.abort();
    else this.store.changeRoom(room, (r) => r.uploads.delete(id));
  }

  // ---- social: blocking, subscriptions, mute, leave, members ----------------------------------
  /** The connection, or a human error when offline. */
  private online(): XmppConnection {
    if (!this.conn || !this.ready) throw new Error(/* i18n */ 'You are offline: try again when connected');
    return this.conn;
  }

  /**
   * Blocks a user (XEP-0191): their messages are hidden in every room, their direct messages
   * refused by the server. The server pushes the change to all sessions of the account.
   */
  async block(jid: string): Promise<void> {
    await this.online().block(jid);
    this.store.applyBlocklist('block', [bareJid(jid)]);
  }

  /** Blocks the sender of a message (from the message menu); a refusal is shown in the room. */
  async blockSender(room: string, key: string): Promise<void> {
    const jid = this.store.room(room)?.timeline.find(key)?.authorJid;
    if (!jid) return;
    try {
      await this.block(jid);
      this.store.changeRoom(room, (r) => (r.actionError = undefined));
    } catch (err) {
      this.store.changeRoom(room, (r) => (r.actionError = `Could not block this user: ${(err as Error).message}`));
    }
  }

  async unblock(jid: string): Promise<void> {
    await this.online().unblock(jid);
    this.store.applyBlocklist('unblock', [bareJid(jid)]);
  }

  /** MucSub subscribe (the room is listed on every device and notifies while away) or unsubscribe. */
  async setSubscribed(room: string, subscribed: boolean): Promise<void> {
    const r = this.store.room(room);
    if (!r) return;
    const conn = this.online();
    if (subscribed) await conn.subscribe(room, r.nick || this.nick);
    else await conn.unsubscribe(room);
    this.store.changeRoom(room, (x) => {
      x.subscribed = subscribed;
      if (!subscribed) x.sources.delete('subscription');
    });
  }

  /** Mutes or unmutes a room on every device (private XML storage); put back if the server refuses. */
  async setMuted(room: string, muted: boolean): Promise<void> {
    const conn = this.online();
    this.store.setMuted(room, muted);
    try {
      await conn.setMuted(room, muted);
    } catch (err) {
      this.store.setMuted(room, !muted);
      throw err;
    }
  }

  /** Leaves a room: unsubscribes, sends unavailable presence, takes it off the list. Not for pinned rooms. */
  async leave(room: string): Promise<void> {
    const r = this.store.room(room);
    if (!r) return;
    if (r.pinned) throw new Error(/* i18n */ 'This room is part of this page and cannot be left');
    const conn = this.online();
    if (r.subscribed) await conn.unsubscribe(room);
    conn.leave(room);
    this.store.removeRoom(room);
  }

  /**
   * Members of a room: Ethora's ns:room:last (names, last activity) where the dialect is
   * Ethora and the server answers it, else the occupants the room has shown us.
   */
  async roomMembers(room: string): Promise<{ source: 'ethora' | 'occupants'; members: WireMember[] }> {
    if (this.options?.dialect === 'ethora' && this.conn && this.ready) {
      try {
        return { source: 'ethora', members: await this.conn.roomLast(room) };
      } catch {
        /* not an Ethora server (or no such module): the standard way below */
      }
    }
    const occupants = [...(this.store.room(room)?.occupants.values() ?? [])];
    return { source: 'occupants', members: occupants.map((o) => ({ name: o.nick, role: o.role, ...(o.jid ? { jid: o.jid } : {}) })) };
  }

  /** Sends an edit, retraction or reaction now, or says why it cannot be sent. */
  private act(room: string, send: (conn: XmppConnection) => void): void {
    const r = this.store.room(room);
    const conn = this.conn;
    const error = !conn || !this.ready ? /* i18n */ 'You are offline: try again when connected' : r?.join !== 'joined' ? /* i18n */ 'You are not in this room' : undefined;
    this.store.changeRoom(room, (x) => (x.actionError = error));
    if (!error) send(conn!);
  }

  /** Re-sends a failed message. */
  retrySend(room: string, key: string): void {
    if (!this.store.retryMessage(room, key)) return;
    this.outbox?.save(room);
    this.flushOutbox(room);
  }

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
    const room = this.store.room(jid);
    const conn = this.conn;
    if (!room || !conn || room.timeline.complete) return;
    this.store.changeRoom(jid, (r) => ((r.loadingHistory = true), (r.historyError = undefined)));
    try {
      const before = room.timeline.oldestArchived?.stanzaId ?? '';
      this.applyPage(jid, await conn.fetchHistory(jid, { before, max: PAGE_SIZE }));
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
      // what it had in flight. What was typed while offline is left to send; a room whose
      // join the drop interrupted, or that was not entered yet (enterRooms stops at a drop),
      // is entered again.
      // The archive is asked for what came after the newest message we have, as after a new
      // session: a stanza lost with the dead socket (and not resent) is not a gap.
      for (const room of this.store.rooms) {
        if (room.join === 'joining' || room.join === 'idle') void this.enterRoom(conn, room.jid);
        else if (room.join === 'joined') void this.catchUp(conn, room.jid).then(() => this.flushOutbox(room.jid));
      }
      return;
    }
    // The outbox's rooms are entered too, and its messages confirmed before they are sent.
    await this.outboxRestored;
    if (this.conn !== conn) return;
    this.inFlight.clear();
    this.recovery.reset();
    for (const room of this.store.rooms) this.store.changeRoom(room.jid, (r) => ((r.join = 'idle'), (r.rejoining = false)));
    // The user's room lists (MucSub, Ethora's, the REST API's) can take long: a busy ejabberd
    // answered a 500-room user's subscriptions after 45 s right after that user's last session.
    // The rooms known already (the page's, the outbox's) are entered without waiting for them.
    const listing = Promise.all([
      this.listRooms(conn),
      this.options?.rest?.rooms().catch((err: Error) => (this.emit({ kind: 'error', message: err.message }), [])),
    ]);
    const [marks, blocked, prefs] = await Promise.all([
      conn.getReadState().catch(() => ({})),
      conn.getBlocked().catch(() => undefined),
      conn.getPrefs().catch(() => undefined),
    ]);
    if (blocked) this.store.applyBlocklist('list', blocked.jids);
    if (prefs) this.store.applyMuted(prefs.muted);
    this.store.applyReadState(marks);
    const known = new Set(this.store.rooms.map((r) => r.jid));
    if (!this.store.activeRoom && this.store.rooms.some((r) => r.pinned)) this.store.setActiveRoom(this.store.sortedRooms[0].jid);
    const entering = this.enterRooms(conn, [...known]);
    const [, fromApi = []] = await listing;
    if (this.conn !== conn) return;
    if (!this.options?.onlyListed) for (const ref of fromApi) this.addRoom(ref, 'server-list');
    this.store.applyReadState(marks); // the listed rooms' marks
    if (!this.store.activeRoom && this.store.rooms.length) this.store.setActiveRoom(this.store.sortedRooms[0].jid);
    await Promise.all([entering, this.enterRooms(conn, this.store.rooms.filter((r) => r.join === 'idle' && !known.has(r.jid)).map((r) => r.jid))]);
  }

  /**
   * Adds the user's rooms from the server: MucSub subscriptions and Ethora's room list. A busy
   * server gets more time; when it still does not answer, the list says so, with a retry
   * (reloadRooms), instead of looking empty.
   */
  private async listRooms(conn: XmppConnection): Promise<void> {
    this.store.setRoomListError(undefined);
    const failed = (err: Error) => (this.store.setRoomListError(err.message), [] as WireRoomRef[]);
    const [subs, listed] = await Promise.all([
      patiently(() => conn.listSubscriptions()).catch(failed),
      patiently(() => conn.getRooms()).catch(failed),
    ]);
    for (const ref of subs) this.store.changeRoom(ref.room, (r) => (r.subscribed = true));
    if (this.options?.onlyListed) return;
    const me = this.store.me;
    for (const ref of await withoutFakePrivateRooms(conn, subs, me)) this.addRoom(ref, 'subscription');
    for (const ref of await withoutFakePrivateRooms(conn, listed, me)) this.addRoom(ref, 'server-list');
  }

  /** Asks the server for the user's rooms again (after the list failed), and joins the new ones. */
  async reloadRooms(): Promise<void> {
    const conn = this.conn;
    if (!conn || !this.ready) return;
    await this.listRooms(conn);
    if (!this.store.activeRoom && this.store.rooms.length) this.store.setActiveRoom(this.store.sortedRooms[0].jid);
    await this.enterRooms(conn, this.store.rooms.filter((r) => r.join === 'idle').map((r) => r.jid));
  }

  /**
   * Enters rooms JOIN_BATCH at a time, each batch in a task of its own and the open room first:
   * the room list is on screen before hundreds of joins and disco requests are written, and
   * writing them makes no long task.
   */
  private async enterRooms(conn: XmppConnection, jids: string[]): Promise<void> {
    const active = this.store.activeRoom;
    const order = [...jids].sort((a, b) => Number(b === active) - Number(a === active));
    const entering: Promise<void>[] = [];
    for (let i = 0; i < order.length; i += JOIN_BATCH) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.conn !== conn || !this.ready) break;
      for (const jid of order.slice(i, i + JOIN_BATCH)) if (this.store.room(jid)) entering.push(this.enterRoom(conn, jid));
    }
    await Promise.all(entering);
  }

  /**
   * Joins a room again after its server node went away (room-recovery.ts): catches up from the
   * archive, then sends again what the room has not confirmed (the archive says what arrived).
   */
  private async rejoin(jid: string, timeoutMs: number, last: boolean): Promise<boolean> {
    const conn = this.conn;
    const room = this.store.room(jid);
    if (!conn || !this.ready || !room) return false;
    for (const m of this.store.pending(jid)) this.inFlight.delete(m.key);
    // The re-created room sends its occupants again; those of the lost node may be gone.
    this.store.changeRoom(jid, (r) => ((r.join = 'joining'), (r.rejoining = true), (r.joinError = undefined), r.occupants.clear()));
    try {
      const { nick } = await conn.join(jid, room.nick || this.nick, timeoutMs);
      this.store.changeRoom(jid, (r) => ((r.nick = nick), (r.join = 'joined'), (r.rejoining = false)));
    } catch (err) {
      if (last) {
        this.store.changeRoom(jid, (r) => ((r.join = 'error'), (r.rejoining = false), (r.joinError = (err as Error).message)));
        this.emit({ kind: 'error', room: jid, message: (err as Error).message });
      }
      throw err;
    }
    await this.catchUp(conn, jid);
    this.flushOutbox(jid);
    return true;
  }

  /** Joins a room, learns its name, catches up its history, then sends what waits for it. */
  private async enterRoom(conn: XmppConnection, jid: string): Promise<void> {
    const room = this.store.room(jid)!;
    // Occupants are learnt again from the join: whoever holds a nick after it is a new occupant.
    this.store.changeRoom(jid, (r) => ((r.join = 'joining'), (r.joinError = undefined), r.occupants.clear()));
    this.learnRoomInfo(conn, jid);
    try {
      const { nick } = await conn.join(jid, room.nick || this.nick);
      this.store.changeRoom(jid, (r) => ((r.nick = nick), (r.join = 'joined'), (r.rejoining = false)));
    } catch (err) {
      this.store.changeRoom(jid, (r) => ((r.join = 'error'), (r.rejoining = false), (r.joinError = (err as Error).message)));
      return;
    }
    await this.catchUp(conn, jid);
    await this.outbox?.confirmRestored(jid, (start, max) => conn.fetchHistory(jid, { before: '', max, start }));
    this.outbox?.save(jid);
    this.flushOutbox(jid);
  }

  /** Asks the room for its name and description (disco#info). */
  private learnRoomInfo(conn: XmppConnection, jid: string): void {
    conn
      .roomInfo(jid)
      .then((info) =>
        this.store.changeRoom(jid, (r) => {
          r.name = info.name || r.name;
          r.description = info.description;
          r.membersOnly = info.features.includes('muc_membersonly');
        }),
      )
      .catch(() => undefined);
  }

  /** Brings back (or, when persistence is off, erases) the messages an earlier page left unsent. */
  private async restoreOutbox(options: SessionOptions): Promise<void> {
    const account = bareJid(options.jid).toLowerCase();
    if (options.persistOutbox === false) {
      this.outbox = undefined;
      return PersistentOutbox.forget(account);
    }
    const outbox = (this.outbox = new PersistentOutbox(this.store, account));
    await outbox.restore((room) => {
      // A session started again meanwhile (another account): this one's messages stay stored.
      if (this.outbox !== outbox) return false;
      if (this.store.room(room)) return true;
      if (options.onlyListed) return false;
      this.addRoom({ room }, 'user');
      return true;
    });
  }

  /** Fetches what the archive has after the newest message we know (or the newest page). */
  private async catchUp(conn: XmppConnection, jid: string): Promise<void> {
    const room = this.store.room(jid)!;
    const newest = room.timeline.newestArchived?.stanzaId;
    try {
      if (room.historyFetched && newest) {
        const page = await conn.fetchAfter(jid, newest);
        for (const m of page.messages) this.store.applyMessage(m, true);
        this.applyActions(page.actions);
      } else if (room.readUpTo > 0) {
        // The newest messages since the read mark: they give the unread count (and preview).
        const page = await conn.fetchHistory(jid, { before: '', max: UNREAD_PAGE, start: room.readUpTo + 1 });
        this.applyPage(jid, page, false);
        if (!page.messages.length) this.applyPage(jid, await conn.fetchHistory(jid, { before: '', max: 1 }));
        this.store.countUnread(jid, !page.complete);
      } else {
        this.applyPage(jid, await conn.fetchHistory(jid, { before: '', max: jid === this.store.activeRoom ? PAGE_SIZE : 1 }));
      }
    } catch (err) {
      this.store.changeRoom(jid, (r) => (r.historyError = (err as Error).message));
    }
  }

  /**
   * A page of older history: its messages in front of what is loaded, then its actions.
   * `reachesStart`: the page's `complete` means the archive's start (false for a page limited
   * by a start time).
   */
  private applyPage(jid: string, page: HistoryPage, reachesStart = true): void {
    this.store.applyOlderPage(page.messages);
    this.applyActions(page.actions);
    this.store.changeRoom(jid, (r) => {
      r.historyFetched = true;
      if (page.complete && reachesStart) r.timeline.complete = true;
    });
  }

  private applyActions(actions: readonly Action[]): void {
    for (const a of actions) this.store.applyAction(a);
  }

  /** Hands pending messages of a room to the connection, once per XMPP session. */
  private flushOutbox(jid: string): void {
    const conn = this.conn;
    const room = this.store.room(jid);
    if (!conn || !room || !this.ready || room.join !== 'joined') return;
    for (const m of this.store.pending(jid)) {
      if (this.inFlight.has(m.key)) continue;
      this.inFlight.add(m.key);
      conn.sendMessage(jid, m.body, m.key, { replyTo: m.replyTo, media: m.media });
      this.recovery.sent(jid, m.key);
    }
  }
}
