/**
 * What the protocol layer hands to the headless state: small, typed, DOM-free facts parsed
 * from stanzas. Every field that came from the network is untrusted text.
 */

/** A chat message in a room, parsed from a live groupchat stanza or a MAM result. */
export interface WireMessage {
  /** Bare room JID, lower-cased. */
  room: string;
  /** The occupant nick (resource of the `from`); '' for messages from the room itself. */
  nick: string;
  /** The stanza's `id` attribute, if any. */
  id?: string;
  /** XEP-0359 `<origin-id>`; falls back to nothing (the state uses `id` when absent). */
  originId?: string;
  /** XEP-0359 `<stanza-id by=room>` (live) or the MAM result id (history). */
  stanzaId?: string;
  /** Message text. '' when the stanza has no body. */
  body: string;
  /** Server time in ms since the epoch: XEP-0203 delay (MAM or live), else undefined (= now). */
  time?: number;
  /** Real bare JID of the sender, from MUC `<x><item jid>` or Ethora `<data senderJID>`. */
  senderJid?: string;
  /** Display name from the Ethora `<data>` bag (fullName, or first + last), if any. */
  senderName?: string;
  /** The raw Ethora `<data>` attribute bag, if present (attribute name -> value). */
  data?: Record<string, string>;
}

/** An error bounce for a message we sent (type="error"): never to be taken for the echo. */
export interface WireMessageError {
  room: string;
  /** The bounced stanza's `id` (our id, equal to our origin-id). */
  id: string;
  /** Human-readable reason, e.g. "You are not allowed to send messages to this room". */
  reason: string;
}

export type Role = 'moderator' | 'participant' | 'visitor' | 'none';
export type Affiliation = 'owner' | 'admin' | 'member' | 'outcast' | 'none';

/** A MUC occupant presence (available or unavailable). */
export interface WireOccupant {
  room: string;
  nick: string;
  /** Real bare JID where the room reveals it. */
  jid?: string;
  role: Role;
  affiliation: Affiliation;
  /** false for type="unavailable". */
  available: boolean;
  /** true when status code 110 (this is our own presence). */
  self: boolean;
  /** MUC status codes (e.g. 110, 201, 301 banned, 307 kicked, 303 nick change, 332 shutdown). */
  codes: number[];
  /** New nick for status 303. */
  newNick?: string;
  /** Reason text from `<item><reason>` (kick/ban). */
  reason?: string;
}

/** A presence error from a room we tried to join. */
export interface WireJoinError {
  room: string;
  /** XMPP error condition, e.g. 'conflict', 'forbidden', 'registration-required', 'item-not-found'. */
  condition: string;
  /** Human-readable reason for the user. */
  reason: string;
}

/** A room the server says the user belongs to (MucSub subscription or ns:getrooms). */
export interface WireRoomRef {
  room: string;
  name?: string;
  nick?: string;
  usersCount?: number;
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
}

/** Callbacks from XmppConnection to the layer above; all optional. */
export interface ConnectionHandlers {
  status?(s: WireStatus): void;
  /** resumed: XEP-0198 resumption, rooms still joined. false: new session, rejoin and catch up. */
  sessionStarted?(s: { jid: string; resumed: boolean }): void;
  message?(m: WireMessage): void;
  messageError?(e: WireMessageError): void;
  occupant?(o: WireOccupant): void;
  joinError?(e: WireJoinError): void;
}

export interface ConnectionOptions {
  /** WebSocket URL, e.g. wss://chat.example.com/ws. */
  service: string;
  jid: string;
  password: string;
  /** Reconnect attempts after a lost connection before giving up with status 'error'. */
  maxReconnectAttempts: number;
  resource?: string;
}
