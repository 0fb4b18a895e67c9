import { CacheSync } from '../cache/cache-sync.js';
import { isKnown } from '../cache/known-accounts.js';
// Before the store: the module order of the script (the connection's StanzaJS first) packs better.
import { SessionConnection } from './session-connection.js';
import { ChatStore } from '../state/chat-store.js';
import type { WireMember } from '../state/wire-events.js';
import { History, PAGE_SIZE } from './history.js';
import { Drafts } from './drafts.js';
import { bareJid, localPart } from './ids.js';
import type { Link, SessionEvent } from './link.js';
import { MessageActions } from './message-actions.js';
import { PersistentOutbox } from './persistent-outbox.js';
import { Notifier } from './notifications.js';
import { ReadMarks } from './read-marks.js';
import { Receiver } from './receive.js';
import { RoomAdmin } from './room-admin.js';
import { RoomEntry } from './room-entry.js';
import { RoomRecovery } from './room-recovery.js';
import { ArchiveSearch, DeviceSearch, MemorySearch, type LocalSearchSource } from './search.js';
import { Sending } from './sending.js';
import type { MessageFilter, SessionOptions } from './session-options.js';
import { Social } from './social.js';

export type { SessionEvent } from './link.js';
export { PAGE_SIZE } from './history.js';
export { refusedCredentials, type MessageFilter, type SessionOptions } from './session-options.js';

/**
 * One chat session: an XMPP connection feeding a ChatStore, and the one door for user intents
 * (send, open a room, load older history, retry). Elements get it by context and never see the
 * XMPP client. A facade: the work is done by collaborators over one narrow port (link.ts):
 * room entry, history, sending, message actions, social, read marks, and the receiver that
 * applies what comes off the wire.
 */
export class ChatSession {
  readonly store = new ChatStore();
  /** Browser notifications for new messages while the page is hidden. */
  readonly notifications = new Notifier(this.store);
  /** Receives message and error events (set by the element that owns the session). */
  listener?: (e: SessionEvent) => void;
  /** Applied to every outgoing text before it is sent. */
  messageFilter?: MessageFilter;
  /** Hosts inline media may load from (`inline-media-hosts`); undefined: any http(s) host. */
  mediaHosts?: ReadonlySet<string>;
  /** What the user typed and not sent, per room (drafts.ts). */
  readonly drafts = new Drafts();
  private readonly memorySearch = new MemorySearch(this.store);
  /** Messages on this device, searched first: the loaded ones and the history cache's. */
  localSearch: LocalSearchSource = new DeviceSearch(() => (this.cache ? [this.memorySearch, this.cache.search] : [this.memorySearch]));
  /** Starts again when no connection could be made at all (e.g. the credentials callback failed). */
  startAgain?: () => void;

  private options?: SessionOptions;
  /** The device's history cache of this session's account (undefined with `cache="off"`). */
  private cache?: CacheSync;
  /** Settles once the cache is in the store (rooms are entered after it). */
  private cached: Promise<unknown> = Promise.resolve();
  /** `cached` has settled. */
  private cacheRead = false;
  private readonly connection: SessionConnection = new SessionConnection({
    store: this.store,
    // A dead link is the connection's to repair; a room rejoin on it would only fail (and give
    // up): stop watching for echoes and drop rejoins in progress.
    down: () => this.recovery.reset(),
    started: (conn, resumed) => {
      // With the cache read, at once: the open room's join and newest page are written
      // before anything else of the new session (StanzaJS's stream management included).
      const enter = () => {
        if (this.connection.current === conn) void this.entry.sessionStarted(conn, resumed);
      };
      if (this.cacheRead) enter();
      else void this.cached.then(enter);
    },
    receive: (e) => this.receiver.receive(e),
  });
  private readonly link: Link = {
    store: this.store,
    cache: () => this.cache,
    conn: () => this.connection.current,
    online: () => this.connection.online(),
    nick: () => this.nick,
    emit: (e) => this.emit(e),
  };
  /** Rejoins a room whose server node went away (cluster), see room-recovery.ts. */
  private readonly recovery: RoomRecovery = new RoomRecovery({
    rejoin: (room, timeoutMs, last) => this.entry.rejoin(room, timeoutMs, last),
    isPending: (room, id) => this.store.room(room)?.timeline.find(id)?.status === 'pending',
  });
  private readonly history = new History(this.link);
  /** Full-text search in the rooms' archives, where the server offers it. */
  readonly archiveSearch = new ArchiveSearch(this.link);
  private readonly sending = new Sending(this.link, this.recovery);
  private readonly entry = new RoomEntry(
    this.link,
    this.history,
    this.sending,
    this.recovery,
    () => this.options ?? {},
    () => this.cache?.follow(),
  );
  private readonly actions = new MessageActions(this.link, () => this.options?.dialect === 'ethora');
  private readonly social = new Social(this.link, () => this.options?.dialect === 'ethora');
  private readonly marks = new ReadMarks(this.link);
  private readonly receiver = new Receiver(this.link, { sending: this.sending, recovery: this.recovery, entry: this.entry, notifications: this.notifications });
  /** Creating, finding, configuring and moderating rooms; invitations. */
  readonly admin = new RoomAdmin({
    store: this.store,
    connection: () => this.link.online(),
    nick: () => this.nick,
    open: (jid) => this.open(jid),
    ethoraMembers: async (room) => {
      const found = await this.social.members(room);
      return found.source === 'ethora' ? found.members : undefined;
    },
  });

  get nick(): string {
    return this.options?.nick || localPart(this.options?.jid ?? '');
  }

  /** Resolves once what the session queued to send is written; undefined when nothing is queued. */
  written = (): Promise<void> | undefined => this.connection.current?.written();

  /** Connects with the given credentials; resolves when online, rejects with a human error. */
  async start(options: SessionOptions): Promise<void> {
    // Nothing to stop on a first start: no wait, so the socket is made in this very task.
    if (this.connection.current || this.cache) await this.stop();
    this.options = options;
    this.store.me = bareJid(options.jid);
    const account = this.store.me.toLowerCase();
    this.archiveSearch.reset();
    for (const room of options.rooms) this.entry.addRoom({ room: bareJid(room).toLowerCase() }, 'attribute');
    // The device's cache paints the rooms before any network. A known account waits for it
    // before connecting (painted before the WebSocket opens; and if the server cannot be
    // reached, that is a dropped connection to retry). A first visit has nothing to paint: its
    // socket is made first, and the storage work below runs while the socket opens.
    const known = options.cache !== false && isKnown(account);
    this.cacheRead = false;
    const conn = this.connection.make(options, known);
    const online = known ? undefined : conn.connect();
    this.drafts.open(account, options.cache !== false && options.persistOutbox !== false);
    const cached = (this.cached = this.startCache(account, options, known));
    void cached.then(() => (this.cacheRead ||= this.cached === cached));
    // Read from IndexedDB while the connection starts (60-150 ms of a cold start otherwise);
    // rooms are entered, and restored messages sent, only once it is done.
    const restored = this.sending.restore(options.jid, options.persistOutbox !== false, (room) => {
      if (this.store.room(room)) return true;
      if (options.onlyListed) return false;
      this.entry.addRoom({ room }, 'user');
      return true;
    });
    if (online) return online;
    await Promise.all([cached, restored]);
    if (this.connection.current !== conn) return;
    // Offline the room to read is open at once, with what waits to be sent in it.
    if (!this.store.activeRoom && this.store.rooms.length) this.store.setActiveRoom(this.store.sortedRooms[0].jid);
    await conn.connect();
  }

  /** Reads the account's cache into the store and keeps it up to date (or erases it: `cache="off"`). */
  private async startCache(account: string, options: SessionOptions, known: boolean): Promise<void> {
    if (options.cache === false) return CacheSync.forget(account);
    const cache = (this.cache = new CacheSync(this.store, account));
    // A first visit has nothing to read: the cache follows the store once the first room has
    // shown its newest page (RoomEntry's firstShown), not while it is being fetched.
    if (!known) return;
    await cache.hydrate((room) => !options.onlyListed || this.store.room(room) !== undefined).catch(() => 0);
  }

  async stop(): Promise<void> {
    this.receiver.stop();
    const cache = this.cache;
    this.cache = undefined;
    await cache?.stop();
    // Read marks not yet stored are stored now, so the next session (or device) knows them.
    await this.marks.flush(this.connection.ready);
    const conn = this.connection.release();
    this.sending.forgetInFlight();
    this.recovery.reset();
    this.notifications.closeAll();
    if (conn) await conn.disconnect();
  }

  /**
   * Signs out: ends the session and erases what this device keeps for the account (its history
   * cache, outbox and drafts); the store forgets the account's rooms.
   */
  async signOut(): Promise<void> {
    const account = this.store.me.toLowerCase();
    this.drafts.signOut();
    await this.stop();
    if (account) await Promise.all([CacheSync.forget(account), PersistentOutbox.forget(account)]);
    this.store.signedOut();
    this.store.setConnection({ status: 'idle', attempt: 0, maxAttempts: this.options?.maxReconnectAttempts ?? 0 });
  }

  /** `cache="off"` while running: stop caching and erase what is kept for the account. */
  async eraseCache(): Promise<void> {
    const cache = this.cache;
    this.cache = undefined;
    if (cache) await cache.erase();
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

  /** After the error state: try again from the first attempt. */
  retry(): void {
    if (this.connection.current) this.connection.current.retry();
    else this.startAgain?.();
  }

  private emit(e: SessionEvent): void {
    try {
      this.listener?.(e);
    } catch (err) {
      console.error('ethora-chat: an event listener failed', err);
    }
  }

  // ---- rooms and history ------------------------------------------------------------------
  openRoom(jid: string): void {
    const room = this.store.room(jid);
    if (!room) return;
    this.store.setActiveRoom(jid);
    if (room.timeline.size < PAGE_SIZE && !room.timeline.complete && this.store.connection.status === 'online') void this.loadOlder(jid);
  }

  /** Opens a room, adding (and joining) it first when it is not in the list yet. */
  open(jid: string): void {
    const room = bareJid(jid).toLowerCase();
    if (!this.store.room(room)) this.entry.addAndEnter(room);
    this.openRoom(room);
  }

  /** Asks the server for the user's rooms again (after the list failed), and joins the new ones. */
  reloadRooms = (): Promise<void> => this.entry.reloadRooms();
  /** Loads the page of history before the oldest loaded message (one load at a time per room). */
  loadOlder = (jid: string): Promise<void> => this.history.loadOlder(jid);
  /** The key of the message with this archive id, loading older history until it is found. */
  findMessage = (room: string, stanzaId: string): Promise<string | undefined> => this.history.find(room, stanzaId);

  // ---- sending ------------------------------------------------------------------------------
  /**
   * Sends text to a room: shown at once as pending, delivered now or when back online.
   * Returns the message's key, or undefined when nothing was sent (empty, or filtered out).
   */
  send(room: string, text: string, options?: { replyTo?: string }): string | undefined {
    const body = (this.messageFilter ? (this.messageFilter(text, room) ?? '') : text).trim();
    return body ? this.sending.addText(room, body, options?.replyTo)?.key : undefined;
  }

  /** Re-sends a failed message. */
  retrySend = (room: string, key: string): void => this.sending.retry(room, key);
  /** Uploads a file and sends it as a message (XEP-0363, or the Ethora API with `upload="rest"`). */
  upload = (room: string, file: File): Promise<void> => this.sending.upload(room, file, this.options?.rest);
  /** Cancels an upload in progress, or dismisses a failed one. */
  cancelUpload = (room: string, id: string): void => this.sending.cancelUpload(room, id);
  /** Replaces the text of our message (shown when the room echoes the edit). */
  edit = (room: string, key: string, text: string): void => this.actions.edit(room, key, text);
  /** Deletes our message for everyone. */
  remove = (room: string, key: string): void => this.actions.remove(room, key);
  /** Whether we may remove others' messages in this room (its moderator, and it says how). */
  canModerate = (room: string): boolean => this.actions.canModerate(room);
  /** Removes someone's message for everyone as a moderator (a refusal becomes the room's action error). */
  moderate = (room: string, key: string, reason?: string): Promise<void> => this.actions.moderate(room, key, reason);
  /** Adds or removes our reaction with this emoji; the room gets our full new set. */
  toggleReaction = (room: string, key: string, emoji: string): void => this.actions.toggleReaction(room, key, emoji);

  /** Tells the room we are typing or stopped; only while joined. */
  typing(room: string, state: 'composing' | 'paused'): void {
    const r = this.store.room(room);
    const conn = this.link.online();
    if (conn && r?.join === 'joined') conn.sendChatState(room, state, r.nick);
  }

  /**
   * The reader now sees the newest messages of this room (undefined: of no room, e.g. they
   * scrolled up or the tab is hidden). Moves the read mark and stores it, here and for the
   * user's other devices (private XML storage).
   */
  setReading = (room: string | undefined): void => this.marks.setReading(room);

  // ---- social: blocking, subscriptions, mute, leave, members --------------------------------
  block = (jid: string): Promise<void> => this.social.block(jid);
  blockSender = (room: string, key: string): Promise<void> => this.social.blockSender(room, key);
  unblock = (jid: string): Promise<void> => this.social.unblock(jid);
  setSubscribed = (room: string, subscribed: boolean): Promise<void> => this.social.setSubscribed(room, subscribed);
  setMuted = (room: string, muted: boolean): Promise<void> => this.social.setMuted(room, muted);
  /** Leaves a room: unsubscribes, sends unavailable presence, takes it off the list. Not for pinned rooms. */
  leave = (room: string): Promise<void> => this.social.leave(room);
  /** Members of a room: Ethora's ns:room:last where available, else the occupants. */
  roomMembers = (room: string): Promise<{ source: 'ethora' | 'occupants'; members: WireMember[] }> => this.social.members(room);
}
