import { Room, type RoomSource, type Upload } from './room.js';
import type { WireInvite, WireRoomRef } from './wire-events.js';

/** Pending invitations kept at most (a flood of invitations cannot grow the state). */
const MAX_INVITATIONS = 20;

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'error';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  readonly attempt: number;
  readonly maxAttempts: number;
  /** The human reason of an error (and the last cause while reconnecting). */
  readonly reason?: string;
  /** What kind of error: 'credentials' when the server refused them (a retry would not help). */
  readonly error?: 'credentials';
}

/** What a subscriber can listen to: the connection, the room list, or one room. */
export type Topic = 'connection' | 'rooms' | 'social' | `room:${string}`;
type Listener = () => void;

/**
 * What the room list shows of a room (name, image, unread, error, the newest message's
 * preview): a change of a room notifies the 'rooms' topic only when this changed.
 */
function listed(r: Room): unknown[] {
  const m = r.timeline.lastChat;
  const error = r.join === 'error' ? r.joinError : '';
  return [
    r.title,
    r.thumbnail,
    r.usersCount,
    r.unread,
    r.unreadMore,
    r.muted,
    r.pinned,
    error,
    m?.key,
    m?.time,
    m?.senderName,
    m?.body,
    m?.deleted,
    m?.media?.name,
  ];
}

/** Two listed() values are the same (compared in place: no string is built for a change). */
const sameListed = (a: unknown[], b: unknown[]): boolean => a.every((v, i) => Object.is(v, b[i]));

/**
 * The rooms and who listens to them: the base of ChatStore (chat-store.ts). Changes are
 * collected and listeners of each touched topic are called once per microtask, so a burst of
 * stanzas causes one notification; the room list's topic fires only when what it shows changed.
 */
export class RoomStore {
  connection: ConnectionState = { status: 'idle', attempt: 0, maxAttempts: 0 };
  /** Our bare JID once known. */
  me = '';
  activeRoom?: string;
  /** The room whose newest messages are on screen right now (nothing new there is unread). */
  reading?: string;
  /** Rooms muted on any device (private storage); applied to rooms listed later too. */
  protected mutedRooms = new Set<string>();
  protected readonly roomMap = new Map<string, Room>();
  private readonly listeners = new Map<Topic, Set<Listener>>();
  private dirty = new Set<Topic>();
  private flushQueued = false;

  constructor(readonly now: () => number = Date.now) {}

  // ---- subscriptions -------------------------------------------------------------------
  subscribe(topic: Topic, fn: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  protected touch(...topics: Topic[]): void {
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
    return this.rooms.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lastActivity - a.lastActivity || a.title.localeCompare(b.title));
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

  /** MucSub subscription on or off; off also takes away the subscription as a reason to list the room. */
  setSubscribed(jid: string, subscribed: boolean): void {
    this.changeRoom(jid, (r) => {
      r.subscribed = subscribed;
      if (!subscribed) r.sources.delete('subscription');
    });
  }

  /** The user's bookmark of the room asks to enter it (XEP-0402/0048 autojoin), or no longer does. */
  setBookmarked(jid: string, bookmarked: boolean): void {
    this.changeRoom(jid, (r) => (bookmarked ? r.sources.add('bookmark') : r.sources.delete('bookmark')));
  }

  /** Applies a change to one room and notifies its listeners (and the list's, when what it shows changed). */
  changeRoom(jid: string, change: (room: Room) => void): void {
    const room = this.roomMap.get(jid);
    if (room) this.change(room, change);
  }

  /** changeRoom for a room in hand (the store's parts), returning what the change returns. */
  change<T>(room: Room, change: (room: Room) => T): T {
    const before = listed(room);
    const out = change(room);
    this.touch(`room:${room.jid}`);
    if (!sameListed(listed(room), before)) this.touch('rooms');
    return out;
  }

  setActiveRoom(jid: string | undefined): void {
    this.activeRoom = jid;
    if (this.reading !== jid) this.reading = undefined;
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

  // ---- uploads ------------------------------------------------------------------------------
  addUpload(jid: string, upload: Upload): void {
    this.changeRoom(jid, (r) => r.uploads.set(upload.id, upload));
  }

  changeUpload(jid: string, id: string, change: (u: Upload) => void): void {
    this.changeRoom(jid, (r) => {
      const u = r.uploads.get(id);
      if (u) change(u);
    });
  }

  removeUpload(jid: string, id: string): void {
    this.changeRoom(jid, (r) => r.uploads.delete(id));
  }

  // ---- invitations ---------------------------------------------------------------------------
  /** Invitations to rooms we are not in, newest last (one per room). */
  invitations: readonly WireInvite[] = [];

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
}
