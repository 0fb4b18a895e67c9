/**
 * The user's rooms where every XMPP server keeps them: bookmarks. XEP-0402 (one PEP item per
 * room, node `urn:xmpp:bookmarks:1`) where the account advertises `urn:xmpp:bookmarks:1#compat`
 * (the server then also shows them to XEP-0048 clients, Converse.js among them); otherwise
 * XEP-0048 in private XML storage, which every server has. Read at the start of a session, and
 * written when the user enters or leaves a room that has no MucSub.
 *
 * What comes back is hostile like anything else: only room JIDs that parse, bounded names and
 * nicks, at most MAX_BOOKMARKS of them.
 */
import type { Agent, Stanzas } from 'stanza';

type MUCBookmark = Stanzas.MUCBookmark;
import type { WireRoomRef } from '../state/wire-events.js';
import { NS_BOOKMARKS_2, type ConferenceItem } from './definitions-bookmarks.js';
import { bareJid } from './jid.js';
import { request } from './room-requests.js';

export { NS_BOOKMARKS_COMPAT } from './definitions-bookmarks.js';

/** More bookmarks than this are not read (a list, not a flood). */
const MAX_BOOKMARKS = 1000;
const MAX_NAME = 200;
/** Answers that mean "no bookmarks": none stored yet, or a server without the store. */
const NONE = new Set(['item-not-found', 'service-unavailable', 'feature-not-implemented']);

export interface Bookmark {
  room: string;
  name?: string;
  nick?: string;
  autojoin: boolean;
}

/** XEP-0223: the item is kept, only the account's own sessions read it, and it is not pushed on presence. */
const PRIVATE_PEP = {
  type: 'submit' as const,
  fields: [
    { name: 'FORM_TYPE', type: 'hidden' as const, value: 'http://jabber.org/protocol/pubsub#publish-options' },
    { name: 'pubsub#persist_items', value: 'true' },
    { name: 'pubsub#max_items', value: 'max' },
    { name: 'pubsub#send_last_published_item', value: 'never' },
    { name: 'pubsub#access_model', value: 'whitelist' },
  ],
};

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

function bookmarkOf(room: unknown, name: unknown, nick: unknown, autojoin: unknown): Bookmark | undefined {
  const jid = typeof room === 'string' ? bareJid(room) : undefined;
  if (!jid || !jid.includes('@')) return undefined;
  return { room: jid, name: text(name, MAX_NAME), nick: text(nick, MAX_NAME), autojoin: autojoin === true };
}

/** The bookmarks in the account's store; [] where there are none. */
export async function readBookmarks(client: Agent, account: string, modern: boolean): Promise<Bookmark[]> {
  const out: Bookmark[] = [];
  if (modern) {
    let items: Array<{ id?: string; content?: unknown }> = [];
    try {
      const iq = await request(client, client.sendIQ({ to: account, type: 'get', pubsub: { context: 'user', fetch: { node: NS_BOOKMARKS_2 } } }));
      items = (iq.pubsub as { fetch?: { items?: typeof items } } | undefined)?.fetch?.items ?? [];
    } catch (err) {
      if (NONE.has((err as { condition?: string }).condition ?? '')) return [];
      throw err;
    }
    for (const item of items.slice(0, MAX_BOOKMARKS)) {
      const c = item.content as Partial<ConferenceItem> | undefined;
      if (c?.itemType !== NS_BOOKMARKS_2) continue;
      const b = bookmarkOf(item.id, c.name, c.nick, c.autojoin);
      if (b) out.push(b);
    }
    return out;
  }
  const rooms = await legacyBookmarks(client);
  for (const r of rooms.slice(0, MAX_BOOKMARKS)) {
    const b = bookmarkOf(r.jid, r.name, r.nick, r.autoJoin);
    if (b) out.push(b);
  }
  return out;
}

/** XEP-0048 in private XML storage (XEP-0049): the whole list, read with one IQ ([]: none stored). */
async function legacyBookmarks(client: Agent): Promise<MUCBookmark[]> {
  try {
    const iq = await request(client, client.sendIQ({ type: 'get', privateStorage: { bookmarks: {} } }));
    return iq.privateStorage?.bookmarks?.rooms ?? [];
  } catch (err) {
    if (NONE.has((err as { condition?: string }).condition ?? '')) return [];
    throw err;
  }
}

/** Adds or replaces the room's bookmark. */
export async function writeBookmark(client: Agent, account: string, modern: boolean, b: Bookmark): Promise<void> {
  if (!modern) {
    // Read, change, write back the whole list (what XEP-0048 in private storage allows).
    // A list that cannot be read is not overwritten (legacyBookmarks throws).
    const stored = await legacyBookmarks(client);
    const others = stored.filter((r) => bareJid(r.jid) !== b.room);
    const rooms = [...others, { jid: b.room, name: b.name, nick: b.nick, autoJoin: b.autojoin }];
    await request(client, client.sendIQ({ type: 'set', privateStorage: { bookmarks: { rooms } } }));
    return;
  }
  const content: ConferenceItem = { itemType: NS_BOOKMARKS_2, autojoin: b.autojoin, ...(b.name ? { name: b.name } : {}), ...(b.nick ? { nick: b.nick } : {}) };
  const publish = { node: NS_BOOKMARKS_2, item: { id: b.room, content } };
  await request(client, client.sendIQ({ to: account, type: 'set', pubsub: { context: 'user', publish, publishOptions: PRIVATE_PEP } }));
}

/** The rooms a list of bookmarks asks to be in: those with autojoin. */
export const autojoinRooms = (marks: Bookmark[]): WireRoomRef[] =>
  marks.filter((b) => b.autojoin).map((b) => ({ room: b.room, ...(b.name ? { name: b.name } : {}), ...(b.nick ? { nick: b.nick } : {}) }));
