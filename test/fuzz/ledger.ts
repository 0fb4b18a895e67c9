/**
 * The fuzz oracle's memory: every wire message and action that reached the store, indexed the
 * way a target can be named (room stanza-id, or origin-id of one sender). The invariant checker
 * asks it "could this message legitimately look like this?" without using the store's own
 * lookup code, so a bug there cannot hide itself.
 */
import type { Action } from '../../src/state/actions.js';
import type { WireMessage } from '../../src/protocol/types.js';

/** One wire copy of a message: who sent it (by the room's word) and what it said. */
export interface WireCopy {
  nick: string;
  body: string;
  /** The real JID the room vouched for (`<x><item jid>`), if any; never a `<data>` claim. */
  jid?: string;
  deleted: boolean;
}

/** The acting side of an edit, retraction or reaction set. */
export interface ActionRecord {
  kind: Action['kind'];
  nick: string;
  senderJid?: string;
  moderated: boolean;
  body?: string;
  emojis?: readonly string[];
}

export class Ledger {
  private readonly copies = new Map<string, WireCopy[]>();
  private readonly actions = new Map<string, ActionRecord[]>();
  /** Our own messages added as pending (key -> body): they have no wire copy until echoed. */
  readonly pending = new Map<string, string>();
  /** Real JIDs the room's presences named for each nick (the room's word for live stanzas). */
  readonly occupantJids = new Map<string, Set<string>>();

  occupant(nick: string, jid: string | undefined): void {
    if (!jid) return;
    let set = this.occupantJids.get(nick);
    if (!set) this.occupantJids.set(nick, (set = new Set()));
    set.add(jid);
  }

  message(w: WireMessage, jid: string | undefined): void {
    const copy: WireCopy = { nick: w.nick, body: w.body, jid, deleted: !!w.deleted };
    const originId = w.originId ?? w.id;
    if (w.stanzaId) push(this.copies, `${w.room}|s|${w.stanzaId}`, copy);
    if (originId) push(this.copies, `${w.room}|o|${w.nick}|${originId}`, copy);
    // No id at all: only its sender can tell it apart.
    if (!w.stanzaId && !originId) push(this.copies, `${w.room}|n|${w.nick}`, copy);
  }

  action(a: Action): void {
    const b = a.kind === 'edit' ? a.edit : a.kind === 'retraction' ? a.retraction : a.reactions;
    push(this.actions, `${b.room}|${b.targetId}`, {
      kind: a.kind,
      nick: b.nick,
      senderJid: b.senderJid,
      moderated: a.kind === 'retraction' && !!a.retraction.moderated,
      body: a.kind === 'edit' ? a.edit.body : undefined,
      emojis: a.kind === 'reactions' ? a.reactions.emojis : undefined,
    });
  }

  /** Wire copies that may be this message: same room and sender, named by its stanza-id or origin-id. */
  copiesOf(room: string, m: { nick: string; stanzaId?: string; originId?: string }): WireCopy[] {
    const bySid = m.stanzaId ? (this.copies.get(`${room}|s|${m.stanzaId}`) ?? []) : [];
    const byOid = m.originId ? (this.copies.get(`${room}|o|${m.nick}|${m.originId}`) ?? []) : [];
    const anonymous = !m.stanzaId && !m.originId ? (this.copies.get(`${room}|n|${m.nick}`) ?? []) : [];
    return [...bySid, ...byOid, ...anonymous].filter((c) => c.nick === m.nick);
  }

  /** Every action that named this message by one of its ids. */
  actionsOn(room: string, m: { stanzaId?: string; originId?: string }): ActionRecord[] {
    const ids = [...new Set([m.stanzaId, m.originId].filter((x): x is string => !!x))];
    return ids.flatMap((id) => this.actions.get(`${room}|${id}`) ?? []);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
