/**
 * The members panel's list: everyone in the room now, then the members who are away (the
 * affiliation lists and Ethora's member list), and who is banned (the room's outcasts and
 * Ethora's bans). Pure: the inputs are fetched by room-admin.ts.
 */
import type { Affiliation, Role, WireAffiliate, WireMember } from '../protocol/types.js';
import type { Room } from '../state/room.js';
import { localPart } from './ids.js';

/** A room member for the members panel: online occupants and offline affiliated users. */
export interface Member {
  /** Occupant nick when online. */
  nick?: string;
  /** Real bare JID where the room reveals it. */
  jid?: string;
  role: Role;
  affiliation: Affiliation;
  online: boolean;
  self: boolean;
  /** When the server last saw them (ms), where it says (Ethora's ns:room:last). */
  lastActive?: number;
  /** Banned from the room (an outcast, or an Ethora ban that still holds). */
  banned?: boolean;
}

/** A ban of a room: XEP-0045's outcast list, or Ethora's (ns:deepx:muc:user:ban), which may lapse. */
export interface Ban {
  jid: string;
  kind: 'outcast' | 'ethora';
  /** The reason given (untrusted text). */
  reason?: string;
  /** When an Ethora ban lapses (ms); undefined: for ever. */
  until?: number;
}

/** A room's members who may be away: its affiliation lists, Ethora's member list, its bans. */
export interface Roster {
  affiliates: WireAffiliate[];
  ethora: WireMember[];
  /** What we may read of them (admins: outcasts; moderators on Ethora servers: its bans). */
  bans: Ban[];
}

export const EMPTY_ROSTER: Roster = { affiliates: [], ethora: [], bans: [] };

const RANK: Record<Affiliation, number> = { owner: 4, admin: 3, member: 2, none: 1, outcast: 0 };

/** Everyone in the room now, then the roster's members who are away, sorted for the list. */
export function mergeMembers(r: Room | undefined, me: string, roster: Roster): Member[] {
  const out: Member[] = [];
  for (const o of r?.occupants.values() ?? []) {
    out.push({ nick: o.nick, jid: o.jid, role: o.role, affiliation: o.affiliation, online: true, self: o.nick === r?.nick });
  }
  const online = new Set(out.map((m) => m.jid).filter(Boolean));
  for (const a of roster.affiliates) {
    if (online.has(a.jid)) continue;
    online.add(a.jid);
    out.push({ jid: a.jid, nick: a.nick, role: 'none', affiliation: a.affiliation, online: false, self: a.jid === me });
  }
  // Ethora servers list every member with their last activity: add the ones missing, and
  // their activity to everyone.
  for (const e of roster.ethora) {
    if (!e.jid) continue;
    const known = out.find((m) => m.jid === e.jid);
    if (known) {
      if (e.lastActive !== undefined) known.lastActive = e.lastActive;
      if (e.banned) known.banned = true;
      continue;
    }
    out.push({
      jid: e.jid,
      nick: e.name || undefined,
      role: 'none',
      affiliation: e.banned ? 'outcast' : 'member',
      online: false,
      self: e.jid === me,
      ...(e.lastActive !== undefined ? { lastActive: e.lastActive } : {}),
      ...(e.banned ? { banned: true } : {}),
    });
  }
  const banned = new Set(roster.bans.map((b) => b.jid));
  for (const m of out) if (m.affiliation === 'outcast' || (m.jid && banned.has(m.jid))) m.banned = true;
  return out.sort((a, b) => Number(b.online) - Number(a.online) || RANK[b.affiliation] - RANK[a.affiliation] || label(a).localeCompare(label(b)));
}

/** How a member is named in lists: nick, else the JID's local part. */
export function label(m: { nick?: string; jid?: string }): string {
  return m.nick || (m.jid ? localPart(m.jid) : '?');
}
