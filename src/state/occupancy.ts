/**
 * Who is in a room and what they do there besides writing: occupants (and the continuous
 * occupant each nick belongs to, identity.ts), the system lines of joins, leaves and subject
 * changes (a flood of presences collapsed into one line), and typing indications.
 */
import { dropOldest } from './bounded.js';
import { vouchedName } from './identity.js';
import type { Room } from './room.js';
import type { StoreContext } from './store-context.js';
import { english, occupantLine, presenceRunLine, subjectLine, type Line } from './system-lines.js';
import type { WireOccupant } from './wire-events.js';

/** Joins and leaves within this time (ms) of the previous one, with nothing between, are one run. */
const PRESENCE_RUN_MS = 60_000;
/** Lines of a run shown one by one; the rest of the run shares one line. */
const PRESENCE_RUN_LINES = 3;
/** Typing indications kept per room (the newest). */
const MAX_TYPING = 50;
/** Continuous occupants are numbered across all rooms and stores (identity.ts). */
let occupantJoins = 0;

export class Occupancy {
  private systemSeq = 0;

  constructor(private readonly store: StoreContext) {}

  applyOccupant(o: WireOccupant): void {
    const room = this.store.room(o.room);
    if (!room) return;
    this.store.change(room, () => {
      // Presences before our own join completes are the room's current occupants, not news.
      const line = room.join === 'joined' && !o.self ? occupantLine(o, room.occupants.get(o.nick)) : undefined;
      if (line) this.addSystemLine(room, line);
      if (o.available) {
        // The same occupant while the nick stays in the room with the same real JID; a nick that
        // left (or changed) and came back is a new occupant, whoever it is.
        const before = room.occupants.get(o.nick);
        const session = before && before.jid === o.jid ? before.session : ++occupantJoins;
        room.occupants.set(o.nick, { nick: o.nick, jid: o.jid, role: o.role, affiliation: o.affiliation, session });
      } else room.occupants.delete(o.nick);
      if (o.available && o.newNick === undefined && o.self) room.nick = o.nick;
      if (!o.available && o.newNick) {
        room.occupants.set(o.newNick, { nick: o.newNick, jid: o.jid, role: o.role, affiliation: o.affiliation, session: ++occupantJoins });
        if (o.self) room.nick = o.newNick;
      }
    });
  }

  /**
   * Room subject: the first one the room sends is the current subject; a later one is news only
   * when it differs from the one known. A room sends its subject on every join (Prosody sends an
   * empty one too), so a new session after a lost link would otherwise announce it again ("The
   * room cleared the subject").
   */
  applySubject(jid: string, nick: string, subject: string): void {
    const room = this.store.room(jid);
    if (!room || room.subject === subject) return;
    this.store.change(room, () => {
      const first = room.subject === undefined;
      room.subject = subject;
      if (!first) this.addSystemLine(room, subjectLine(nick, subject));
    });
  }

  /**
   * A local system line (not archived): shown centred, never counted as unread. Of joins and
   * leaves that follow each other closely, the first few are shown and the rest share one line
   * ("7 more people joined or left"), so a flood of presences adds a few lines, not thousands.
   */
  private addSystemLine(room: Room, line: Line): void {
    const now = this.store.now();
    const presence = line.text === '{who} joined' || line.text === '{who} left';
    let run = room.presenceRun;
    const continues = presence && run && room.timeline.last?.key === run.last && now - run.time < PRESENCE_RUN_MS;
    if (!continues) run = room.presenceRun = presence ? { last: '', count: 0, time: 0 } : undefined;
    if (run) {
      run.count++;
      run.time = now;
      if (run.count > PRESENCE_RUN_LINES + 1) {
        const merged = presenceRunLine(run.count - PRESENCE_RUN_LINES);
        room.timeline.update(run.last, { line: merged, body: english(merged) });
        return;
      }
      if (run.count > PRESENCE_RUN_LINES) line = presenceRunLine(1);
    }
    const key = `system:${++this.systemSeq}`;
    if (run) run.last = key;
    room.timeline.insert({ key, room: room.jid, nick: '', senderName: '', body: english(line), line, time: now, status: 'sent', own: false, system: true });
  }

  /** Someone started or stopped typing. */
  setTyping(jid: string, nick: string, name: string | undefined, typing: boolean, ttlMs = 30_000): void {
    const room = this.store.room(jid);
    if (!room || nick === room.nick) return;
    this.store.change(room, (r) => {
      r.typing.delete(nick);
      if (!typing) return;
      r.typing.set(nick, { name: vouchedName(name, nick), until: this.store.now() + ttlMs });
      // The line names two and counts the rest: more than this many is a flood, not a conversation.
      dropOldest(r.typing, MAX_TYPING);
    });
  }

  /** Drops typing indications whose time has passed in these rooms; returns whether any remain. */
  expireTyping(rooms: Iterable<Room>): boolean {
    const now = this.store.now();
    let any = false;
    for (const room of rooms) {
      const expired = [...room.typing].filter(([, t]) => t.until <= now);
      if (expired.length) this.store.change(room, (r) => expired.forEach(([nick]) => r.typing.delete(nick)));
      any ||= room.typing.size > 0;
    }
    return any;
  }
}
