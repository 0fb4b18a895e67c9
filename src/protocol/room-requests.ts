/**
 * IQ requests about rooms (MAM history, MucSub, ns:getrooms, disco), each a function of a
 * StanzaJS client that resolves to wire types or rejects with an XmppError.
 */
import type { Agent, Stanzas } from 'stanza';
import { MUCSUB_NODE_MESSAGES } from './definitions.js';
import { conditionOf, toXmppError, XmppError, type ErrorContext } from './errors.js';
import { bareJid } from './jid.js';
import { parseArchivedAction } from './parse-actions.js';
import { parseArchivedMessage } from './parse-message.js';
import { parseGetRooms, parseRoomInfo, parseSubscriptions } from './parse-rooms.js';
import type { WireAction, WireMessage, WireRoomInfo, WireRoomRef } from './types.js';

export interface HistoryPage {
  /** Oldest first. */
  messages: WireMessage[];
  /** Edits, retractions and reactions found in the same results, oldest first. */
  actions: WireAction[];
  /**
   * fetchHistory: this page reaches the start of the archive.
   * fetchAfter: everything up to the newest archived result was fetched.
   * fetchForward with `through`: the whole span was fetched, up to that archive id.
   */
  complete: boolean;
  /** Archive id of the page's first (oldest) result: the `before` for the next older page. */
  first?: string;
}

/** fetchAfter pages forward at most this far (PAGE_MAX × MAX_PAGES messages). */
const PAGE_MAX = 50;
const MAX_PAGES = 20;

/**
 * Awaits a StanzaJS IQ promise, turning its IQ-shaped rejections into XmppError. A timed-out
 * sendIQ leaves its `iq:id:<id>` listener behind (StanzaJS bug), so drop it here.
 */
export async function request<T>(client: Agent, pending: Promise<T>, context: ErrorContext = 'request'): Promise<T> {
  try {
    return await pending;
  } catch (thrown) {
    const id = (thrown as { id?: unknown } | undefined)?.id;
    if (conditionOf(thrown) === 'timeout' && typeof id === 'string') {
      (client as unknown as { removeAllListeners(event: string): void }).removeAllListeners(`iq:id:${id}`);
    }
    throw toXmppError(thrown, context);
  }
}

/** One page of a room's MAM archive, newest page when `before` is '' or absent. */
export async function fetchHistory(
  client: Agent,
  room: string,
  options: { before?: string; max?: number; start?: number; forward?: boolean } = {},
): Promise<HistoryPage> {
  const max = Math.max(1, Math.min(options.max ?? 30, 100));
  // `start` (ms) limits the page to messages after that time: with before '' it is the newest
  // page of what came since; `complete` then means "nothing more since start". With `forward`
  // it is the oldest page from `start` on (a span held from an earlier session, checked again).
  const start = options.start !== undefined ? { start: new Date(options.start) } : {};
  const paging = options.forward ? { max } : { max, before: options.before ?? '' };
  const fin = await request(client, client.searchHistory(room, { ...start, paging }));
  return {
    ...parsePage(fin.results, room),
    complete: fin.complete === true,
    ...(fin.paging?.first ? { first: fin.paging.first } : {}),
  };
}

/** Everything archived after `afterId`, oldest first, paging forward (bounded). */
export function fetchAfter(client: Agent, room: string, afterId: string): Promise<HistoryPage> {
  return fetchForward(client, room, { after: afterId });
}

/**
 * The archive from a point on, oldest first, paging forward (bounded): after an archive id, or
 * from a time (ms); up to and including the archive id `through` when given (a span held from an
 * earlier session, checked again with every action archived in it), else to the end.
 */
export async function fetchForward(client: Agent, room: string, from: { after?: string; start?: number }, through?: string): Promise<HistoryPage> {
  const out: HistoryPage = { messages: [], actions: [], complete: false };
  let after = from.after;
  const start = from.start !== undefined ? { start: new Date(from.start) } : {};
  for (let page = 0; page < MAX_PAGES; page++) {
    const fin = await request(client, client.searchHistory(room, { ...start, paging: after ? { max: PAGE_MAX, after } : { max: PAGE_MAX } }));
    const results = fin.results ?? [];
    // A span ends with `through`: what the page has after it is not part of it.
    const end = through ? results.findIndex((r) => r.id === through) : -1;
    const parsed = parsePage(end < 0 ? results : results.slice(0, end + 1), room);
    out.messages.push(...parsed.messages);
    out.actions.push(...parsed.actions);
    out.first ??= fin.paging?.first;
    const last = fin.paging?.last;
    // A page can come with fewer results than it spans (the kit's server leaves out a blocked
    // author's messages): RSM's `last` says where it ended, not the results.
    if (fin.complete || !last || last === after || end >= 0) {
      out.complete = true;
      break;
    }
    after = last;
  }
  if (!out.first) delete out.first;
  return out;
}

/** Error conditions of a server that lacks a feature: an empty answer, not a failure. */
const NOT_SUPPORTED = new Set(['service-unavailable', 'feature-not-implemented']);

/** The user's MucSub subscriptions, asked of the MUC service. */
export async function listSubscriptions(client: Agent, mucService: string): Promise<WireRoomRef[]> {
  try {
    const iq = await request(client, client.sendIQ({ to: mucService, type: 'get', mucsubSubscriptions: {} }));
    return parseSubscriptions(iq) ?? [];
  } catch (err) {
    // A server without MucSub has no subscriptions to list.
    if (NOT_SUPPORTED.has((err as XmppError).condition)) return [];
    throw err;
  }
}

/** Ethora ns:getrooms; [] where the server has no such module. */
export async function getRooms(client: Agent): Promise<WireRoomRef[]> {
  try {
    const iq = await request(client, client.sendIQ({ type: 'get', getRooms: {} }));
    return parseGetRooms(iq) ?? [];
  } catch (err) {
    if (NOT_SUPPORTED.has((err as XmppError).condition)) return [];
    throw err;
  }
}

export async function roomInfo(client: Agent, room: string): Promise<WireRoomInfo> {
  const iq = await request(client, client.sendIQ({ to: room, type: 'get', disco: { type: 'info' } }));
  const info = parseRoomInfo(iq);
  if (!info) throw new XmppError('bad-request', /* i18n */ 'The room sent an unreadable description');
  return info;
}

export async function subscribe(client: Agent, room: string, nick: string): Promise<void> {
  await request(client, client.sendIQ({ to: room, type: 'set', mucsubSubscribe: { nick, events: [MUCSUB_NODE_MESSAGES] } }));
}

export async function unsubscribe(client: Agent, room: string): Promise<void> {
  await request(client, client.sendIQ({ to: room, type: 'set', mucsubUnsubscribe: {} }));
}

/**
 * The server's MUC services: the disco#items entries whose disco#info says conference/text,
 * conference.<domain> first; [] when discovery finds none.
 */
export async function findMucServices(client: Agent, domain: string): Promise<string[]> {
  const preferred = `conference.${domain}`;
  try {
    const items = await request(client, client.getDiscoItems(domain));
    const jids = (items.items ?? []).map((i) => bareJid(i.jid)).filter((j): j is string => !!j && !j.includes('@'));
    jids.sort((a, b) => Number(b === preferred) - Number(a === preferred));
    const found = await Promise.all(jids.map((j) => isMucService(client, j)));
    return jids.filter((_, i) => found[i]);
  } catch {
    return [];
  }
}

/** Whether the address's disco#info says conference/text (a MUC service); false on any error. */
export async function isMucService(client: Agent, service: string): Promise<boolean> {
  try {
    const info = await request(client, client.getDiscoInfo(service));
    return (info.identities ?? []).some((i) => i.category === 'conference' && i.type === 'text');
  } catch {
    return false;
  }
}

/** The features an address's disco#info lists (our server's: Ethora's modules); rejects on an error. */
export async function discoFeatures(client: Agent, jid: string): Promise<string[]> {
  const info = await request(client, client.getDiscoInfo(jid));
  return (info.features ?? []).filter((f): f is string => typeof f === 'string');
}

/** The real JIDs subscribed to a room (MucSub; ejabberd answers its owners and moderators). */
export async function listSubscribers(client: Agent, room: string): Promise<string[]> {
  const iq = await request(client, client.sendIQ({ to: room, type: 'get', mucsubSubscriptions: {} }));
  return (iq.mucsubSubscriptions?.subscriptions ?? []).map((s) => bareJid(s?.jid)).filter((j): j is string => !!j);
}

/** MAM results -> messages and actions; results that are neither are dropped. */
export function parsePage(results: Stanzas.MAMResult[] | undefined, room: string): Pick<HistoryPage, 'messages' | 'actions'> {
  const messages: WireMessage[] = [];
  const actions: WireAction[] = [];
  for (const result of results ?? []) {
    const action = parseArchivedAction(result, room);
    if (action) {
      actions.push(action);
      continue;
    }
    const message = parseArchivedMessage(result, room);
    if (message) messages.push(message);
  }
  return { messages, actions };
}
