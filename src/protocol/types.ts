/**
 * The protocol layer's own types (connection, options, room administration). The events it
 * reports upward are the state's input vocabulary (state/wire-events.ts), re-exported here.
 */
import type { KeepAliveOptions } from './keepalive.js';
import type { Affiliation, WireEventPayloads } from '../state/wire-events.js';

export type * from '../state/wire-events.js';

/** Which wire shapes the widget WRITES; it always reads both. */
export type Dialect = 'standard' | 'ethora';

/** Read state per room: room JID -> time (ms) of the newest message read (chatjson:store). */
export type WireReadState = Record<string, number>;

/** An XEP-0363 upload slot. */
export interface WireUploadSlot {
  putUrl: string;
  getUrl: string;
  headers: Record<string, string>;
}

/** disco#info of a room. */
export interface WireRoomInfo {
  room: string;
  name?: string;
  description?: string;
  occupants?: number;
  features: string[];
}

/** Connection state reported by XmppConnection. */
export type WireConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'error';

export interface WireStatus {
  status: WireConnectionStatus;
  /** Reconnect attempt in progress or scheduled (1..maxAttempts); 0 when not reconnecting. */
  attempt: number;
  maxAttempts: number;
  /** Human reason for 'error' (and the last cause while 'reconnecting'). */
  reason?: string;
  /** The kind of error: 'credentials' when the server refused them (no retry helps). */
  error?: 'credentials';
}

/** Callbacks from XmppConnection to the layer above; all optional. */
export type ConnectionHandlers = {
  status?(s: WireStatus): void;
  /** resumed: XEP-0198 resumption, rooms still joined. false: new session, rejoin and catch up. */
  sessionStarted?(s: { jid: string; resumed: boolean }): void;
} & { [K in keyof WireEventPayloads]?: (e: WireEventPayloads[K]) => void };

export interface ConnectionOptions {
  /** WebSocket URL, e.g. wss://chat.example.com/ws. */
  service: string;
  jid: string;
  /** The password (or token) of the first connect. */
  password: string;
  /**
   * Fresh credentials for every later connect and reconnect (a short-lived token, say): asked
   * for once per attempt. Without it the first password is used again.
   */
  renewPassword?: () => Promise<string>;
  /** Reconnect attempts after a lost connection before giving up with status 'error'. */
  maxReconnectAttempts: number;
  resource?: string;
  /** Which wire shapes to write (both are always read). Default 'standard'. */
  dialect?: Dialect;
  /** Dead-link detection (keepalive.ts); defaults: DEFAULT_KEEPALIVE. */
  keepAlive?: Partial<KeepAliveOptions>;
  /**
   * A first connect that cannot reach the server is retried like a dropped connection (the
   * usual backoff, up to maxReconnectAttempts) instead of failing at once: for an account this
   * device knows (it has the account's history cache, so the page is usable offline).
   */
  retryFirstConnect?: boolean;
}

/** A room's settings as owners edit them (XEP-0045 muc#roomconfig). */
export interface WireRoomSettings {
  name: string;
  description: string;
  /** Listed in the service's public room directory. */
  public: boolean;
  membersOnly: boolean;
  /** Occupants (not only admins) may invite others. */
  allowInvites: boolean;
  persistent: boolean;
}

/** Someone with an affiliation to a room (owner, admin, member or outcast list). */
export interface WireAffiliate {
  jid: string;
  affiliation: Affiliation;
  nick?: string;
  reason?: string;
}

/** An entry of the MUC service's public room directory (disco#items). */
export interface WirePublicRoom {
  jid: string;
  name: string;
}
