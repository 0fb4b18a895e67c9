/**
 * Messages into a room's timeline: received (live or archived, with who sent them decided by
 * what the room vouches for), echoes confirming our pending ones, our own as they are sent, and
 * actions (edits, retractions, reactions) applied to their target or kept until it loads.
 */
import { applyAction, MAX_ACTION_SLOTS, type Action } from './actions.js';
import { dropOldest } from './bounded.js';
import { cleanName, type Identity } from './identity.js';
import { MAX_BODY_LENGTH, NO_CONTENT, codePointLength, contentOf, fromWire, type Message, type MessageContent } from './message.js';
import type { Room } from './room.js';
import type { StoreContext } from './store-context.js';
import type { WireMessage } from './wire-events.js';

/** Most targets (message ids) that actions may wait for in one room. */
const MAX_WAITING_TARGETS = 1000;
/** Actions kept per waiting target. */
const MAX_WAITING_PER_TARGET = 50;

export class MessageIntake {
  constructor(private readonly store: StoreContext) {}

  /**
   * Who the room vouches sent a stanza (identity.ts): the archive's real JID; live, the
   * occupant holding the nick now (with its real JID where the room shows them), or us.
   */
  private identify(room: Room, nick: string, vouchedJid: string | undefined, live: boolean): Identity {
    if (vouchedJid) return { jid: vouchedJid };
    if (!live || !nick) return {};
    const o = room.occupants.get(nick);
    // Our nick is ours only while we are in the room (a MucSub delivery may come from whoever holds it).
    if (nick === room.nick) return room.join === 'joined' ? { jid: this.store.me || undefined, occupant: o?.session } : {};
    // Occupants are forgotten when a join starts (ChatStore.joining): these are current.
    return o ? { jid: o.jid, occupant: o.session } : {};
  }

  /**
   * Is this wire message ours? By the real JID the room vouches for (never a `<data senderJID>`
   * claim); live, by holding our nick in the room now. Only the archive of a room that hides
   * real JIDs leaves nothing but the nick, which is all it can tell (README, Security).
   */
  private isOwn(room: Room, m: WireMessage, who: Identity, live: boolean): boolean {
    if (who.jid) return who.jid === this.store.me;
    return !live && m.nick !== '' && m.nick === room.nick;
  }

  /**
   * Adds a received message, live or from history (`older`: in front of what is loaded). An
   * echo of our pending message (same origin-id, same sender) confirms it instead of adding a
   * copy. Returns the message kept.
   */
  apply(wire: WireMessage, live: boolean, older: boolean): Message | undefined {
    const room = this.store.room(wire.room);
    if (!room) return undefined;
    // An archived message applied as news (a catch-up) was sent by whoever held the nick then.
    const current = live && !wire.archived;
    const who = this.identify(room, wire.nick, wire.jidClaimed ? undefined : wire.senderJid, current);
    const own = this.isOwn(room, wire, who, current);
    const built = fromWire(wire.archived ? wire : { ...wire, time: this.liveTime(room, wire.time) }, own, who, this.store.now());
    // A tombstone's moderator and reason only where the room's server vouches for its tombstones.
    const incoming = wire.deleted && wire.moderated && room.moderation?.ethoraDelete ? { ...built, moderation: wire.moderated } : built;
    return this.store.change(room, () => {
      const existing = room.timeline.duplicateOf(incoming);
      if (existing) {
        if (existing.status !== 'sent' || (!existing.stanzaId && incoming.stanzaId)) {
          room.timeline.update(existing.key, {
            status: 'sent',
            error: undefined,
            stanzaId: existing.stanzaId ?? incoming.stanzaId,
            time: wire.time ?? existing.time,
          });
        }
        return existing;
      }
      const kept = room.timeline.insert(incoming, older) ?? incoming;
      this.applyWaiting(room, kept);
      room.typing.delete(kept.nick);
      if (live && !own && !kept.system && kept.time > room.readUpTo && room.jid !== this.store.reading && !this.store.isHidden(kept)) room.unread++;
      return kept;
    });
  }

  /**
   * Puts a message kept from an earlier session (the history cache) into its room, before what
   * is loaded (`older`) or in time order; actions waiting for it apply. False when it was there.
   */
  restore(room: Room, m: Message, older: boolean): boolean {
    if (m.room !== room.jid) return false;
    const kept = room.timeline.insert(m, older);
    if (kept) this.applyWaiting(room, kept);
    return kept !== undefined;
  }

  /**
   * The archive's copy of a message we hold from an earlier session: a deletion or an edit made
   * meanwhile (the archive keeps the message's current text, or a tombstone) replaces what we
   * kept. False when we hold no sent message of that stanza-id.
   */
  reconcile(wire: WireMessage): boolean {
    const room = this.store.room(wire.room);
    const held = wire.stanzaId ? room?.timeline.byStanzaId(wire.stanzaId) : undefined;
    if (!room || !held || held.status !== 'sent') return false;
    return this.store.change(room, () => {
      // The archive's time, not the time this device received it live (the cache keeps that).
      if (wire.time !== undefined && wire.time !== held.time) room.timeline.update(held.key, { time: wire.time });
      if (!held.deleted && wire.deleted) room.timeline.update(held.key, { ...NO_CONTENT, deleted: true, reactions: undefined });
      else if (!held.deleted && wire.body !== held.body) room.timeline.update(held.key, { ...contentOf(wire), edited: true });
      return true;
    });
  }

  /**
   * The time of a live message: its `<delay>` is the sender's word (a room relays what it is
   * given), so it may not place the message before what is already shown, nor in the future.
   * Archived messages keep the archive's time.
   */
  private liveTime(room: Room, stamped: number | undefined): number {
    const now = this.store.now();
    if (stamped === undefined) return now;
    return Math.max(Math.min(stamped, now), room.timeline.last?.time ?? -Infinity);
  }

  /**
   * Applies an edit, retraction or reaction set (live or archived) to its target message, or
   * keeps it until the target is loaded. Each archived action counts once.
   */
  applyAction(received: Action, live: boolean): void {
    const b = received.kind === 'edit' ? received.edit : received.kind === 'retraction' ? received.retraction : received.reactions;
    const room = this.store.room(b.room);
    if (!room) return;
    if (b.stanzaId && this.seen(room, b.stanzaId)) return;
    // Who sent it is decided now: the occupant holding the nick may have changed by the time
    // the target loads.
    const action: Action = { ...received, by: this.identify(room, b.nick, b.senderJid, live) };
    this.store.change(room, () => {
      if (applyAction(room.timeline, action, room.latestAction, this.store.now()) !== 'waiting') return;
      const list = room.waiting.get(b.targetId) ?? [];
      if (list.length < MAX_WAITING_PER_TARGET) list.push(action);
      // Targets are named by the sender, so the set is bounded too: the oldest waiting target
      // goes (its history page, if ever loaded, brings its own archived actions).
      room.waiting.set(b.targetId, list);
      dropOldest(room.waiting, MAX_WAITING_TARGETS);
    });
  }

  /** Bounded set of applied action ids (their senders choose how many there are). */
  private seen(room: Room, id: string): boolean {
    if (room.seenActions.has(id)) return true;
    room.seenActions.add(id);
    dropOldest(room.seenActions, MAX_ACTION_SLOTS);
    return false;
  }

  private applyWaiting(room: Room, m: Message): void {
    for (const id of [m.stanzaId, m.originId]) {
      const list = id ? room.waiting.get(id) : undefined;
      if (!list) continue;
      room.waiting.delete(id!);
      for (const a of list) applyAction(room.timeline, a, room.latestAction, this.store.now());
    }
  }

  /**
   * Adds a message we are about to send, shown as pending until the room echoes it. Refuses
   * text over MAX_BODY_LENGTH (the composer says so first; this also covers the JS API).
   */
  addPending(jid: string, id: string, content: MessageContent): Message | undefined {
    const room = this.store.room(jid);
    if (!room || codePointLength(content.body) > MAX_BODY_LENGTH) return undefined;
    const m: Message = {
      ...content,
      key: id,
      room: jid,
      nick: room.nick,
      senderJid: this.store.me,
      occupant: room.occupants.get(room.nick)?.session,
      senderName: cleanName(room.nick),
      time: this.store.now(),
      originId: id,
      status: 'pending',
      own: true,
    };
    return this.store.change(room, () => {
      // Written in on this device (or restored from its outbox): the user's room for this page,
      // kept when no server list names it, also once the room has confirmed the message.
      room.sources.add('user');
      return room.timeline.insert(m);
    });
  }

  /** Marks our message failed (an error bounce), keeping it visible with the reason. */
  fail(jid: string, id: string, reason: string): void {
    this.ownMessage(
      jid,
      id,
      (m) => m.status !== 'sent',
      (room) => room.timeline.update(id, { status: 'failed', error: reason }),
    );
  }

  /** Marks a failed message pending again (the user pressed retry). */
  retry(jid: string, id: string): Message | undefined {
    return this.ownMessage(
      jid,
      id,
      (m) => m.status === 'failed',
      (room) => room.timeline.update(id, { status: 'pending', error: undefined }),
    );
  }

  private ownMessage(jid: string, id: string, when: (m: Message) => boolean, change: (room: Room) => Message | undefined): Message | undefined {
    const room = this.store.room(jid);
    const m = room?.timeline.find(id);
    if (!room || !m?.own || !when(m)) return undefined;
    return this.store.change(room, change);
  }
}
