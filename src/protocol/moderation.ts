/**
 * Moderation IQs, one encoder and (where there is an answer) one parser per wire shape:
 * - XEP-0425 `<moderate id xmlns=…moderate:1><retract xmlns=…retract:1/><reason/></moderate>`
 *   and its older form `<apply-to id xmlns=fasten:0><moderate xmlns=…moderate:0><retract
 *   xmlns=…retract:0/><reason/></moderate></apply-to>` (the one Ethora's server advertises);
 * - Ethora's ban `<query xmlns='ns:deepx:muc:user:ban' action user type room time comment/>`
 *   (no `to`; ethora-server-plugins.md), its `get_list` answer `<ban user expires comment by/>`;
 * - Ethora's room images `<query xmlns='ns:getrooms:setprofile' room room_thumbnail
 *   room_background/>` (ethora-protocol.md §2.20; owners only).
 * Answers are read defensively: a missing or odd attribute is dropped, never trusted.
 */
import * as Stanza from 'stanza';
import type { Agent, JXT, Stanzas } from 'stanza';
import { NS_FASTEN, NS_MODERATE, NS_MODERATE_0, NS_RETRACT, NS_RETRACT_0 } from './definitions-xep.js';
import { XmppError } from './errors.js';
import { bareJid } from './jid.js';
import { request } from './room-requests.js';

const { XMLElement, attribute } = Stanza.JXT;

export const NS_BAN = 'ns:deepx:muc:user:ban';
export const NS_SETPROFILE = 'ns:getrooms:setprofile';
/** Our kit's mark that a moderator's Ethora `<delete id/>` is honoured (server/modules/mod_ethora_delete.erl). */
export const NS_ETHORA_DELETE = 'ethora:message:delete';
/** Longest reason sent (the kit's server keeps 1024 characters). */
const MAX_REASON = 1000;

export interface ModerateRequest {
  id?: string;
  reason?: string;
}
export interface BanQuery {
  action?: string;
  user?: string;
  type?: string;
  room?: string;
  time?: string;
  comment?: string;
  bans?: WireBan[];
}
export interface RoomProfileQuery {
  room?: string;
  thumbnail?: string;
  background?: string;
}
/** One active Ethora ban of a room. */
export interface WireBan {
  jid: string;
  /** When it lapses (ms); undefined: for ever. */
  until?: number;
  comment?: string;
  by?: string;
}

declare module 'stanza/protocol' {
  interface IQPayload {
    moderate?: ModerateRequest;
    moderateOld?: ModerateRequest;
    ethoraBan?: BanQuery;
    roomProfile?: RoomProfileQuery;
  }
}

const own = (el: JXT.XMLElement, k: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(el.attributes, k) && typeof el.attributes[k] === 'string' ? el.attributes[k] : undefined;

function reasonEl(reason: string | undefined): JXT.XMLElement[] {
  const text = (reason ?? '').trim().slice(0, MAX_REASON);
  if (!text) return [];
  const el = new XMLElement('reason');
  el.children.push(text);
  return [el];
}

/** `<retract/>` and `<reason/>` inside `<moderate xmlns=…:1>` (send-only). */
const moderateBody: JXT.FieldDefinition<string> = {
  importer: () => undefined,
  exporter(xml, reason) {
    xml.appendChild(new XMLElement('retract', { xmlns: NS_RETRACT }));
    for (const r of reasonEl(reason)) xml.appendChild(r);
  },
};

/** `<moderate xmlns=…:0><retract xmlns=…retract:0/><reason/></moderate>` inside `<apply-to>` (send-only). */
const oldModerateBody: JXT.FieldDefinition<string> = {
  importer: () => undefined,
  exporter(xml, reason) {
    const m = new XMLElement('moderate', { xmlns: NS_MODERATE_0 });
    m.appendChild(new XMLElement('retract', { xmlns: NS_RETRACT_0 }));
    for (const r of reasonEl(reason)) m.appendChild(r);
    xml.appendChild(m);
  },
};

const bans: JXT.FieldDefinition<WireBan[]> = {
  importer(xml) {
    const out: WireBan[] = [];
    for (const el of xml.getChildren('ban')) {
      const jid = bareJid(own(el, 'user') ?? '');
      if (!jid) continue;
      const expires = Number(own(el, 'expires'));
      const comment = own(el, 'comment')?.slice(0, MAX_REASON);
      const by = bareJid(own(el, 'by') ?? '');
      out.push({
        jid,
        ...(Number.isSafeInteger(expires) && expires > 0 ? { until: expires * 1000 } : {}),
        ...(comment ? { comment } : {}),
        ...(by ? { by } : {}),
      });
      if (out.length >= 1000) break;
    }
    return out;
  },
  exporter() {
    // Requests carry no bans.
  },
};

export const moderationDefinitions: JXT.DefinitionOptions[] = [
  { element: 'moderate', namespace: NS_MODERATE, path: 'iq.moderate', fields: { id: attribute('id'), reason: moderateBody } },
  { element: 'apply-to', namespace: NS_FASTEN, path: 'iq.moderateOld', fields: { id: attribute('id'), reason: oldModerateBody } },
  {
    element: 'query',
    namespace: NS_BAN,
    path: 'iq.ethoraBan',
    fields: {
      action: attribute('action'),
      user: attribute('user'),
      type: attribute('type'),
      room: attribute('room'),
      time: attribute('time'),
      comment: attribute('comment'),
      bans,
    },
  },
  {
    element: 'query',
    namespace: NS_SETPROFILE,
    path: 'iq.roomProfile',
    fields: { room: attribute('room'), thumbnail: attribute('room_thumbnail'), background: attribute('room_background') },
  },
];

// ---- encoders ----------------------------------------------------------------------------

/** XEP-0425: remove message `stanzaId` of `room` for everyone; `old` writes the `:0` form. */
export function moderateIq(room: string, stanzaId: string, reason: string | undefined, old: boolean): Stanzas.IQ {
  const body = { id: stanzaId, reason: reason ?? '' };
  return old ? { to: room, type: 'set', moderateOld: body } : { to: room, type: 'set', moderate: body };
}

/** Ethora's ban or unban of `user` in `room`; `seconds` 0 or absent: for ever. */
export function banIq(action: 'ban' | 'unban', room: string, user: string, seconds?: number, comment?: string): Stanzas.IQ {
  const q: BanQuery = { action, user, type: 'room', room };
  if (action === 'ban' && seconds && seconds > 0) q.time = String(Math.round(seconds));
  const c = comment?.trim().slice(0, MAX_REASON);
  if (action === 'ban' && c) q.comment = c;
  return { type: 'set', ethoraBan: q };
}

export function banListIq(room: string): Stanzas.IQ {
  return { type: 'set', ethoraBan: { action: 'get_list', type: 'room', room } };
}

/** Ethora's room images: '' clears one (`none`, as the server reads it), undefined leaves it as it is (left out). */
export function roomImageIq(room: string, thumbnail: string | undefined, background: string | undefined): Stanzas.IQ {
  const profile: RoomProfileQuery = { room };
  if (thumbnail !== undefined) profile.thumbnail = thumbnail || 'none';
  if (background !== undefined) profile.background = background || 'none';
  return { type: 'set', roomProfile: profile };
}

// ---- parsers -----------------------------------------------------------------------------

/** The bans of a get_list answer; [] for anything else. */
export function parseBanList(iq: Stanzas.IQ): WireBan[] {
  try {
    return iq?.ethoraBan?.bans ?? [];
  } catch {
    return [];
  }
}

// ---- requests ----------------------------------------------------------------------------

const BAD_ID = () => new XmppError('bad-request', /* i18n */ 'That message cannot be changed yet: try again in a moment');

export async function moderate(client: Agent, room: string, stanzaId: string, reason: string | undefined, old: boolean): Promise<void> {
  if (!/^\d{1,19}$/.test(stanzaId)) throw BAD_ID();
  await request(client, client.sendIQ(moderateIq(room, stanzaId, reason, old)));
}

export async function ethoraBan(client: Agent, action: 'ban' | 'unban', room: string, user: string, seconds?: number, comment?: string): Promise<void> {
  const jid = bareJid(user);
  if (!jid) throw new XmppError('jid-malformed', /* i18n */ 'That is not a valid address');
  await request(client, client.sendIQ(banIq(action, room, jid, seconds, comment)));
}

export async function ethoraBans(client: Agent, room: string): Promise<WireBan[]> {
  return parseBanList(await request(client, client.sendIQ(banListIq(room))));
}

export async function setRoomImage(client: Agent, room: string, thumbnail: string | undefined, background?: string): Promise<void> {
  await request(client, client.sendIQ(roomImageIq(room, thumbnail, background)));
}
