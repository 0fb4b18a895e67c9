import type { Message } from './message.js';

/**
 * The loaded part of one room's history, ordered by server time, each message once.
 * Duplicates are recognised by the room's stanza-id, or by origin-id from the same sender
 * (a live echo and the same message in a MAM page). Pure data: no I/O.
 */
export class Timeline {
  private list: Message[] = [];
  private byStanza = new Map<string, Message>();
  /** By sender and origin-id: origin-ids are the sender's own, so another sender may reuse one. */
  private byOrigin = new Map<string, Message>();
  private byKey = new Map<string, Message>();
  /** Last suffix given per key that arrived taken (see insert). */
  private suffixes = new Map<string, number>();
  /** The archive has no older messages than the oldest loaded one. */
  complete = false;

  get messages(): readonly Message[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** The newest message that has a stanza-id: where a MAM catch-up starts. */
  get newestArchived(): Message | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].stanzaId) return this.list[i];
    return undefined;
  }

  /** The oldest archived message: where paging back continues. */
  get oldestArchived(): Message | undefined {
    return this.list.find((m) => m.stanzaId);
  }

  /** The newest message that is not a system line: the room's preview. */
  get lastChat(): Message | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (!this.list[i].system) return this.list[i];
    return undefined;
  }

  get last(): Message | undefined {
    return this.list[this.list.length - 1];
  }

  byStanzaId(id: string): Message | undefined {
    return this.byStanza.get(id);
  }

  /** A message by its origin-id, only if sent by that nick (origin-ids are the sender's own). */
  byOriginId(id: string, nick: string): Message | undefined {
    return this.byOrigin.get(originKey(nick, id));
  }

  find(key: string): Message | undefined {
    return this.byKey.get(key);
  }

  /** The message this one duplicates, if any. */
  duplicateOf(m: Pick<Message, 'stanzaId' | 'originId' | 'nick'>): Message | undefined {
    if (m.stanzaId) {
      const hit = this.byStanza.get(m.stanzaId);
      if (hit) return hit;
    }
    return m.originId ? this.byOrigin.get(originKey(m.nick, m.originId)) : undefined;
  }

  /**
   * Inserts in time order. Among messages with the same time (server clocks tick in ms) a
   * message goes after them, or before them with `older` (a page of older history, applied
   * newest first, precedes what is loaded).
   *
   * Keys come from ids that senders choose, so two different messages can bring the same one
   * (another sender's origin-id, a stanza-id equal to our message's id); views key their rows
   * by it and actions find their message by it. The later message gets a suffixed key.
   * Returns the message as stored, or undefined when it was a duplicate.
   */
  insert(m: Message, older = false): Message | undefined {
    if (this.duplicateOf(m)) return undefined;
    if (this.byKey.has(m.key)) {
      let n = this.suffixes.get(m.key) ?? 1;
      while (this.byKey.has(`${m.key}~${++n}`));
      this.suffixes.set(m.key, n);
      m = { ...m, key: `${m.key}~${n}` };
    }
    let i = this.list.length;
    while (i > 0 && (older ? this.list[i - 1].time >= m.time : this.list[i - 1].time > m.time)) i--;
    this.list.splice(i, 0, m);
    this.index(m);
    return m;
  }

  /** Replaces a message (same key) with an updated copy, re-sorting if its time changed. */
  update(key: string, patch: Partial<Message>): Message | undefined {
    const at = this.list.findIndex((m) => m.key === key);
    if (at < 0) return undefined;
    const next = { ...this.list[at], ...patch } as Message;
    // Same time, same place (among messages of one time, a re-sort would move it last).
    if (next.time === this.list[at].time) {
      this.list[at] = next;
      this.index(next);
      return next;
    }
    this.list.splice(at, 1);
    let i = this.list.length;
    while (i > 0 && this.list[i - 1].time > next.time) i--;
    this.list.splice(i, 0, next);
    this.index(next);
    return next;
  }

  /** Takes a message out (the archive no longer has it); false if there was none with that key. */
  remove(key: string): boolean {
    const at = this.list.findIndex((m) => m.key === key);
    if (at < 0) return false;
    const [m] = this.list.splice(at, 1);
    this.byKey.delete(key);
    if (m.stanzaId && this.byStanza.get(m.stanzaId) === m) this.byStanza.delete(m.stanzaId);
    const origin = m.originId && originKey(m.nick, m.originId);
    if (origin && this.byOrigin.get(origin) === m) this.byOrigin.delete(origin);
    return true;
  }

  private index(m: Message): void {
    this.byKey.set(m.key, m);
    if (m.stanzaId) this.byStanza.set(m.stanzaId, m);
    if (m.originId) this.byOrigin.set(originKey(m.nick, m.originId), m);
  }
}

function originKey(nick: string, originId: string): string {
  return `${nick}\n${originId}`;
}
