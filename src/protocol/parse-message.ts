/**
 * Messages -> WireMessage / WireMessageError. Pure functions over StanzaJS JSON (parsed with
 * the definitions in definitions*.ts). Everything here is untrusted: each parser returns
 * undefined for stanzas it does not concern and never throws.
 */
import type { Stanzas } from 'stanza';
import { humanError } from './errors.js';
import { bareJid, parseJid } from './jid.js';
import { isActionStanza, moderationOf } from './parse-actions.js';
import { mediaOf, replyOf } from './parse-content.js';
import { archivedEnvelope, cleanData, liveEnvelope, nameFrom, str, text, type Envelope, type RoomMessageOptions } from './parse-envelope.js';
import type { WireMessage, WireMessageError } from './types.js';

export type { RoomMessageOptions } from './parse-envelope.js';

/** A live groupchat message, or one delivered inside a MucSub pubsub event. */
export function parseRoomMessage(msg: Stanzas.Message, options: RoomMessageOptions = {}): WireMessage | undefined {
  try {
    const env = liveEnvelope(msg, options);
    return env ? buildMessage(env) : undefined;
  } catch {
    return undefined;
  }
}

/** One MAM result from the archive of `room` (which was the target of the query). */
export function parseArchivedMessage(result: Stanzas.MAMResult, room: string): WireMessage | undefined {
  try {
    const env = archivedEnvelope(result, room);
    const m = env ? buildMessage(env) : undefined;
    return m && { ...m, archived: true };
  } catch {
    return undefined;
  }
}

/** A type="error" bounce of a message we sent to a room. */
export function parseMessageError(msg: Stanzas.Message): WireMessageError | undefined {
  try {
    if (!msg || msg.type !== 'error') return undefined;
    const from = parseJid(msg.from);
    const id = str(msg.id);
    if (!from || !from.local || !id) return undefined;
    const condition = typeof msg.error?.condition === 'string' && msg.error.condition ? msg.error.condition : undefined;
    return { room: from.bare, id, reason: humanError(condition, 'message'), ...(condition ? { condition } : {}) };
  } catch {
    return undefined;
  }
}

function buildMessage(env: Envelope): WireMessage | undefined {
  const { inner } = env;
  // Edits, retractions and reactions are actions (parse-actions.ts), never timeline messages,
  // whatever fallback body they carry.
  if (isActionStanza(inner)) return undefined;
  // A subject change is the room topic, not a timeline message.
  if (inner.subject !== undefined && !text(inner.body)) return undefined;
  const data = cleanData(inner.data);
  // Ethora's server replaces a deleted message's body with "deleted" and adds <deleted/>;
  // an XEP-0424/0425 archive keeps a <retracted/> tombstone instead of the body.
  const deleted = !!inner.ethoraDeleted || !!inner.retracted;
  const reply = deleted ? { body: '' } : replyOf(inner, data);
  const media = deleted ? undefined : mediaOf(inner, data);
  // Ethora media carry the placeholder body "media": not text to show.
  const body = media && data?.isMediafile === 'true' && reply.body.trim() === 'media' ? '' : reply.body;
  // Timeline messages are text, media or tombstones. Body-less chat states, receipts and
  // Ethora typing are not.
  if (!body && !media && !deleted) return undefined;
  const out: WireMessage = { room: env.room, nick: env.nick, body };
  const id = str(inner.id);
  if (id) out.id = id;
  const originId = str(inner.originId);
  if (originId) out.originId = originId;
  if (env.stanzaId) out.stanzaId = env.stanzaId;
  if (env.time !== undefined) out.time = env.time;
  // The room's own <x><item jid> is vouched for by the server; <data senderJID> is a claim.
  const senderJid = env.mucJid ?? bareJid(data?.senderJID);
  if (senderJid) out.senderJid = senderJid;
  if (senderJid && !env.mucJid) out.jidClaimed = true;
  const senderName = nameFrom(data);
  if (senderName) out.senderName = senderName;
  if (data) out.data = data;
  if (reply.replyTo) out.replyTo = reply.replyTo;
  if (media) out.media = media;
  // A system line is the room's (or the server's) word: from its bare JID, never an occupant's
  // claim, which stays that occupant's message (blocking, clipping and moderation apply).
  if (data?.isSystemMessage === 'true' && env.nick === '') out.system = true;
  if (inner.ethoraReplaced) out.edited = true;
  if (deleted) out.deleted = true;
  const moderated = inner.retracted?.moderated;
  if (moderated) out.moderated = moderationOf(moderated);
  return out;
}
