/**
 * MUC presences -> WireOccupant / WireJoinError. Pure, never throw, undefined when the
 * presence is not theirs to describe.
 */
import type { Stanzas } from 'stanza';
import { humanError } from './errors.js';
import { bareJid, parseJid } from './jid.js';
import type { Affiliation, Role, RoomExit, WireJoinError, WireOccupant } from './types.js';

const ROLES: readonly Role[] = ['moderator', 'participant', 'visitor', 'none'];
const AFFILIATIONS: readonly Affiliation[] = ['owner', 'admin', 'member', 'outcast', 'none'];

/** An occupant's presence in a room (muc#user payload), available or unavailable. */
export function parseOccupant(presence: Stanzas.Presence): WireOccupant | undefined {
  try {
    if (!presence || presence.type === 'error') return undefined;
    // Subscription presences (subscribe, probe, ...) are not occupant information.
    const type: string | undefined = presence.type;
    if (type !== undefined && type !== 'available' && type !== 'unavailable') return undefined;
    const muc = presence.muc;
    // `<x xmlns=muc>` (type 'join') is our own join request reflected, not occupant info.
    if (!muc || typeof muc !== 'object' || muc.type === 'join') return undefined;
    const from = parseJid(presence.from);
    if (!from || !from.local || !from.resource) return undefined;
    const codes = statusCodes(muc.statusCodes);
    const occupant: WireOccupant = {
      room: from.bare,
      nick: from.resource,
      role: oneOf(muc.role, ROLES),
      affiliation: oneOf(muc.affiliation, AFFILIATIONS),
      available: presence.type !== 'unavailable',
      self: codes.includes(110),
    };
    const exit = presence.type === 'unavailable' ? exitOf(codes) : undefined;
    if (exit) occupant.exit = exit;
    if (codes.includes(201)) occupant.created = true;
    const jid = bareJid(muc.jid);
    if (jid) occupant.jid = jid;
    if (codes.includes(303) && typeof muc.nick === 'string' && muc.nick) occupant.newNick = muc.nick;
    if (typeof muc.reason === 'string' && muc.reason.trim()) occupant.reason = muc.reason.trim();
    return occupant;
  } catch {
    return undefined;
  }
}

/** A presence error from a room (a failed join). */
export function parseJoinError(presence: Stanzas.Presence): WireJoinError | undefined {
  try {
    if (!presence || presence.type !== 'error') return undefined;
    const from = parseJid(presence.from);
    if (!from || !from.local) return undefined;
    const raw = presence.error?.condition;
    const condition = typeof raw === 'string' && raw ? raw : 'undefined-condition';
    return { room: from.bare, condition, reason: humanError(condition, 'join') };
  } catch {
    return undefined;
  }
}

/** Why an occupant went, from the status codes of its unavailable presence (undefined: it left). */
function exitOf(codes: readonly number[]): RoomExit | undefined {
  // Being put out on purpose wins over a shutdown sent with it.
  if (codes.includes(301)) return 'banned';
  if (codes.includes(307)) return 'kicked';
  if (codes.includes(321)) return 'membership-lost';
  if (codes.includes(322)) return 'members-only';
  // 332: removed by a system shutdown; 333: by a technical problem. Both: the room went away.
  if (codes.includes(332) || codes.includes(333)) return 'shutdown';
  return undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
  return allowed.find((a) => a === value) ?? allowed[allowed.length - 1];
}

function statusCodes(raw: unknown): number[] {
  if (!Array.isArray(raw)) return [];
  const codes: number[] = [];
  for (const value of raw) {
    const code = typeof value === 'number' ? value : Number.parseInt(String(value), 10);
    // XEP-0045 status codes are three digits; anything else is noise.
    if (Number.isInteger(code) && code >= 100 && code <= 999 && !codes.includes(code)) codes.push(code);
  }
  return codes;
}
