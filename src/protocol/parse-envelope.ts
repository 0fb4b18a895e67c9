/**
 * What every room-stanza parser needs first: is this really from a room, which room and
 * occupant, which archive id and server time. One place for those checks, so that messages,
 * actions and chat states cannot disagree about what a forged stanza is.
 */
import type { Stanzas } from 'stanza';
import { bareJid, parseJid } from './jid.js';

export interface RoomMessageOptions {
  /**
   * The MUC service domain (e.g. conference.example.com). When given, groupchat messages from
   * any other domain are ignored: a plain user can send us type="groupchat" directly.
   */
  mucDomainHint?: string;
}

/** A room stanza, checked and unwrapped. */
export interface Envelope {
  /** The message itself (the MucSub inner message, or the MAM forwarded one). */
  inner: Stanzas.Message;
  /** Bare room JID, lower-cased. */
  room: string;
  /** Occupant nick; '' when the room itself sent it. */
  nick: string;
  /** Room-stamped stanza-id (live) or the MAM result id (archive). */
  stanzaId?: string;
  /** Server time in ms, where the room or archive vouches for it. */
  time?: number;
  /**
   * Real bare JID from the archive's `<x><item jid>`: vouched for by the server, unlike
   * `<data senderJID>`. Archived messages only (see liveEnvelope).
   */
  mucJid?: string;
}

/** A live groupchat message, or one delivered inside a MucSub pubsub event. */
export function liveEnvelope(msg: Stanzas.Message, options: RoomMessageOptions = {}): Envelope | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  let inner = msg;
  if (msg.mucsub) {
    inner = msg.mucsub.message;
    // ejabberd sends MucSub events from the room's bare JID; a wrapper from anyone else
    // could put words in any room's mouth.
    const wrapper = parseJid(msg.from);
    const from = parseJid(inner?.from);
    if (!wrapper || wrapper.resource || !from || wrapper.bare !== from.bare) return undefined;
  }
  if (!inner || inner.type !== 'groupchat') return undefined;
  const from = parseJid(inner.from);
  if (!from || !from.local) return undefined;
  const hint = options.mucDomainHint?.toLowerCase();
  if (hint && from.domain !== hint) return undefined;
  const room = from.bare;
  const env: Envelope = { inner, room, nick: from.resource };
  const stanzaId = str(inner.stanzaIds?.find((s) => bareJid(s?.by) === room)?.id);
  if (stanzaId) env.stanzaId = stanzaId;
  const time = liveTime(inner, room);
  if (time !== undefined) env.time = time;
  // No mucJid live: ejabberd (checked on 23.01) relays a sender's own
  // `<x xmlns=muc#user><item jid>` in a groupchat message unchanged, so anyone could pose as
  // anyone's real JID (our own included) and pass the author check of edits and deletes.
  // MAM strips such items before archiving and adds the real one where the room exposes it.
  return env;
}

/** One MAM result from the archive of `room` (which was the target of the query). */
export function archivedEnvelope(result: Stanzas.MAMResult, room: string): Envelope | undefined {
  const roomBare = bareJid(room);
  const inner = result?.item?.message;
  const stanzaId = str(result?.id);
  if (!roomBare || !inner || typeof inner !== 'object' || inner.type === 'error' || !stanzaId) return undefined;
  let nick = '';
  if (inner.from !== undefined) {
    const from = parseJid(inner.from);
    if (!from || from.bare !== roomBare) return undefined;
    nick = from.resource;
  }
  const env: Envelope = { inner, room: roomBare, nick, stanzaId };
  const time = timeOf(result.item.delay?.timestamp);
  if (time !== undefined) env.time = time;
  const mucJid = mucJidOf(inner);
  if (mucJid) env.mucJid = mucJid;
  return env;
}

function mucJidOf(inner: Stanzas.Message): string | undefined {
  return inner.muc && 'jid' in inner.muc ? bareJid(inner.muc.jid) : undefined;
}

/**
 * XEP-0203 delay on a live message: honoured only when stamped by the room (MUC history
 * replay), since a sender may attach its own <delay> to backdate a message.
 */
function liveTime(msg: Stanzas.Message, room: string): number | undefined {
  const delay = msg.delay;
  if (!delay || bareJid(delay.from) !== room) return undefined;
  return timeOf(delay.timestamp);
}

export function timeOf(value: unknown): number | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Longest display name kept: names show on one line, and the sender chooses them. */
const MAX_NAME = 200;

/** Display name from an Ethora `<data>` bag: fullName, else first + last name (at most MAX_NAME code points). */
export function nameFrom(data: Record<string, string> | undefined): string | undefined {
  if (!data) return undefined;
  const full = data.fullName?.trim();
  const parts = [data.senderFirstName?.trim(), data.senderLastName?.trim()].filter(Boolean);
  const name = full || parts.join(' ');
  return name ? [...name.slice(0, MAX_NAME * 2)].slice(0, MAX_NAME).join('').trim() : undefined;
}

/** The `<data>` bag with only string values (JSON from elsewhere may hold anything). */
export function cleanData(data: unknown): Record<string, string> | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const entries = Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string');
  return Object.fromEntries(entries);
}

/**
 * Longest text read from a stanza (UTF-16 units): 4x the longest message we send, so no honest
 * message is cut, and a megabyte body costs nothing downstream (every later step is bounded by it).
 */
export const MAX_TEXT_UNITS = 40_000;

/** A text field of a stanza: '' when absent, cut to MAX_TEXT_UNITS (never half a surrogate pair). */
export function text(value: unknown): string {
  if (typeof value !== 'string') return '';
  if (value.length <= MAX_TEXT_UNITS) return value;
  const end = /[\uD800-\uDBFF]/.test(value[MAX_TEXT_UNITS - 1]) ? MAX_TEXT_UNITS - 1 : MAX_TEXT_UNITS;
  return value.slice(0, end);
}

/** A non-empty string of at most `max` characters, else undefined (ids, JIDs, names). */
export function str(value: unknown, max = 1024): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= max ? value : undefined;
}
