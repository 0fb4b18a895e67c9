/**
 * Invariants of the chat state after any sequence of stanzas, checked after every batch.
 * Returns human-readable violations (empty when all hold).
 */
import type { ChatStore } from '../../src/state/chat-store.js';
import type { Message } from '../../src/state/message.js';
import type { ActionRecord, Ledger } from './ledger.js';
import { ME } from './pools.js';

/** MAX_REACTORS in src/state/actions.ts and MAX_REACTIONS in src/protocol/emoji.ts. */
const MAX_REACTORS = 500;
const MAX_REACTIONS = 20;
/** Actions kept waiting for targets that are not loaded, per room. */
const MAX_WAITING_TARGETS = 1000;

/** The author check as the protocol means it: a moderator's retraction comes from the room; else same real JID when both are known, else same nick. */
/**
 * Whether an action may have come from the message's author (an upper bound of what the widget
 * may accept): the same real JID, the archive's or one the room's presences gave the actor's
 * nick (a nick change keeps the person), else the same nick.
 */
function authorized(m: Message, a: ActionRecord, ledger: Ledger): boolean {
  if (a.moderated) return a.kind === 'retraction' && a.nick === '';
  const actorJids = a.senderJid ? [a.senderJid] : [...(ledger.occupantJids.get(a.nick) ?? [])];
  if (m.senderJid && actorJids.includes(m.senderJid)) return true;
  if (m.senderJid && a.senderJid) return false;
  return m.nick !== '' && m.nick === a.nick;
}

export function checkStore(store: ChatStore, ledger: Ledger, rooms: readonly string[]): string[] {
  const out: string[] = [];
  const bad = (m: Message | undefined, what: string) =>
    out.push(`${what}${m ? ` [key=${m.key.slice(0, 40)} nick=${m.nick.slice(0, 40)} body=${JSON.stringify(m.body.slice(0, 60))}]` : ''}`);
  const listed = store.rooms.map((r) => r.jid).sort();
  if (listed.join() !== [...rooms].sort().join()) bad(undefined, `rooms changed: ${listed.join(', ')}`);
  for (const room of store.rooms) {
    const msgs = room.timeline.messages;
    const keys = new Set<string>();
    const sids = new Set<string>();
    const origins = new Set<string>();
    let chats = 0;
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i];
      if (i > 0 && msgs[i - 1].time > m.time) bad(m, `${room.jid}: timeline not sorted at ${i}`);
      if (m.room !== room.jid) bad(m, `${room.jid}: message of room ${m.room}`);
      if (keys.has(m.key)) bad(m, `${room.jid}: duplicate key`);
      keys.add(m.key);
      if (m.stanzaId && sids.has(m.stanzaId)) bad(m, `${room.jid}: duplicate stanza-id ${m.stanzaId}`);
      if (m.stanzaId) sids.add(m.stanzaId);
      // A message is recognised by stanza-id, or by origin-id together with its sender.
      const origin = m.originId !== undefined ? `${m.nick}\n${m.originId}` : undefined;
      if (origin && origins.has(origin)) bad(m, `${room.jid}: one sender's origin-id twice`);
      if (origin) origins.add(origin);
      if (!Number.isFinite(m.time)) bad(m, 'time is not a number');
      if (m.system) continue;
      if (!m.own) chats++;
      checkMessage(room.jid, m, ledger, bad);
    }
    if (!(room.unread >= 0) || !Number.isInteger(room.unread)) bad(undefined, `${room.jid}: unread ${room.unread}`);
    if (room.unread > chats) bad(undefined, `${room.jid}: unread ${room.unread} > ${chats} messages from others`);
    if (room.waiting.size > MAX_WAITING_TARGETS) bad(undefined, `${room.jid}: ${room.waiting.size} targets waiting (unbounded memory)`);
  }
  return out;
}

function checkMessage(room: string, m: Message, ledger: Ledger, bad: (m: Message, what: string) => void): void {
  const pendingBody = m.own ? ledger.pending.get(m.key) : undefined;
  const copies = ledger.copiesOf(room, m);
  if (!copies.length && pendingBody === undefined) return bad(m, 'message with no wire copy from its sender');
  // Identity: a real JID must come from the room (or be ours, on our own pending message).
  if (m.senderJid && !copies.some((c) => c.jid === m.senderJid) && !(pendingBody !== undefined && m.senderJid === ME)) {
    bad(m, `sender JID ${m.senderJid} was never vouched for by the room`);
  }
  const actions = ledger.actionsOn(room, m);
  const ok = actions.filter((a) => authorized(m, a, ledger));
  if (m.deleted) {
    if (!copies.some((c) => c.deleted) && !ok.some((a) => a.kind === 'retraction')) bad(m, 'deleted without a retraction by its author or the room');
    if (m.moderation && !ok.some((a) => a.moderated)) bad(m, 'moderation without the room saying so');
    if (m.body || m.media || m.reactions) bad(m, 'deleted message keeps content');
    return;
  }
  const bodies = new Set([...copies.map((c) => c.body), ...ok.filter((a) => a.kind === 'edit').map((a) => a.body)]);
  if (pendingBody !== undefined) bodies.add(pendingBody);
  if (!bodies.has(m.body))
    bad(
      m,
      `body is neither a wire copy nor an edit by its author (sender ${m.senderJid ?? '?'}/${m.occupant ?? '?'}; edits by ${actions
        .filter((a) => a.kind === 'edit')
        .map((a) => `${a.nick.slice(0, 20)}=${a.senderJid ?? [...(ledger.occupantJids.get(a.nick) ?? [])].join('|')}`)
        .slice(0, 5)
        .join(', ')})`,
    );
  if (m.reactions) {
    const proto: unknown = Object.getPrototypeOf(m.reactions);
    if (proto !== Object.prototype && proto !== null) bad(m, 'reactions object has a replaced prototype');
    const reactors = Object.keys(m.reactions);
    if (reactors.length > MAX_REACTORS) bad(m, `${reactors.length} reactors`);
    for (const nick of reactors) {
      const set = m.reactions[nick].emojis;
      if (!set.length || set.length > MAX_REACTIONS) bad(m, `reactor ${nick} has ${set.length} reactions`);
      // Keys are who the room vouched for (identity.ts): a JID (the archive's or an occupant's), a live occupant, or a nick.
      const reacted = actions.filter((a) => a.kind === 'reactions');
      const [kind, id] = [nick.slice(0, nick.indexOf(':')), nick.slice(nick.indexOf(':') + 1)];
      const known =
        kind === 'nick'
          ? reacted.some((a) => a.nick === id)
          : kind === 'jid'
            ? reacted.some((a) => a.senderJid === id || ledger.occupantJids.get(a.nick)?.has(id) || (id === ME && a.nick !== ''))
            : kind === 'occupant'
              ? reacted.some((a) => a.nick !== '')
              : false;
      if (!known) bad(m, `reaction by ${nick} who never reacted to it`);
    }
  }
}
