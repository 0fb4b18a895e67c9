/**
 * Messages -> WireMessage / WireMessageError. Pure functions over StanzaJS JSON (parsed with
 * the definitions in definitions.ts). Everything here is untrusted: each parser returns
 * undefined for stanzas it does not concern and never throws.
 */
import type { Stanzas } from 'stanza';
import { humanError } from './errors.js';
import { bareJid, parseJid } from './jid.js';
import type { WireMessage, WireMessageError } from './types.js';

export interface RoomMessageOptions {
  /**
   * The MUC service domain (e.g. conference.example.com). When given, groupchat messages from
   * any other domain are ignored: a plain user can send us type="groupchat" directly.
   */
  mucDomainHint?: string;
}

/** A live groupchat message, or one delivered inside a MucSub pubsub event. */
export function parseRoomMessage(msg: Stanzas.Message, options: RoomMessageOptions = {}): WireMessage | undefined {
  try {
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
    // A subject change is the room topic, not a timeline message.
    if (inner.subject !== undefined && !text(inner.body)) return undefined;
    const room = from.bare;
    const stanzaId = inner.stanzaIds?.find((s) => bareJid(s?.by) === room)?.id;
    return buildMessage(inner, room, from.resource, stringOrUndefined(stanzaId), liveTime(inner, room));
  } catch {
    return undefined;
  }
}

/** One MAM result from the archive of `room` (which was the target of the query). */
export function parseArchivedMessage(result: Stanzas.MAMResult, room: string): WireMessage | undefined {
  try {
    const roomBare = bareJid(room);
    const inner = result?.item?.message;
    if (!roomBare || !inner || inner.type === 'error' || !stringOrUndefined(result.id)) return undefined;
    let nick = '';
    if (inner.from !== undefined) {
      const from = parseJid(inner.from);
      if (!from || from.bare !== roomBare) return undefined;
      nick = from.resource;
    }
    return buildMessage(inner, roomBare, nick, result.id, timeOf(result.item.delay?.timestamp));
  } catch {
    return undefined;
  }
}

/** A type="error" bounce of a message we sent to a room. */
export function parseMessageError(msg: Stanzas.Message): WireMessageError | undefined {
  try {
    if (!msg || msg.type !== 'error') return undefined;
    const from = parseJid(msg.from);
    const id = stringOrUndefined(msg.id);
    if (!from || !from.local || !id) return undefined;
    return { room: from.bare, id, reason: humanError(msg.error?.condition, 'message') };
  } catch {
    return undefined;
  }
}

function buildMessage(
  inner: Stanzas.Message,
  room: string,
  nick: string,
  stanzaId: string | undefined,
  time: number | undefined,
): WireMessage | undefined {
  const body = text(inner.body);
  const data = cleanData(inner.data);
  // Timeline messages are text or Ethora media (which always carries <data isMediafile>).
  // Body-less chat states, receipts, Ethora typing/reactions/edits/deletes are not.
  if (!body && data?.isMediafile !== 'true') return undefined;
  const out: WireMessage = { room, nick, body };
  const id = stringOrUndefined(inner.id);
  if (id) out.id = id;
  const originId = stringOrUndefined(inner.originId);
  if (originId) out.originId = originId;
  if (stanzaId) out.stanzaId = stanzaId;
  if (time !== undefined) out.time = time;
  // The room's own <x><item jid> is vouched for by the server; <data senderJID> is a claim.
  const mucJid = inner.muc && 'jid' in inner.muc ? bareJid(inner.muc.jid) : undefined;
  const senderJid = mucJid ?? bareJid(data?.senderJID);
  if (senderJid) out.senderJid = senderJid;
  const senderName = nameFrom(data);
  if (senderName) out.senderName = senderName;
  if (data) out.data = data;
  return out;
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

function timeOf(value: unknown): number | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

function nameFrom(data: Record<string, string> | undefined): string | undefined {
  if (!data) return undefined;
  const full = data.fullName?.trim();
  if (full) return full;
  const parts = [data.senderFirstName?.trim(), data.senderLastName?.trim()].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

function cleanData(data: unknown): Record<string, string> | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const entries = Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string');
  return Object.fromEntries(entries);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
