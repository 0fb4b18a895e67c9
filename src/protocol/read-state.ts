/**
 * Read state in XEP-0049 private storage, Ethora's way (ethora-protocol.md §2.15):
 * `<query xmlns='jabber:iq:private'><chatjson xmlns='chatjson:store' value='{"<room>":"<ms>",…}'/>`.
 * One JSON object for all rooms, shared with Ethora's own clients, so a write must keep what
 * it does not understand and never move a room's marker backwards.
 */
import type { Agent, Stanzas } from 'stanza';
import { XmppError } from './errors.js';
import { bareJid } from './jid.js';
import { request } from './room-requests.js';
import type { WireReadState } from './types.js';

/** The stored object as it is: room -> "<ms>" (strings from Ethora, maybe numbers from others). */
type RawReadState = Record<string, unknown>;

/** Read state from a private-storage result: invalid JSON -> {}; values as numbers, invalid ones left out. */
export function parseReadState(iq: Stanzas.IQ): WireReadState {
  const out: WireReadState = {};
  for (const [key, value] of Object.entries(rawOf(iq) ?? {})) {
    const room = bareJid(key);
    const time = timeValue(value);
    if (room && time !== undefined) out[room] = Math.max(out[room] ?? 0, time);
  }
  return out;
}

/** The stored JSON object, or undefined when there is none or it is not an object. */
function rawOf(iq: Stanzas.IQ): RawReadState | undefined {
  try {
    const value = iq?.privateStorage?.chatjson?.value;
    if (typeof value !== 'string' || !value) return undefined;
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    // Own properties only, and no key that could reach a prototype.
    return Object.fromEntries(Object.entries(parsed).filter(([k]) => k !== '__proto__'));
  } catch {
    return undefined;
  }
}

function timeValue(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

async function fetchRaw(client: Agent): Promise<RawReadState> {
  try {
    const iq = await request(client, client.sendIQ({ type: 'get', privateStorage: { chatjson: {} } }));
    return rawOf(iq) ?? {};
  } catch (err) {
    // Nothing stored yet is an empty state; anything else must not lead to overwriting it.
    if ((err as XmppError).condition === 'item-not-found') return {};
    throw err;
  }
}

export async function getReadState(client: Agent): Promise<WireReadState> {
  return parseReadState({ type: 'result', privateStorage: { chatjson: { value: JSON.stringify(await fetchRaw(client)) } } });
}

/**
 * Read-merge-write: a fresh read, the room's marker set to the later of stored and `time`,
 * everything else written back untouched. Values are strings, as Ethora writes them.
 */
export async function setReadState(client: Agent, room: string, time: number): Promise<void> {
  if (!Number.isFinite(time) || time < 0) throw new XmppError('bad-request', /* i18n */ 'That is not a valid time');
  const raw = await fetchRaw(client);
  const stored = timeValue(raw[room]) ?? 0;
  if (stored >= Math.floor(time) && room in raw) return;
  raw[room] = String(Math.max(stored, Math.floor(time)));
  await request(client, client.sendIQ({ type: 'set', privateStorage: { chatjson: { value: JSON.stringify(raw) } } }));
}
