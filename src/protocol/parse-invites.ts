/**
 * Room invitations and destruction notices -> wire events. Pure, never throw,
 * undefined when the stanza is not one of these.
 */
import type { Stanzas } from 'stanza';
import { bareJid, parseJid, roomJid } from './jid.js';
import type { WireInvite, WireRoomDestroyed } from './types.js';

const MAX_TEXT = 500;
/** Format characters (bidi overrides, zero-width): never in a JID (RFC 7622), so not a room to show. */
const FORMAT = /\p{Cf}/u;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, MAX_TEXT) : undefined;
}

/** XEP-0045 mediated invite (from the room, naming the inviter) or XEP-0249 direct invite. */
export function parseInvite(m: Stanzas.Message): WireInvite | undefined {
  try {
    if (!m || m.type === 'error' || m.type === 'groupchat') return undefined;
    const muc = m.muc as Partial<Stanzas.MUCInfo> | Partial<Stanzas.MUCDirectInvite> | undefined;
    // StanzaJS leaves `type` unset on a message's muc#user payload: anything but a direct invite.
    const info = muc && muc.type !== 'direct-invite' ? (muc as Partial<Stanzas.MUCInfo>) : undefined;
    if (muc?.type === 'direct-invite' || (!info?.invite && m.legacyMUC)) {
      const invite = (muc?.type === 'direct-invite' ? muc : m.legacyMUC) as Partial<Stanzas.MUCDirectInvite>;
      const room = roomJid(invite.jid);
      const from = bareJid(m.from);
      if (!room || !from || FORMAT.test(room)) return undefined;
      return withOptional({ room, from, kind: 'direct' }, invite.reason, invite.password);
    }
    const first = Array.isArray(info?.invite) ? info.invite[0] : undefined;
    if (!first) return undefined;
    const room = roomJid(m.from);
    const from = bareJid(first.from);
    // Mediated invites come from the room itself (a bare room JID, never an occupant).
    if (!room || !from || FORMAT.test(from) || parseJid(m.from)?.resource) return undefined;
    return withOptional({ room, from, kind: 'mediated' }, first.reason, info?.password);
  } catch {
    return undefined;
  }
}

function withOptional(invite: WireInvite, reason: unknown, password: unknown): WireInvite {
  const r = text(reason);
  if (r) invite.reason = r;
  if (typeof password === 'string' && password) invite.password = password.slice(0, MAX_TEXT);
  return invite;
}

/** Our unavailable self-presence carrying `<destroy>`: the owner destroyed the room. */
export function parseDestroyed(p: Stanzas.Presence): WireRoomDestroyed | undefined {
  try {
    const destroy = p?.muc && p.muc.type !== 'join' ? p.muc.destroy : undefined;
    const room = roomJid(p?.from);
    if (p?.type !== 'unavailable' || !destroy || !room) return undefined;
    const out: WireRoomDestroyed = { room };
    const reason = text(destroy.reason);
    if (reason) out.reason = reason;
    const alternate = roomJid(destroy.jid);
    if (alternate && alternate !== room) out.alternate = alternate;
    return out;
  } catch {
    return undefined;
  }
}
