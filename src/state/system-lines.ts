import type { WireOccupant } from '../protocol/types.js';
import type { Occupant } from './room.js';

/** Longest sender-chosen text (a kick reason, a subject) quoted in a system line. */
const MAX_QUOTED = 500;

/** Sender-chosen text for a system line: a line is one short sentence, whatever was sent. */
export function quoted(text: string): string {
  if (text.length <= MAX_QUOTED) return text;
  const end = /[\uD800-\uDBFF]/.test(text[MAX_QUOTED - 1]) ? MAX_QUOTED - 1 : MAX_QUOTED;
  return `${text.slice(0, end)}…`;
}

/**
 * The system line for an occupant's presence change, if it deserves one: joins, leaves, nick
 * changes, kicks, bans, and role or affiliation changes. Undefined for presences that change
 * nothing a reader cares about (status text, the presences of a join burst are filtered by
 * the caller).
 */
export function occupantLine(o: WireOccupant, before: Occupant | undefined): string | undefined {
  const who = o.nick;
  const why = o.reason ? `: ${quoted(o.reason)}` : '';
  if (!o.available) {
    if (o.newNick) return `${who} is now known as ${o.newNick}`;
    if (o.codes.includes(301)) return `${who} was banned${why}`;
    if (o.codes.includes(307)) return `${who} was removed${why}`;
    if (o.codes.includes(321)) return `${who} is no longer a member`;
    return `${who} left`;
  }
  if (!before) return `${who} joined`;
  if (before.role !== o.role) {
    if (o.role === 'moderator') return `${who} is now a moderator`;
    if (o.role === 'visitor') return `${who} can no longer speak`;
    if (before.role === 'visitor') return `${who} can speak again`;
    if (before.role === 'moderator') return `${who} is no longer a moderator`;
  }
  if (before.affiliation !== o.affiliation) {
    const names: Record<string, string> = { owner: 'an owner', admin: 'an admin', member: 'a member' };
    return names[o.affiliation] ? `${who} is now ${names[o.affiliation]}` : `${who} is no longer ${names[before.affiliation] ?? 'a member'}`;
  }
  return undefined;
}
