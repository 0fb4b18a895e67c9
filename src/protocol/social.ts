/**
 * The social side of the account, each a function of a StanzaJS client: the XEP-0191 block
 * list, the widget's preferences in XEP-0049 private storage (muted rooms), and Ethora's room
 * members query `ns:room:last`. Parsers are pure and never throw.
 */
import * as Stanza from 'stanza';
import type { Agent, Stanzas } from 'stanza';
import { XmppError } from './errors.js';
import { bareJid } from './jid.js';
import { request } from './room-requests.js';
import type { WireBlocklist, WireMember } from './types.js';

// ---- XEP-0191 blocking ------------------------------------------------------------------

/** The JIDs of a block list result or push: bare, lower-cased, each once. */
export function blockedJids(jids: unknown): string[] {
  if (!Array.isArray(jids)) return [];
  const out = new Set<string>();
  for (const j of jids) {
    const bare = bareJid(j);
    if (bare) out.add(bare);
  }
  return [...out];
}

export async function getBlocked(client: Agent): Promise<WireBlocklist> {
  const result = await request(client, client.sendIQ({ type: 'get', blockList: { action: 'list' } }));
  return { action: 'list', jids: blockedJids(result.blockList?.jids) };
}

/** Blocks (true) or unblocks (false) one bare JID. The server then pushes the change to every session. */
export async function setBlocked(client: Agent, jid: string, blocked: boolean): Promise<void> {
  const bare = bareJid(jid);
  if (!bare) throw new XmppError('jid-malformed', /* i18n */ 'That is not a valid address');
  await request(client, client.sendIQ({ type: 'set', blockList: { action: blocked ? 'block' : 'unblock', jids: [bare] } }));
}

/**
 * Answers the server's block list pushes and reports each change; a push from anyone but our
 * own account or its server is refused (StanzaJS's roster plugin did this; it is left out).
 */
export function answerBlockPushes(client: Agent, report: (change: WireBlocklist) => void): void {
  client.on('iq:set:blockList', (iq) => {
    if (!Stanza.JID.allowedResponders(client.jid).has(iq.from)) return client.sendIQError(iq, { error: { condition: 'service-unavailable', type: 'cancel' } });
    const { action, jids } = iq.blockList;
    if (action === 'block' || action === 'unblock') report({ action, jids: blockedJids(jids) });
    client.sendIQResult(iq);
  });
}

// ---- preferences in private storage -------------------------------------------------------

/** What the widget keeps for the account, on every device. */
export interface WirePrefs {
  /** Rooms whose messages do not count in the total and do not notify. */
  muted: string[];
}

/** Preferences from a private-storage result; anything unreadable is left out. */
export function parsePrefs(iq: Stanzas.IQ): WirePrefs & { raw: Record<string, unknown> } {
  const raw = rawPrefs(iq);
  return { muted: Array.isArray(raw.muted) ? blockedJids(raw.muted) : [], raw };
}

function rawPrefs(iq: Stanzas.IQ): Record<string, unknown> {
  try {
    const value = iq?.privateStorage?.ethoraChatPrefs?.value;
    if (typeof value !== 'string' || !value) return {};
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([k]) => k !== '__proto__'));
  } catch {
    return {};
  }
}

async function fetchPrefs(client: Agent): Promise<ReturnType<typeof parsePrefs>> {
  try {
    return parsePrefs(await request(client, client.sendIQ({ type: 'get', privateStorage: { ethoraChatPrefs: {} } })));
  } catch (err) {
    if ((err as XmppError).condition === 'item-not-found') return { muted: [], raw: {} };
    throw err;
  }
}

export async function getPrefs(client: Agent): Promise<WirePrefs> {
  const { muted } = await fetchPrefs(client);
  return { muted };
}

/** Read-merge-write of one room's muted flag; other keys (a newer version's) are kept. */
export async function setMuted(client: Agent, room: string, muted: boolean): Promise<void> {
  const { muted: list, raw } = await fetchPrefs(client);
  const next = new Set(list);
  if (muted) next.add(room);
  else next.delete(room);
  const value = JSON.stringify({ ...raw, muted: [...next] });
  await request(client, client.sendIQ({ type: 'set', privateStorage: { ethoraChatPrefs: { value } } }));
}

// ---- Ethora ns:room:last --------------------------------------------------------------------

/** Ethora's members and last activity of a room; undefined when the IQ does not carry it. */
export function parseRoomLast(iq: Stanzas.IQ): WireMember[] | undefined {
  try {
    const payload = iq?.roomLast;
    if (!payload || iq.type !== 'result') return undefined;
    const out: WireMember[] = [];
    for (const a of payload.activities ?? []) {
      const jid = bareJid(a?.jid);
      if (!jid || out.some((m) => m.jid === jid)) continue;
      const name = typeof a.name === 'string' && a.name.trim() ? a.name.trim().slice(0, 200) : jid.split('@')[0];
      const member: WireMember = { jid, name };
      if (typeof a.role === 'string' && /^[a-z]{1,20}$/.test(a.role)) member.role = a.role;
      // Seconds since the epoch (Ethora writes e.g. "1731677817").
      const seconds = typeof a.lastActive === 'string' && /^\s*\d{1,12}\s*$/.test(a.lastActive) ? Number(a.lastActive) : NaN;
      if (Number.isFinite(seconds) && seconds > 0) member.lastActive = seconds * 1000;
      if (typeof a.banStatus === 'string' && a.banStatus !== 'clear' && a.banStatus !== '') member.banned = true;
      out.push(member);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Asks the server (Ethora's mod_get_users_activity) for a room's members; rejects where it has no such module. */
export async function roomLast(client: Agent, room: string): Promise<WireMember[]> {
  const iq = await request(client, client.sendIQ({ type: 'get', roomLast: { room } }));
  const members = parseRoomLast(iq);
  if (!members) throw new XmppError('bad-request', /* i18n */ 'The server sent an unreadable member list');
  return members;
}
