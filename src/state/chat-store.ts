import type { WireInvite, WireMessage, WireOccupant, WireRoomRef } from '../protocol/types.js';
import { applyAction, MAX_ACTION_SLOTS, type Action } from './actions.js';
import { dropOldest } from './bounded.js';
import { cleanName, vouchedName, type Identity } from './identity.js';
import { MAX_BODY_LENGTH, codePointLength, fromWire, type Message } from './message.js';
import { Room, type RoomSource } from './room.js';
import { english, occupantLine, presenceRunLine, subjectLine, type Line } from './system-lines.js';

/** Most targets (message ids) that actions may wait for in one room. */
const MAX_WAITING_TARGETS = 1000;
/** Pending invitations kept at most (a flood of invitations cannot grow the state). */
const MAX_INVITATIONS = 20;
/** Joins and leaves within this time (ms) of the previous one, with nothing between, are one run. */
const PRESENCE_RUN_MS = 60_000;
/** Lines of a run shown one by one; the rest of the run shares one line. */
const PRESENCE_RUN_LINES = 3;
/** Typing indications kept per room (the newest). */
const MAX_TYPING = 50;
/** Continuous occupants are numbered across all rooms and stores (identity.ts). */
let occupantJoins = 0;

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'error';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly reason?: string;
}

/** What a subscriber can listen to: the connection, the room list, or one room. */
export type Topic = 'connection' | 'rooms' | 'social' | `room:${string}`;
type Listener = () => void;

/**
 * The headless chat state: connection, rooms, occupants, timelines and the outbox of our
 * unconfirmed messages. Pure TypeScript (no DOM, no XMPP client). Changes are collected and
 * listeners of each touched topic are called once per microtask, so a burst of stanzas
 * causes one notification.
 */
export class ChatStore {
  connection: ConnectionState = { status: 'idle', attempt: 0, maxAttempts: 0 };
  /** Our bare JID once known. */
  me = '';
  activeRoom?: string;
  /** The room whose newest messages are on screen right now (nothing new there is unread). */
  reading?: string;
  /** Bare JIDs this account has blocked (XEP-0191), as the server last said. Topic 'social'. */
  readonly blocked = new Set<string>();
  private mutedRooms = new Set<string>();
  /** Invitations to rooms we are not in, newest last (one per room). */
  invitations: readonly WireInvite[] = [];
  private readonly roomMap = new Map<string, Room>();
  private readonly listeners = new Map<Topic, Set<Listener>>();
  private dirty = new Set<Topic>();
  private flushQueued = false;

  constructor(private readonly now: () => number = Date.now) {}

  // ---- subscriptions -------------------------------------------------------------------
  subscribe(topic: Topic, fn: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(fn);
    return () => set!.delete(fn);
  }

  private touch(...topics: Topic[]): void {
    for (const t of topics) this.dirty.add(t);
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      const topics = this.dirty;
      this.dirty = new Set();
      for (const t of topics) for (const fn of [...(this.listeners.get(t) ?? [])]) fn();
    });
  }

  // ---- rooms ----------------------------------------------------------------------------
  get rooms(): Room[] {
    return [...this.roomMap.values()];
  }

  room(jid: string): Room | undefined {
    return this.roomMap.get(jid);
  }

  /** Rooms for the list: pinned first, then by newest activity, then by title. */
  get sortedRooms(): Room[] {
    return this.rooms.sort(
      (a, b) =>
        Number(b.pinned) - Number(a.pinned) || b.lastActivity - a.lastActivity || a.title.localeCompare(b.title),
    );
  }

  /** Unread messages in all rooms but the muted ones. */
  get totalUnread(): number {
    return this.rooms.reduce((n, r) => n + (r.muted ? 0 : r.unread), 0);
  }

  addRoom(ref: WireRoomRef, source: RoomSource, defaultNick: string): Room {
    let room = this.roomMap.get(ref.room);
    if (!room) {
      room = new Room(ref.room);
      room.nick = ref.nick || defaultNick;
      room.muted = this.mutedRooms.has(ref.room);
      this.roomMap.set(ref.room, room);
    }
    room.sources.add(source);
    if (source === 'subscription') room.subscribed = true;
    if (ref.name && !room.name) room.name = ref.name;
    if (ref.thumbnail) room.thumbnail = ref.thumbnail;
    if (ref.usersCount !== undefined) room.usersCount = ref.usersCount;
    this.touch('rooms', `room:${room.jid}`);
    return room;
  }

  /** Takes a room off the list (the user left it); the next room becomes active if it was. */
  removeRoom(jid: string): void {
    if (!this.roomMap.delete(jid)) return;
    if (this.reading === jid) this.reading = undefined;
    if (this.activeRoom === jid) this.activeRoom = this.sortedRooms[0]?.jid;
    this.touch('rooms', `room:${jid}`);
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

  /** Applies a change to one room and notifies its listeners (and the list's). */
  changeRoom(jid: string, change: (room: Room) => void): void {
    const room = this.roomMap.get(jid);
    if (!room) return;
    change(room);
    this.touch('rooms', `room:${jid}`);
  }

  setActiveRoom(jid: string | undefined): void {
    this.activeRoom = jid;
    if (this.reading !== jid) this.reading = undefined;
    this.touch('rooms');
  }

  /** Keeps an invitation until accepted or declined; one per room, ignored for rooms we are in. */
  addInvitation(invite: WireInvite): void {
    if (this.roomMap.get(invite.room)?.join === 'joined') return;
    this.invitations = [...this.invitations.filter((i) => i.room !== invite.room), invite].slice(-MAX_INVITATIONS);
    this.touch('rooms');
  }

  removeInvitation(room: string): void {
    const left = this.invitations.filter((i) => i.room !== room);
    if (left.length === this.invitations.length) return;
    this.invitations = left;
    this.touch('rooms');
  }

  /** Why the user's rooms could not be listed (subscriptions, Ethora's list); undefined when they were. */
  roomListError?: string;

  setRoomListError(error: string | undefined): void {
    if (error === this.roomListError) return;
    this.roomListError = error;
    this.touch('rooms');
  }

  setConnection(state: ConnectionState): void {
    this.connection = state;
    this.touch('connection');
  }

  // ---- occupants ------------------------------------------------------------------------
  applyOccupant(o: WireOccupant): void {
    this.changeRoom(o.room, (room) => {
      // Presences before our own join completes are the room's current occupants, not news.
      const line = room.join === 'joined' && !o.self ? occupantLine(o, room.occupants.get(o.nick)) : undefined;
      if (line) this.addSystemLine(room, line);
      if (o.available) {
        // The same occupant while the nick stays in the room with the same real JID; a nick that
        // left (or changed) and came back is a new occupant, whoever it is.
        const before = room.occupants.get(o.nick);
        const session = before && before.jid === o.jid ? before.session : ++occupantJoins;
        room.occupants.set(o.nick, { nick: o.nick, jid: o.jid, role: o.role, affiliation: o.affiliation, session });
      } else room.occupants.delete(o.nick);
      if (o.available && o.newNick === undefined && o.self) room.nick = o.nick;
      if (!o.available && o.newNick) {
        room.occupants.set(o.newNick, { nick: o.newNick, jid: o.jid, role: o.role, affiliation: o.affiliation, session: ++occupantJoins });
        if (o.self) room.nick = o.newNick;
      }
    });
  }

  /** Room subject: the first one after joining is the current subject; later ones are news. */
  applySubject(roomJid: string, nick: string, subject: string): void {
    this.changeRoom(roomJid, (room) => {
      const first = room.subject === undefined;
      room.subject = subject;
      if (!first) this.addSystemLine(room, subjectLine(nick, subject));
    });
  }

  private systemSeq = 0;

  /**
   * A local system line (not archived): shown centred, never counted as unread. Of joins and
   * leaves that follow each other closely, the first few are shown and the rest share one line
   * ("7 more people joined or left"), so a flood of presences adds a few lines, not thousands.
   */
  private addSystemLine(room: Room, line: Line): void {
    const presence = line.text === '{who} joined' || line.text === '{who} left';
    let run = room.presenceRun;
    const continues = presence && run && room.timeline.last?.key === run.last && this.now() - run.time < PRESENCE_RUN_MS;
    if (!continues) run = room.presenceRun = presence ? { last: '', count: 0, time: 0 } : undefined;
    if (run) {
      run.count++;
      run.time = this.now();
      if (run.count > PRESENCE_RUN_LINES + 1) {
        const merged = presenceRunLine(run.count - PRESENCE_RUN_LINES);
        room.timeline.update(run.last, { line: merged, body: english(merged) });
        return;
      }
      if (run.count > PRESENCE_RUN_LINES) line = presenceRunLine(1);
    }
    const key = `system:${++this.systemSeq}`;
    if (run) run.last = key;
    room.timeline.insert({
      key, room: room.jid, nick: '', senderName: '', body: english(line), line,
      time: this.now(), status: 'sent', own: false, system: true,
    });
  }

  /**
   * Who the room vouches sent a stanza (identity.ts): the archive's real JID; live, the
   * occupant holding the nick now (with its real JID where the room shows them), or us.
   */
  private identify(room: Room, nick: string, vouchedJid: string | undefined, live: boolean): Identity {
    if (vouchedJid) return { jid: vouchedJid };
    if (!live || !nick) return {};
    const o = room.occupants.get(nick);
    // Our nick is ours only while we are in the room (a MucSub delivery may come from whoever holds it).
    if (nick === room.nick) return room.join === 'joined' ? { jid: this.me || undefined, occupant: o?.session } : {};
    // Occupants are forgotten when a join starts (ChatSession.enterRoom): these are current.
    return o ? { jid: o.jid, occupant: o.session } : {};
  }

  /** Bounded set of applied action ids (their senders choose how many there are). */
  private seen(room: Room, id: string): boolean {
    if (room.seenActions.has(id)) return true;
    room.seenActions.add(id);
    dropOldest(room.seenActions, MAX_ACTION_SLOTS);
    return false;
  }

  // ---- messages -------------------------------------------------------------------------
  /**
   * Is this wire message ours? By the real JID the room vouches for (never a `<data senderJID>`
   * claim); live, by holding our nick in the room now. Only the archive of a room that hides
   * real JIDs leaves nothing but the nick, which is all it can tell (README, Security).
   */
  private isOwn(room: Room, m: WireMessage, who: Identity, live: boolean): boolean {
    if (who.jid) return who.jid === this.me;
    return !live && m.nick !== '' && m.nick === room.nick;
  }

  /**
   * Adds a received message, live or from history. An echo of our pending message (same
   * origin-id, same sender) confirms it instead of adding a copy. Returns the message kept.
   */
  applyMessage(wire: WireMessage, live: boolean): Message | undefined {
    return this.apply(wire, live, false);
  }

  /** Adds a page of older history (chronological) in front of what is loaded. */
  applyOlderPage(page: readonly WireMessage[]): void {
    for (let i = page.length - 1; i >= 0; i--) this.apply(page[i], false, true);
  }

  private apply(wire: WireMessage, live: boolean, older: boolean): Message | undefined {
    const room = this.roomMap.get(wire.room);
    if (!room) return undefined;
    // An archived message applied as news (a catch-up) was sent by whoever held the nick then.
    const current = live && !wire.archived;
    const who = this.identify(room, wire.nick, wire.jidClaimed ? undefined : wire.senderJid, current);
    const own = this.isOwn(room, wire, who, current);
    const incoming = fromWire(wire.archived ? wire : { ...wire, time: this.liveTime(room, wire.time) }, own, who, this.now());
    const existing = room.timeline.duplicateOf(incoming);
    if (existing) {
      if (existing.status !== 'sent' || (!existing.stanzaId && incoming.stanzaId)) {
        room.timeline.update(existing.key, {
          status: 'sent',
          error: undefined,
          stanzaId: existing.stanzaId ?? incoming.stanzaId,
          time: wire.time ?? existing.time,
        });
        this.touch('rooms', `room:${room.jid}`);
      }
      return existing;
    }
    const kept = room.timeline.insert(incoming, older) ?? incoming;
    this.applyWaiting(room, kept);
    if (room.typing.delete(kept.nick)) this.touch(`room:${room.jid}`);
    if (live && !own && !kept.system && kept.time > room.readUpTo && room.jid !== this.reading && !this.isHidden(kept)) room.unread++;
    this.touch('rooms', `room:${room.jid}`);
    return kept;
  }

  /**
   * The time of a live message: its `<delay>` is the sender's word (a room relays what it is
   * given), so it may not place the message before what is already shown, nor in the future.
   * Archived messages keep the archive's time.
   */
  private liveTime(room: Room, stamped: number | undefined): number {
    const now = this.now();
    if (stamped === undefined) return now;
    return Math.max(Math.min(stamped, now), room.timeline.last?.time ?? -Infinity);
  }

  /**
   * Applies an edit, retraction or reaction set (live or archived) to its target message, or
   * keeps it until the target is loaded. Each archived action counts once.
   */
  applyAction(received: Action, live = false): void {
    const b = received.kind === 'edit' ? received.edit : received.kind === 'retraction' ? received.retraction : received.reactions;
    const room = this.roomMap.get(b.room);
    if (!room) return;
    if (b.stanzaId && this.seen(room, b.stanzaId)) return;
    // Who sent it is decided now: the occupant holding the nick may have changed by the time
    // the target loads.
    const action: Action = { ...received, by: this.identify(room, b.nick, b.senderJid, live) };
    if (applyAction(room.timeline, action, room.latestAction, this.now()) === 'waiting') {
      const list = room.waiting.get(b.targetId) ?? [];
      if (list.length < 50) list.push(action);
      // Targets are named by the sender, so the set is bounded too: the oldest waiting target
      // goes (its history page, if ever loaded, brings its own archived actions).
      room.waiting.set(b.targetId, list);
      dropOldest(room.waiting, MAX_WAITING_TARGETS);
    }
    this.touch('rooms', `room:${room.jid}`);
  }

  private applyWaiting(room: Room, m: Message): void {
    for (const id of [m.stanzaId, m.originId]) {
      const list = id ? room.waiting.get(id) : undefined;
      if (!list) continue;
      room.waiting.delete(id!);
      for (const a of list) applyAction(room.timeline, a, room.latestAction, this.now());
    }
  }

  /** Read marks from storage (another device may be ahead): a mark never moves backwards. */
  applyReadState(marks: Readonly<Record<string, number>>): void {
    for (const [jid, time] of Object.entries(marks)) {
      this.changeRoom(jid, (r) => (r.readUpTo = Math.max(r.readUpTo, time)));
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

  /** Someone started or stopped typing. */
  setTyping(room: string, nick: string, name: string | undefined, typing: boolean, ttlMs = 30_000): void {
    this.changeRoom(room, (r) => {
      if (nick === r.nick) return;
      if (typing) {
        r.typing.delete(nick);
        r.typing.set(nick, { name: vouchedName(name, nick), until: this.now() + ttlMs });
        // The line names two and counts the rest: more than this many is a flood, not a conversation.
        dropOldest(r.typing, MAX_TYPING);
      }
      else r.typing.delete(nick);
    });
  }

  /** Drops typing indications whose time has passed; returns whether any remain. */
  expireTyping(): boolean {
    const now = this.now();
    let any = false;
    for (const room of this.roomMap.values()) {
      for (const [nick, t] of room.typing) {
        if (t.until <= now) {
          room.typing.delete(nick);
          this.touch(`room:${room.jid}`);
        } else any = true;
      }
    }
    return any;
  }

  /**
   * Adds a message we are about to send, shown as pending until the room echoes it. Refuses
   * text over MAX_BODY_LENGTH (the composer says so first; this also covers the JS API).
   */
  addPending(room: string, id: string, body: string, extra: Pick<Message, 'replyTo' | 'media'> = {}): Message | undefined {
    const r = this.roomMap.get(room);
    if (!r || codePointLength(body) > MAX_BODY_LENGTH) return undefined;
    const m: Message = {
      key: id,
      room,
      nick: r.nick,
      senderJid: this.me,
      occupant: r.occupants.get(r.nick)?.session,
      senderName: cleanName(r.nick),
      body,
      time: this.now(),
      originId: id,
      status: 'pending',
      own: true,
      ...extra,
    };
    const kept = r.timeline.insert(m);
    this.touch('rooms', `room:${room}`);
    return kept;
  }

  /** Marks our message failed (an error bounce), keeping it visible with the reason. */
  failMessage(room: string, id: string, reason: string): void {
    this.changeRoom(room, (r) => {
      const m = r.timeline.find(id);
      if (m && m.own && m.status !== 'sent') r.timeline.update(id, { status: 'failed', error: reason });
    });
  }

  /** Marks a failed message pending again (the user pressed retry). */
  retryMessage(room: string, id: string): Message | undefined {
    let out: Message | undefined;
    this.changeRoom(room, (r) => {
      const m = r.timeline.find(id);
      if (m && m.own && m.status === 'failed') out = r.timeline.update(id, { status: 'pending', error: undefined });
    });
    return out;
  }

  /** Our messages in a room still waiting for the room's echo, oldest first. */
  pending(room: string): Message[] {
    return this.roomMap.get(room)?.timeline.messages.filter((m) => m.own && m.status === 'pending') ?? [];
  }
}
