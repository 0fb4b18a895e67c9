/**
 * What the user does to a message already sent: edit and delete their own, react to any, and
 * as a room moderator remove anyone's. Sent only while joined; the room's echo applies them
 * (a reaction shows at once; a moderation when the room announces it).
 */
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import { myKeys } from '../state/identity.js';
import { newId } from './ids.js';
import { OFFLINE, type Link } from './link.js';

export class MessageActions {
  constructor(
    private readonly link: Link,
    private readonly ethora: () => boolean = () => false,
  ) {}

  /**
   * We may remove others' messages here: the room says how (disco#info: XEP-0425, or in the
   * Ethora dialect the kit's moderator `<delete/>`) and we are its moderator (an owner's and
   * admin's role is moderator too).
   */
  canModerate(room: string): boolean {
    const r = this.link.store.room(room);
    const how = r?.moderation;
    const me = r?.occupants.get(r.nick);
    if (!how || !me || r?.join !== 'joined') return false;
    const staff = me.role === 'moderator' || me.affiliation === 'owner' || me.affiliation === 'admin';
    return staff && (how.current || how.old || (how.ethoraDelete && this.ethora()));
  }

  /**
   * Removes someone's message for everyone as a moderator, with a reason (XEP-0425; the Ethora
   * dialect sends Ethora's `<delete id/>` where the room honours it, which carries no reason).
   * Shown when the room announces it; a refusal is the room's action error.
   */
  async moderate(room: string, key: string, reason?: string): Promise<void> {
    const r = this.link.store.room(room);
    const m = r?.timeline.find(key);
    if (!r || !m?.stanzaId || m.deleted || m.system || !this.canModerate(room)) return;
    const how = r.moderation!;
    const stanzaId = m.stanzaId;
    let sent: Promise<void> | undefined;
    this.act(room, (conn) => {
      if (this.ethora() && how.ethoraDelete) conn.sendModeratorDelete(room, stanzaId, newId());
      else sent = conn.moderate(room, stanzaId, reason, !how.current);
    });
    await sent?.catch((err: Error) => this.link.store.setActionError(room, err.message));
  }

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
    const mine =
      myKeys(store.me, r.nick)
        .map((k) => m.reactions?.[k]?.emojis)
        .find(Boolean) ?? [];
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
