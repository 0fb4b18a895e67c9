/**
 * What the user does to a message already sent: edit and delete their own, react to any. Sent
 * only while joined; the room's echo applies them (a reaction shows at once).
 */
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import { myKeys } from '../state/identity.js';
import { newId } from './ids.js';
import { OFFLINE, type Link } from './link.js';

export class MessageActions {
  constructor(private readonly link: Link) {}

  /** Replaces the text of our message (shown when the room echoes the edit). */
  edit(room: string, key: string, text: string): void {
    const m = this.link.store.room(room)?.timeline.find(key);
    const body = text.trim();
    if (!m || !m.own || m.deleted || !body || body === m.body) return;
    this.act(room, (conn) => conn.sendEdit(room, { stanzaId: m.stanzaId, originId: m.originId }, body, newId()));
  }

  /** Deletes our message for everyone. */
  remove(room: string, key: string): void {
    const m = this.link.store.room(room)?.timeline.find(key);
    if (!m || !m.own || m.deleted) return;
    this.act(room, (conn) => conn.sendRetraction(room, { stanzaId: m.stanzaId, originId: m.originId }, newId()));
  }

  /** Adds or removes our reaction with this emoji; the room gets our full new set. */
  toggleReaction(room: string, key: string, emoji: string): void {
    const { store } = this.link;
    const r = store.room(room);
    const m = r?.timeline.find(key);
    if (!r || !m?.stanzaId || m.deleted) return;
    const mine = myKeys(store.me, r.nick).map((k) => m.reactions?.[k]?.emojis).find(Boolean) ?? [];
    const next = mine.includes(emoji) ? mine.filter((e) => e !== emoji) : [...mine, emoji];
    const stanzaId = m.stanzaId;
    this.act(room, (conn) => {
      conn.sendReactions(room, stanzaId, next, newId());
      // Shown at once, and the base of a second click before the echo comes back: a reaction
      // stanza carries the whole set, so building it from the echoed state would drop the first.
      store.applyAction({ kind: 'reactions', reactions: { room, nick: r.nick, targetId: stanzaId, emojis: next } }, true);
    });
  }

  /** Sends an edit, retraction or reaction now, or says why it cannot be sent. */
  private act(room: string, send: (conn: XmppConnection) => void): void {
    const conn = this.link.online();
    const error = !conn ? OFFLINE : this.link.store.room(room)?.join !== 'joined' ? /* i18n */ 'You are not in this room' : undefined;
    this.link.store.setActionError(room, error);
    if (conn && !error) send(conn);
  }
}
