/**
 * The user's relations to people and rooms: blocking (XEP-0191), MucSub subscriptions, muting
 * (on every device), leaving, and who is in a room.
 */
import type { WireMember } from '../state/wire-events.js';
import { bareJid } from './ids.js';
import { onlineOrThrow, type Link } from './link.js';
import { letRoomGo } from './room-keeping.js';

export class Social {
  constructor(
    private readonly link: Link,
    /** Whether the server may speak Ethora's dialect (ns:room:last). */
    private readonly ethora: () => boolean,
  ) {}

  /**
   * Blocks a user (XEP-0191): their messages are hidden in every room, their direct messages
   * refused by the server. The server pushes the change to all sessions of the account.
   */
  async block(jid: string): Promise<void> {
    await onlineOrThrow(this.link).block(jid);
    this.link.store.applyBlocklist('block', [bareJid(jid)]);
  }

  /** Blocks the sender of a message (from the message menu); a refusal is shown in the room. */
  async blockSender(room: string, key: string): Promise<void> {
    const { store } = this.link;
    const jid = store.room(room)?.timeline.find(key)?.authorJid;
    if (!jid) return;
    try {
      await this.block(jid);
      store.setActionError(room, undefined);
    } catch (err) {
      store.setActionError(room, `Could not block this user: ${(err as Error).message}`);
    }
  }

  async unblock(jid: string): Promise<void> {
    await onlineOrThrow(this.link).unblock(jid);
    this.link.store.applyBlocklist('unblock', [bareJid(jid)]);
  }

  /** MucSub subscribe (the room is listed on every device and notifies while away) or unsubscribe. */
  async setSubscribed(room: string, subscribed: boolean): Promise<void> {
    const r = this.link.store.room(room);
    if (!r) return;
    const conn = onlineOrThrow(this.link);
    if (subscribed) await conn.subscribe(room, r.nick || this.link.nick());
    else await conn.unsubscribe(room);
    this.link.store.setSubscribed(room, subscribed);
  }

  /** Mutes or unmutes a room on every device (private XML storage); put back if the server refuses. */
  async setMuted(room: string, muted: boolean): Promise<void> {
    const conn = onlineOrThrow(this.link);
    this.link.store.setMuted(room, muted);
    try {
      await conn.setMuted(room, muted);
    } catch (err) {
      this.link.store.setMuted(room, !muted);
      throw err;
    }
  }

  /** Leaves a room: unsubscribes or drops its bookmark's autojoin, sends unavailable presence, takes it off the list. Not for pinned rooms. */
  async leave(room: string): Promise<void> {
    const r = this.link.store.room(room);
    if (!r) return;
    if (r.pinned) throw new Error(/* i18n */ 'This room is part of this page and cannot be left');
    const conn = onlineOrThrow(this.link);
    await letRoomGo(conn, this.link.store, room);
    conn.leave(room);
    this.link.store.removeRoom(room);
  }

  /**
   * Members of a room: Ethora's ns:room:last (names, last activity) where the dialect is
   * Ethora and the server answers it, else the occupants the room has shown us.
   */
  async members(room: string): Promise<{ source: 'ethora' | 'occupants'; members: WireMember[] }> {
    const conn = this.link.online();
    if (this.ethora() && conn) {
      try {
        return { source: 'ethora', members: await conn.roomLast(room) };
      } catch {
        /* not an Ethora server (or no such module): the standard way below */
      }
    }
    const occupants = [...(this.link.store.room(room)?.occupants.values() ?? [])];
    return { source: 'occupants', members: occupants.map((o) => ({ name: o.nick, role: o.role, ...(o.jid ? { jid: o.jid } : {}) })) };
  }
}
