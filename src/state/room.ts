import type { Affiliation, Role } from './wire-events.js';
import type { Action } from './actions.js';
import { Timeline } from './timeline.js';

export type JoinState = 'idle' | 'joining' | 'joined' | 'error';

export interface Occupant {
  readonly nick: string;
  readonly jid?: string;
  readonly role: Role;
  readonly affiliation: Affiliation;
  /** Which continuous occupant holds the nick (identity.ts). */
  readonly session: number;
}

/** A file being uploaded to this room (XEP-0363), or one whose upload failed. */
export interface Upload {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  /** 0..1 */
  progress: number;
  error?: string;
}

/** Where the room came from; a room from the `rooms` attribute is pinned. */
/** `cache`: listed from the device's history cache until the server's lists confirm it. */
export type RoomSource = 'attribute' | 'subscription' | 'bookmark' | 'server-list' | 'user' | 'cache';

/** What outlives a session of a room (the history cache keeps it): its list row and read state, never occupants. */
export interface RoomSnapshot {
  readonly room: string;
  readonly name?: string;
  readonly description?: string;
  readonly thumbnail?: string;
  readonly nick: string;
  readonly subscribed: boolean;
  readonly sources: readonly RoomSource[];
  readonly readUpTo: number;
  readonly unread: number;
  readonly unreadMore: boolean;
}

/** One room's state. Mutated only by ChatStore, which notifies after each change. */
export class Room {
  name?: string;
  description?: string;
  /** Only members may enter (disco#info feature muc_membersonly), once the room has said. */
  membersOnly?: boolean;
  /**
   * How the room lets moderators remove anyone's message (disco#info), once it has said:
   * XEP-0425 (`current` :1, `old` :0) and the kit's Ethora `<delete/>` by a moderator.
   */
  moderation?: { current: boolean; old: boolean; ethoraDelete: boolean };
  /** The room's subject (topic), once the room has sent it. */
  subject?: string;
  /** The nick we use (or asked for) in this room. */
  nick = '';
  join: JoinState = 'idle';
  joinError?: string;
  /** Joining again because the room's server node went away (session/room-recovery.ts). */
  rejoining = false;
  readonly occupants = new Map<string, Occupant>();
  readonly timeline = new Timeline();
  readonly sources = new Set<RoomSource>();
  /** Messages from others since the reader last saw the room. */
  unread = 0;
  /** There may be more unread than counted (history since the read mark was not all fetched). */
  unreadMore = false;
  /** Time (ms) of the newest message the user has seen here (from read state, on any device). */
  readUpTo = 0;
  /** Actions whose target message is not loaded yet, by target id. */
  readonly waiting = new Map<string, Action[]>();
  /** Time of the newest applied action per kind, target and actor. */
  readonly latestAction = new Map<string, number>();
  /** The line that joins and leaves in a row are collapsed into (ChatStore.addSystemLine). */
  presenceRun?: { last: string; count: number; time: number };
  /** Archive ids of actions already applied (live and MAM copies of one action), bounded. */
  readonly seenActions = new Set<string>();
  /** Who is typing now: nick -> display name and when the indication lapses (ms). */
  readonly typing = new Map<string, { name: string; until: number }>();
  loadingHistory = false;
  /** The newest history page has been fetched once; later sessions catch up from there. */
  historyFetched = false;
  historyError?: string;
  /** Uploads in progress or failed, oldest first. */
  readonly uploads = new Map<string, Upload>();
  /** Why the last edit, delete, reaction or block could not be sent. */
  actionError?: string;
  /** The room offers ejabberd's MucSub (disco#info), once it has said. */
  mucsub?: boolean;
  /** The user is MucSub-subscribed: the room is listed on every device and notifies while away. */
  subscribed = false;
  /** Muted: its unread messages do not count in the total and do not notify. */
  muted = false;
  /** Room image (Ethora ns:getrooms), an http(s) URL. */
  thumbnail?: string;
  /** Members count as the server's room list says (Ethora users_cnt). */
  usersCount?: number;

  constructor(readonly jid: string) {}

  /** A readable title: the disco#info name, else the room JID's local part. */
  get title(): string {
    return this.name?.trim() || this.jid.split('@')[0] || this.jid;
  }

  /** The user's bookmark of the room has autojoin: every client of the account enters it. */
  get bookmarked(): boolean {
    return this.sources.has('bookmark');
  }

  get pinned(): boolean {
    return this.sources.has('attribute');
  }

  /** Time of the newest message, for sorting the room list. */
  get lastActivity(): number {
    return this.timeline.lastChat?.time ?? 0;
  }
}
