import type { Line } from './line.js';
import type { Occupant } from './room.js';
import type { WireOccupant } from './wire-events.js';

/** Longest sender-chosen text (a kick reason, a subject) quoted in a system line. */
const MAX_QUOTED = 500;

/** Sender-chosen text for a system line: a line is one short sentence, whatever was sent. */
export function quoted(text: string): string {
  if (text.length <= MAX_QUOTED) return text;
  const end = /[\uD800-\uDBFF]/.test(text[MAX_QUOTED - 1]) ? MAX_QUOTED - 1 : MAX_QUOTED;
  return `${text.slice(0, end)}…`;
}

export type { Line } from './line.js';

const line = (text: string, values: Record<string, string>): Line => ({ text, values });

/** The English text of a line. */
export function english(l: Line): string {
  return l.text.replace(/\{(\w+)\}/g, (whole, key: string) => l.values[key] ?? whole);
}

/**
 * The system line for an occupant's presence change, if it deserves one: joins, leaves, nick
 * changes, kicks, bans, and role or affiliation changes. Undefined for presences that change
 * nothing a reader cares about (status text, the presences of a join burst are filtered by
 * the caller).
 */
export function occupantLine(o: WireOccupant, before: Occupant | undefined): Line | undefined {
  const who = o.nick;
  const reason = o.reason ? quoted(o.reason) : '';
  if (!o.available) {
    if (o.newNick) return line('{who} is now known as {nick}', { who, nick: o.newNick });
    if (o.exit === 'banned') return reason ? line('{who} was banned: {reason}', { who, reason }) : line('{who} was banned', { who });
    if (o.exit === 'kicked') return reason ? line('{who} was removed: {reason}', { who, reason }) : line('{who} was removed', { who });
    if (o.exit === 'membership-lost') return line('{who} is no longer a member', { who });
    return line('{who} left', { who });
  }
  if (!before) return line('{who} joined', { who });
  if (before.role !== o.role) {
    if (o.role === 'moderator') return line('{who} is now a moderator', { who });
    if (o.role === 'visitor') return line('{who} can no longer speak', { who });
    if (before.role === 'visitor') return line('{who} can speak again', { who });
    if (before.role === 'moderator') return line('{who} is no longer a moderator', { who });
  }
  if (before.affiliation !== o.affiliation) {
    if (o.affiliation === 'owner') return line('{who} is now an owner', { who });
    if (o.affiliation === 'admin') return line('{who} is now an admin', { who });
    if (o.affiliation === 'member') return line('{who} is now a member', { who });
    if (before.affiliation === 'owner') return line('{who} is no longer an owner', { who });
    if (before.affiliation === 'admin') return line('{who} is no longer an admin', { who });
    return line('{who} is no longer a member', { who });
  }
  return undefined;
}

/** The one line for the rest of a run of joins and leaves (a flood of presences is one line). */
export function presenceRunLine(count: number): Line {
  return line('More people joined or left ({count})', { count: String(count) });
}

/** The system line for a subject change (set, or cleared when empty). */
export function subjectLine(nick: string, subject: string): Line {
  if (!nick) return subject ? line('The room changed the subject to: {subject}', { subject: quoted(subject) }) : line('The room cleared the subject', {});
  return subject ? line('{who} changed the subject to: {subject}', { who: nick, subject: quoted(subject) }) : line('{who} cleared the subject', { who: nick });
}
