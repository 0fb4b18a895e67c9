/**
 * What the protocol layer reports to the headless state: small, typed, DOM-free facts parsed
 * from stanzas, in the state's words (no status codes, no XML). Every field that came from the
 * network is untrusted text. A leaf module: it imports nothing.
 */

/**
 * What a message says: its text and what it carries. One type for every layer (parsers,
 * timeline, outbox, encoders): a new kind of content is a field here, with its parser, encoder
 * and view.
 */
export interface MessageContent {
  /** Message text. '' when the stanza has no body. */
  body: string;
  /** A reply to another message (XEP-0461, or Ethora isReply + mainMessage). */
  replyTo?: WireReplyRef;
  /** An attached file (XEP-0066 out-of-band URL with XEP-0363 upload, or Ethora media `<data>`). */
  media?: WireMedia;
}

/** A chat message in a room, parsed from a live groupchat stanza or a MAM result. */
export interface WireMessage extends MessageContent {
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
  /** Server time in ms since the epoch: XEP-0203 delay (MAM or live), else undefined (= now). */
  time?: number;
  /** From the room's archive (MAM): its time is the archive's. Live messages lack it. */
  archived?: boolean;
  /** Real bare JID of the sender, from MUC `<x><item jid>` or Ethora `<data senderJID>`. */
  senderJid?: string;
  /**
   * senderJid is only the sender's own `<data senderJID>` claim, which anyone can write: fine
   * for display, never proof of who sent it (ownership, the author check of edits and deletes).
   */
  jidClaimed?: boolean;
  /** Display name from the Ethora `<data>` bag (fullName, or first + last), if any. */
  senderName?: string;
  /** The raw Ethora `<data>` attribute bag, if present (attribute name -> value). */
  data?: Record<string, string>;
  /** A system line (Ethora isSystemMessage="true"), not a user's chat bubble. */
  system?: boolean;
  /** Archived copy says the message was edited (Ethora `<replaced/>`). */
  edited?: boolean;
  /** Archived copy says the message was deleted (Ethora `<deleted/>`). */
  deleted?: boolean;
  /**
   * The archive's tombstone says a moderator removed it (XEP-0425 `<moderated>` inside
   * `<retracted>`). A claim anyone's stanza can carry: the store keeps it only where the room's
   * server vouches for its tombstones (`ethora:message:delete`, the kit's, which strips forged ones).
   */
  moderated?: { by?: string; reason?: string };
}

/** What a reply points at. `id` is the target's room stanza-id (archive id) when known. */
export interface WireReplyRef {
  id: string;
  /** Occupant JID or nick of the target's author, where the stanza says. */
  to?: string;
  /** Quoted text of the target carried in the stanza (XEP-0428 fallback or Ethora mainMessage.text). */
  quote?: string;
  /** Display name of the target's author (Ethora mainMessage.userName). */
  author?: string;
}

/** A file attached to a message. URLs are untrusted: the view allows only http(s). */
export interface WireMedia {
  url: string;
  previewUrl?: string;
  name?: string;
  size?: number;
  mimeType?: string;
  width?: number;
  height?: number;
}

/** Common fields of events that act on an earlier message. */
interface WireActionBase {
  room: string;
  /** Occupant nick of the sender (the resource of `from`); '' when the room itself sent it. */
  nick: string;
  senderJid?: string;
  /** The target message: its room stanza-id, or (XEP-0308) its origin-id / id. */
  targetId: string;
  /** Archive id of this event stanza, if any (dedupe of live + MAM copies). */
  stanzaId?: string;
  /** Server time (ms), if the stanza carries it. */
  time?: number;
}

/** An edit: XEP-0308 correction or Ethora `<replace id text/>`. */
export interface WireEdit extends WireActionBase {
  body: string;
}

/** A deletion: XEP-0424 retraction, XEP-0425 moderation, or Ethora `<delete id/>`. */
export interface WireRetraction extends WireActionBase {
  /** Set for a moderator's retraction (XEP-0425): who, and why. */
  moderated?: { by?: string; reason?: string };
}

/** The sender's FULL current set of reactions to one message (empty = all withdrawn). */
export interface WireReactions extends WireActionBase {
  /** Unicode emoji (Ethora emoji-mart ids are mapped to Unicode by the parser). */
  emojis: string[];
}

/** An edit, retraction or reaction set, tagged by kind (history pages carry these in order). */
export type WireAction =
  { kind: 'edit'; edit: WireEdit } | { kind: 'retraction'; retraction: WireRetraction } | { kind: 'reactions'; reactions: WireReactions };

/** XEP-0085 chat state of an occupant (Ethora adds `<data fullName>`). */
export interface WireChatState {
  room: string;
  nick: string;
  state: 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
  /** Display name, where the stanza carries one. */
  name?: string;
}

/** Room subject change (a system line). */
export interface WireSubject {
  room: string;
  nick: string;
  subject: string;
}

/** An error bounce for a message we sent (type="error"): never to be taken for the echo. */
export interface WireMessageError {
  room: string;
  /** The bounced stanza's `id` (our id, equal to our origin-id). */
  id: string;
  /** Human-readable reason, e.g. "You are not allowed to send messages to this room". */
  reason: string;
  /** The XMPP error condition, e.g. 'not-acceptable' (ejabberd: we are not an occupant). */
  condition?: string;
}

/**
 * Why an occupant is no longer in a room, in the room's words (XEP-0045 status codes):
 * banned (301), kicked (307), membership lost (321) or the room became members-only (322),
 * and the room's node shut down or failed (332, 333: join again).
 */
export type RoomExit = 'banned' | 'kicked' | 'membership-lost' | 'members-only' | 'shutdown';

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
  /** Why an unavailable occupant is gone, when the room says (status codes); undefined: they left. */
  exit?: RoomExit;
  /** Our join created the room (status code 201). */
  created?: boolean;
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
  /** Room image and background (Ethora ns:getrooms), http(s) URLs only. */
  thumbnail?: string;
  background?: string;
}

/** A change of the user's XEP-0191 block list: the full list, or a push adding/removing JIDs. */
export interface WireBlocklist {
  /** 'list': `jids` is the whole list. 'unblock' with no JIDs: everything was unblocked. */
  action: 'list' | 'block' | 'unblock';
  /** Bare, lower-cased JIDs. */
  jids: string[];
}

/** A room member as Ethora's ns:room:last reports it, or an occupant where the server lacks it. */
export interface WireMember {
  /** Real bare JID (ns:room:last), or undefined for an occupant of an anonymous room. */
  jid?: string;
  /** Display name (ns:room:last `name`) or the occupant nick. */
  name: string;
  role?: string;
  /** Last activity (ms), where the server reports it. */
  lastActive?: number;
  /** Ethora ban_status other than "clear". */
  banned?: boolean;
}

/** An invitation to a room: mediated (XEP-0045, through the room) or direct (XEP-0249). */
export interface WireInvite {
  room: string;
  /** Who invited us (bare JID). */
  from: string;
  kind: 'mediated' | 'direct';
  reason?: string;
  password?: string;
}

/** A room we were in was destroyed by its owner. */
export interface WireRoomDestroyed {
  room: string;
  reason?: string;
  /** A room to go to instead, when the owner named one. */
  alternate?: string;
}

/** Every event the protocol reports, by name (ConnectionHandlers has one callback per name). */
export interface WireEventPayloads {
  message: WireMessage;
  messageError: WireMessageError;
  occupant: WireOccupant;
  joinError: WireJoinError;
  edit: WireEdit;
  retraction: WireRetraction;
  reactions: WireReactions;
  chatState: WireChatState;
  subject: WireSubject;
  /** The block list was pushed by the server (this or another session of the account changed it). */
  blocklist: WireBlocklist;
  invite: WireInvite;
  destroyed: WireRoomDestroyed;
  /** The room's settings changed (name, description, ...): ask it again. */
  configChanged: { room: string };
}

export type WireEventName = keyof WireEventPayloads;

/** The names, for code that wires one handler per event (checked against the payloads both ways). */
export const WIRE_EVENT_NAMES = [
  'message',
  'messageError',
  'occupant',
  'joinError',
  'edit',
  'retraction',
  'reactions',
  'chatState',
  'subject',
  'blocklist',
  'invite',
  'destroyed',
  'configChanged',
] as const satisfies readonly WireEventName[];
type Missing = Exclude<WireEventName, (typeof WIRE_EVENT_NAMES)[number]>;
const allNamed: [Missing] extends [never] ? true : Missing = true;
void allNamed;

/** One event off the wire, tagged by name: what applyWireEvent (state/apply-wire-event.ts) takes. */
export type WireEvent = { [K in WireEventName]: { name: K; arg: WireEventPayloads[K] } }[WireEventName];
