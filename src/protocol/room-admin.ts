/**
 * Room administration over XEP-0045 (owner configuration form, admin affiliation and role
 * lists, destruction, invitations), the MUC service's public directory (disco#items) and
 * XEP-0012 last activity. Functions of a StanzaJS client; failures are XmppErrors with a
 * human message.
 */
import type { Agent, Stanzas } from 'stanza';
import { XmppError } from './errors.js';
import { bareJid, roomJid } from './jid.js';
import { request } from './room-requests.js';
import type { Affiliation, Role, WireAffiliate, WirePublicRoom, WireRoomSettings } from './types.js';

/** Our settings -> the standard muc#roomconfig fields. */
const FIELDS: Record<keyof WireRoomSettings, string> = {
  name: 'muc#roomconfig_roomname',
  description: 'muc#roomconfig_roomdesc',
  public: 'muc#roomconfig_publicroom',
  membersOnly: 'muc#roomconfig_membersonly',
  allowInvites: 'muc#roomconfig_allowinvites',
  persistent: 'muc#roomconfig_persistentroom',
};

/**
 * Set on the rooms the widget creates, where the server's form has them: occupants see each
 * other's real JIDs (blocking and moderation need them), the room is archived (MAM) and
 * allows MucSub subscriptions (ejabberd names for the last two).
 */
const CREATION_FIELDS: Record<string, boolean | string> = {
  'muc#roomconfig_whois': 'anyone',
  mam: true,
  'muc#roomconfig_enablearchiving': true,
  allow_subscription: true,
};

const MAX_NAME = 100;
const MAX_DESCRIPTION = 1000;

/** The room's current settings (owners only: others get 'forbidden'). */
export async function readSettings(client: Agent, room: string): Promise<WireRoomSettings> {
  const form = await configForm(client, room);
  const value = (key: keyof WireRoomSettings) => form.fields?.find((f) => f.name === FIELDS[key])?.value;
  const text = (key: keyof WireRoomSettings, max: number) => {
    const v = value(key);
    return typeof v === 'string' ? v.slice(0, max) : '';
  };
  return {
    name: text('name', MAX_NAME),
    description: text('description', MAX_DESCRIPTION),
    public: value('public') === true,
    membersOnly: value('membersOnly') === true,
    allowInvites: value('allowInvites') === true,
    persistent: value('persistent') === true,
  };
}

/**
 * Submits the given settings (others are left as they are). `created`: also the options the
 * widget wants on every room it creates (real JIDs visible, archive, subscriptions).
 */
export async function saveSettings(client: Agent, room: string, settings: Partial<WireRoomSettings>, created = false): Promise<void> {
  const form = await configForm(client, room);
  const offered = new Set((form.fields ?? []).map((f) => f.name));
  const fields: Stanzas.DataFormField[] = [{ name: 'FORM_TYPE', type: 'hidden', value: 'http://jabber.org/protocol/muc#roomconfig' }];
  const put = (name: string, value: boolean | string) => {
    if (!offered.has(name)) return;
    fields.push(typeof value === 'boolean' ? { name, type: 'boolean', value } : { name, type: 'text-single', value });
  };
  for (const [key, name] of Object.entries(FIELDS) as [keyof WireRoomSettings, string][]) {
    const value = settings[key];
    if (value !== undefined) put(name, typeof value === 'string' ? value.trim() : value);
  }
  if (created) for (const [name, value] of Object.entries(CREATION_FIELDS)) put(name, value);
  await request(client, client.configureRoom(room, { fields }));
}

async function configForm(client: Agent, room: string): Promise<Stanzas.DataForm> {
  const iq = await request(client, client.sendIQ({ to: room, type: 'get', muc: { type: 'configure' } }));
  const form = (iq.muc as Stanzas.MUCConfigure | undefined)?.form;
  if (!form) throw new XmppError('bad-request', /* i18n */ 'The room sent no settings form');
  return form;
}

/** Destroys the room for everyone (owners only). */
export async function destroyRoom(client: Agent, room: string, reason?: string): Promise<void> {
  await request(client, client.destroyRoom(room, reason ? { reason } : {}));
}

/** Grants or takes an affiliation (owner, admin, member, outcast = ban, none = revoke/unban). */
export async function setAffiliation(client: Agent, room: string, jid: string, affiliation: Affiliation, reason?: string): Promise<void> {
  const target = bareJid(jid);
  if (!target) throw new XmppError('jid-malformed', /* i18n */ 'That is not a valid user address');
  await request(client, client.setRoomAffiliation(room, target, affiliation, reason || undefined));
}

/** Changes an occupant's role: none = kick, visitor = silence, participant = voice, moderator. */
export async function setRole(client: Agent, room: string, nick: string, role: Role, reason?: string): Promise<void> {
  await request(client, client.setRoomRole(room, nick, role, reason || undefined));
}

/** The users with that affiliation (who may ask depends on the room: admins at least). */
export async function listAffiliates(client: Agent, room: string, affiliation: Exclude<Affiliation, 'none'>): Promise<WireAffiliate[]> {
  const iq = await request(client, client.getRoomMembers(room, { affiliation }));
  const users = (iq.muc as Stanzas.MUCUserList | undefined)?.users ?? [];
  const out: WireAffiliate[] = [];
  for (const u of users) {
    const jid = bareJid(u.jid);
    if (!jid || out.some((a) => a.jid === jid)) continue;
    const a: WireAffiliate = { jid, affiliation };
    if (typeof u.nick === 'string' && u.nick) a.nick = u.nick.slice(0, 100);
    if (typeof u.reason === 'string' && u.reason.trim()) a.reason = u.reason.trim().slice(0, 500);
    out.push(a);
  }
  return out;
}

/** The rooms the MUC service lists publicly. */
export async function listPublicRooms(client: Agent, service: string): Promise<WirePublicRoom[]> {
  const items = await request(client, client.getDiscoItems(service));
  const out: WirePublicRoom[] = [];
  for (const item of items.items ?? []) {
    const jid = roomJid(item.jid);
    if (!jid || out.some((r) => r.jid === jid)) continue;
    // ejabberd names rooms "title (n)" with the occupant count: keep the title.
    const name = typeof item.name === 'string' ? item.name.replace(/\s*\(\d+\)$/, '').slice(0, MAX_NAME) : '';
    out.push({ jid, name: name || jid.split('@')[0] });
  }
  return out;
}

/** Seconds since the user was last active, or undefined where the server does not say. */
export async function lastActivity(client: Agent, jid: string): Promise<number | undefined> {
  try {
    // XEP-0012 asked here: StanzaJS's `entity` plugin, which has getLastActivity(), is left out of the script.
    const answer = await request(client, client.sendIQ({ to: jid, type: 'get', lastActivity: {} }));
    const seconds = Number(answer.lastActivity?.seconds);
    return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
  } catch {
    return undefined; // e.g. subscription-required: not ours to know
  }
}

/** A mediated invitation (XEP-0045): the room relays it and, if members-only, may admit them. */
export function invite(client: Agent, room: string, to: string, reason?: string): void {
  const target = bareJid(to);
  if (!target) throw new XmppError('jid-malformed', /* i18n */ 'That is not a valid user address');
  client.invite(room, { to: target, ...(reason ? { reason } : {}) });
}

export function declineInvite(client: Agent, room: string, inviter: string, reason?: string): void {
  client.declineInvite(room, inviter, reason);
}
