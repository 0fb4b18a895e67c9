/**
 * Room lists and room info from IQ results -> WireRoomRef[] / WireRoomInfo.
 * Pure, never throw, undefined when the IQ does not carry the payload.
 */
import type { Stanzas } from 'stanza';
import { parseJid, roomJid } from './jid.js';
import type { WireRoomInfo, WireRoomRef } from './types.js';

const ROOMINFO_FORM = 'http://jabber.org/protocol/muc#roominfo';

/** disco#info result of a room (XEP-0045 §6.4 + muc#roominfo form). */
export function parseRoomInfo(iq: Stanzas.IQ): WireRoomInfo | undefined {
  try {
    const disco = iq?.disco;
    if (!disco || disco.type !== 'info' || iq.type !== 'result') return undefined;
    const room = roomJid(iq.from);
    if (!room) return undefined;
    const features = (disco.features ?? []).filter((f): f is string => typeof f === 'string');
    const info: WireRoomInfo = { room, features };
    const identities = disco.identities ?? [];
    const identity = identities.find((i) => i?.category === 'conference' && nonEmpty(i.name)) ?? identities.find((i) => nonEmpty(i?.name));
    if (identity?.name) info.name = identity.name.trim();
    const form = (disco.extensions ?? []).find((x) => x?.fields?.some((f) => f?.name === 'FORM_TYPE' && f.value === ROOMINFO_FORM));
    for (const field of form?.fields ?? []) {
      const value = Array.isArray(field?.value) ? field.value[0] : field?.value;
      if (field?.name === 'muc#roominfo_description' && nonEmpty(value)) info.description = value.trim();
      if (field?.name === 'muc#roominfo_occupants') {
        const n = count(value);
        if (n !== undefined) info.occupants = n;
      }
    }
    return info;
  } catch {
    return undefined;
  }
}

/** ejabberd MucSub `<subscriptions>` result: the rooms the user is subscribed to. */
export function parseSubscriptions(iq: Stanzas.IQ): WireRoomRef[] | undefined {
  try {
    const payload = iq?.mucsubSubscriptions;
    if (!payload || iq.type !== 'result') return undefined;
    const refs: WireRoomRef[] = [];
    for (const sub of payload.subscriptions ?? []) {
      const room = roomJid(sub?.jid);
      if (!room || refs.some((r) => r.room === room)) continue;
      const ref: WireRoomRef = { room };
      if (nonEmpty(sub.nick)) ref.nick = sub.nick;
      refs.push(ref);
    }
    return refs;
  } catch {
    return undefined;
  }
}

/** Ethora `ns:getrooms` result. */
export function parseGetRooms(iq: Stanzas.IQ): WireRoomRef[] | undefined {
  try {
    const payload = iq?.getRooms;
    if (!payload || iq.type !== 'result') return undefined;
    const refs: WireRoomRef[] = [];
    for (const item of payload.rooms ?? []) {
      const jid = parseJid(item?.jid);
      if (!jid || !jid.local || jid.resource || refs.some((r) => r.room === jid.bare)) continue;
      const ref: WireRoomRef = { room: jid.bare };
      if (nonEmpty(item.name)) ref.name = item.name.trim();
      const users = count(item.usersCnt);
      if (users !== undefined) ref.usersCount = users;
      const thumbnail = imageUrl(item.roomThumbnail);
      if (thumbnail) ref.thumbnail = thumbnail;
      const background = imageUrl(item.roomBackground);
      if (background) ref.background = background;
      refs.push(ref);
    }
    return refs;
  } catch {
    return undefined;
  }
}

/** An http(s) image URL; Ethora writes "none" (or '') for no image. Anything else is dropped. */
export function imageUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function count(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const n = typeof value === 'number' ? value : /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
