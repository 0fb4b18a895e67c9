import type { Action } from './actions.js';
import { CachedHistory, type CheckedSpan } from './cached-history.js';
import type { Message, MessageContent } from './message.js';
import { MessageIntake } from './message-intake.js';
import { Occupancy } from './occupancy.js';
import { RoomStore, type ConnectionState, type ConnectionStatus, type Topic } from './room-store.js';
import type { Room, RoomSnapshot } from './room.js';
import type { StoreContext } from './store-context.js';
import type { WireMessage, WireOccupant } from './wire-events.js';

export type { ConnectionState, ConnectionStatus, RoomSnapshot, Topic };

/** The sentences of removedFromRoom (shown in the widget's language). */
const REMOVALS = {
  banned: /* i18n */ 'You were banned from this room',
  kicked: /* i18n */ 'You were removed from this room',
  destroyed: /* i18n */ 'This room was deleted',
} as const;

/**
 * The headless chat state: connection, rooms, occupants, timelines and the outbox of our
 * unconfirmed messages. Pure TypeScript (no DOM, no XMPP client). The rooms and their
 * listeners are RoomStore's (room-store.ts); occupants are occupancy.ts's, incoming messages
 * message-intake.ts's. The session says when a room changes; the store's methods say what.
 */
export class ChatStore extends RoomStore implements StoreContext {
  /** Bare JIDs this account has blocked (XEP-0191), as the server last said. Topic 'social'. */
  readonly blocked = new Set<string>();

  private readonly intake = new MessageIntake(this);
  private readonly occupancy = new Occupancy(this);
  private readonly cached = new CachedHistory(this, this.intake);

  constructor(now: () => number = Date.now) {
    super(now);
  }

  // ---- blocking ---------------------------------------------------------------------------
  /** The server's block list, or a push adding or removing JIDs ('unblock' without JIDs: all). */
  applyBlocklist(action: 'list' | 'block' | 'unblock', jids: readonly string[]): void {
    if (action === 'list' || (action === 'unblock' && jids.length === 0)) this.blocked.clear();
    for (const j of jids) action === 'unblock' ? this.blocked.delete(j) : this.blocked.add(j);
    // Every room may show messages of a (no longer) blocked user.
    this.touch('social', 'rooms', ...this.rooms.map((r) => `room:${r.jid}` as const));
  }

  /** Rooms muted on any device (private storage); applied to rooms listed later too. */
  applyMuted(rooms: readonly string[]): void {
    this.mutedRooms = new Set(rooms);
    for (const r of this.rooms) this.changeRoom(r.jid, (x) => (x.muted = this.mutedRooms.has(x.jid)));
  }

  setMuted(room: string, muted: boolean): void {
    if (muted) this.mutedRooms.add(room);
    else this.mutedRooms.delete(room);
    this.changeRoom(room, (r) => (r.muted = muted));
  }

  /** Hidden for the reader: from someone they blocked (never their own). */
  isHidden(m: Message): boolean {
    return !m.own && !m.system && m.authorJid !== undefined && this.blocked.has(m.authorJid);
  }

  /** The occupant with this nick is someone the reader blocked (their typing is not shown). */
  isBlockedNick(room: Room, nick: string): boolean {
    const jid = room.occupants.get(nick)?.jid;
    return jid !== undefined && this.blocked.has(jid);
  }

  /** Notifies the 'social' topic (settings that live outside the store changed). */
  touchSocial(): void {
    this.touch('social');
  }

  // ---- room transitions (the session says when, these say what) ---------------------------
  /** A join starts: occupants are learnt again from it (whoever holds a nick after it is a new occupant). */
  joining(jid: string, rejoin = false): void {
    this.changeRoom(jid, (r) => {
      r.join = 'joining';
      r.joinError = undefined;
      if (rejoin) r.rejoining = true;
      r.occupants.clear();
    });
  }

  /** The room accepted us, under this nick. */
  joined(jid: string, nick: string): void {
    this.changeRoom(jid, (r) => ((r.nick = nick), (r.join = 'joined'), (r.rejoining = false)));
  }

  /** The join was refused or timed out (reason: a human sentence). */
  joinFailed(jid: string, reason: string): void {
    this.changeRoom(jid, (r) => ((r.join = 'error'), (r.rejoining = false), (r.joinError = reason)));
  }

  /** The room put us out (a ban or kick) or was deleted by its owner, with the reason given, if any. */
  removedFromRoom(jid: string, why: 'banned' | 'kicked' | 'destroyed', reason?: string): void {
    const what = REMOVALS[why];
    this.joinFailed(jid, reason ? `${what}: ${reason}` : what);
  }

  /** A new XMPP session: no room is joined any more (each is entered again). */
  sessionRestarted(): void {
    for (const room of this.roomMap.values()) this.changeRoom(room.jid, (r) => ((r.join = 'idle'), (r.rejoining = false)));
  }

  /** What the room says of itself (disco#info). */
  learnedRoomInfo(jid: string, info: { name?: string; description?: string; features: readonly string[] }): void {
    this.changeRoom(jid, (r) => {
      r.name = info.name || r.name;
      r.description = info.description;
      const has = (f: string) => info.features.includes(f);
      r.membersOnly = has('muc_membersonly');
      r.mucsub = has('urn:xmpp:mucsub:0');
      r.moderation = { current: has('urn:xmpp:message-moderate:1'), old: has('urn:xmpp:message-moderate:0'), ethoraDelete: has('ethora:message:delete') };
    });
  }

  /** We changed the room's name or description (undefined: unchanged). */
  renamed(jid: string, name: string | undefined, description: string | undefined): void {
    this.changeRoom(jid, (r) => {
      if (name !== undefined) r.name = name;
      if (description !== undefined) r.description = description;
    });
  }

  /** We set the room's image (Ethora's room_thumbnail; undefined: none). */
  setThumbnail(jid: string, url: string | undefined): void {
    this.changeRoom(jid, (r) => (r.thumbnail = url));
  }

  /** A history page load starts (true) or ended (false); a start clears the last error. */
  historyLoading(jid: string, loading: boolean): void {
    this.changeRoom(jid, (r) => {
      r.loadingHistory = loading;
      if (loading) r.historyError = undefined;
    });
  }

  /** A history page could not be loaded (the reason, shown with a retry). */
  historyFailed(jid: string, error: string): void {
    this.changeRoom(jid, (r) => (r.historyError = error));
  }

  /** Why the last edit, delete, reaction or block could not be sent (undefined: it was). */
  setActionError(jid: string, error: string | undefined): void {
    this.changeRoom(jid, (r) => (r.actionError = error));
  }

  /** The user signed out: nothing of the account stays (rooms, invitations, blocks). */
  signedOut(): void {
    const topics = this.rooms.map((r) => `room:${r.jid}` as const);
    this.roomMap.clear();
    this.mutedRooms.clear();
    this.blocked.clear();
    this.invitations = [];
    this.activeRoom = this.reading = this.roomListError = undefined;
    this.me = '';
    this.touch('rooms', 'social', ...topics);
  }

  // ---- occupants, typing (occupancy.ts) ----------------------------------------------------
  applyOccupant(o: WireOccupant): void {
    this.occupancy.applyOccupant(o);
  }

  /** Room subject: the first one after joining is the current subject; later ones are news. */
  applySubject(room: string, nick: string, subject: string): void {
    this.occupancy.applySubject(room, nick, subject);
  }

  /** Someone started or stopped typing. */
  setTyping(room: string, nick: string, name: string | undefined, typing: boolean, ttlMs?: number): void {
    this.occupancy.setTyping(room, nick, name, typing, ttlMs);
  }

  /** Drops typing indications whose time has passed; returns whether any remain. */
  expireTyping(): boolean {
    return this.occupancy.expireTyping(this.roomMap.values());
  }

  // ---- messages (message-intake.ts) ---------------------------------------------------------
  /**
   * Adds a received message, live or from history. An echo of our pending message (same
   * origin-id, same sender) confirms it instead of adding a copy. Returns the message kept.
   */
  applyMessage(wire: WireMessage, live: boolean): Message | undefined {
    return this.intake.apply(wire, live, false);
  }

  /** Adds a page of older history (chronological) in front of what is loaded. */
  applyOlderPage(page: readonly WireMessage[]): void {
    for (let i = page.length - 1; i >= 0; i--) this.intake.apply(page[i], false, true);
  }

  /** A page of the room's archive: its messages in front of what is loaded, then its actions. */
  applyHistoryPage(jid: string, messages: readonly WireMessage[], actions: readonly Action[], reachedStart: boolean): void {
    this.applyOlderPage(messages);
    for (const a of actions) this.applyAction(a);
    this.changeRoom(jid, (r) => {
      r.historyFetched = true;
      if (reachedStart) r.timeline.complete = true;
    });
  }

  // ---- the device's history cache (cached-history.ts) ---------------------------------------
  /** A room as the history cache saw it in an earlier session, before the server says anything. */
  hydrateRoom(snapshot: RoomSnapshot, messages: readonly Message[]): void {
    this.cached.hydrateRoom(snapshot, messages);
  }

  /** Older messages from the history cache (oldest first), in front of what is loaded. */
  applyCachedPage(jid: string, messages: readonly Message[]): void {
    this.cached.applyCachedPage(jid, messages);
  }

  /** The archive's check of what was shown from the cache (CachedHistory.reconcile). */
  reconcilePage(jid: string, span: CheckedSpan): void {
    this.cached.reconcile(jid, span);
  }

  /** What the archive has after the newest message we know (a catch-up): applied as news, in order. */
  applyNewerPage(messages: readonly WireMessage[], actions: readonly Action[]): void {
    const floor = new Map<string, number>();
    for (const m of messages) {
      if (!floor.has(m.room)) floor.set(m.room, this.roomMap.get(m.room)?.timeline.newestArchived?.time ?? 0);
      const after = floor.get(m.room)!;
      this.applyMessage(m.time !== undefined && m.time < after ? { ...m, time: after } : m, true);
    }
    for (const a of actions) this.applyAction(a);
  }

  /**
   * Applies an edit, retraction or reaction set (live or archived) to its target message, or
   * keeps it until the target is loaded. Each archived action counts once.
   */
  applyAction(action: Action, live = false): void {
    this.intake.applyAction(action, live);
  }

  /** Adds a message we are about to send, shown as pending until the room echoes it (undefined: refused). */
  addPending(room: string, id: string, content: MessageContent): Message | undefined {
    return this.intake.addPending(room, id, content);
  }

  /** Marks our message failed (an error bounce), keeping it visible with the reason. */
  failMessage(room: string, id: string, reason: string): void {
    this.intake.fail(room, id, reason);
  }

  /** Marks a failed message pending again (the user pressed retry). */
  retryMessage(room: string, id: string): Message | undefined {
    return this.intake.retry(room, id);
  }

  /** Read marks from storage (another device may be ahead): a mark never moves backwards. */
  applyReadState(marks: Readonly<Record<string, number>>): void {
    for (const [jid, time] of Object.entries(marks)) {
      this.changeRoom(jid, (r) => {
        r.readUpTo = Math.max(r.readUpTo, time);
        // Read on another device (or tab) up to the newest message held: nothing is unread.
        if (r.unread && r.readUpTo >= (r.timeline.lastChat?.time ?? Infinity)) {
          r.unread = 0;
          r.unreadMore = false;
        }
      });
    }
  }

  /** Unread count of a room from the history fetched since its read mark. */
  countUnread(jid: string, more: boolean): void {
    this.changeRoom(jid, (r) => {
      r.unread = r.timeline.messages.filter((m) => !m.own && !m.system && m.time > r.readUpTo && !this.isHidden(m)).length;
      r.unreadMore = more;
    });
  }

  /**
   * The reader sees the newest messages of a room (or stopped seeing them: undefined).
   * Returns the new read mark when it moved forward, for storing.
   */
  setReading(jid: string | undefined): number | undefined {
    this.reading = jid;
    const r = jid ? this.roomMap.get(jid) : undefined;
    if (!r) return undefined;
    const newest = r.timeline.last?.time ?? 0;
    const moved = newest > r.readUpTo;
    if (moved || r.unread) {
      this.changeRoom(r.jid, (x) => {
        x.readUpTo = Math.max(x.readUpTo, newest);
        x.unread = 0;
        x.unreadMore = false;
      });
    }
    return moved ? newest : undefined;
  }

  /** Our messages in a room still waiting for the room's echo, oldest first. */
  pending(room: string): Message[] {
    return this.roomMap.get(room)?.timeline.messages.filter((m) => m.own && m.status === 'pending') ?? [];
  }
}
