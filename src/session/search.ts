/**
 * Message search: the messages on this device at once (LocalSearchSource: the ChatStore's
 * loaded messages here, the IndexedDB cache where there is one), then the rooms' archives
 * where the server offers full-text search (src/protocol/archive-search.ts). Results name their
 * room, author and time; only rooms the user is in are searched, and messages of blocked users
 * are left out.
 */
import type { TextField } from '../protocol/archive-search.js';
import type { ChatStore } from '../state/chat-store.js';
import type { Message } from '../state/message.js';
import { vouchedName } from '../state/identity.js';
import type { WireMessage } from '../state/wire-events.js';
import type { Link } from './link.js';

export interface SearchHit {
  room: string;
  /** The message's key in the store (its archive id when it is not loaded). */
  key: string;
  stanzaId?: string;
  /** Display name. */
  author: string;
  /** Who sent it: the sender's nick in the room, or from the device cache its real JID when known. */
  from: string;
  time: number;
  body: string;
}

export interface LocalSearchSource {
  search(query: string, opts: { room?: string; limit: number }): Promise<SearchHit[]>;
}

/** Longest query searched (characters), and most words in it. */
export const MAX_QUERY = 100;
const MAX_TERMS = 5;

/** The words of a query (at most MAX_TERMS, lower-cased by the matcher). */
export function queryTerms(query: string): string[] {
  return query.slice(0, MAX_QUERY).trim().split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
}

/** A case-insensitive matcher for any of the terms (escaped: a query is text, never a pattern). */
export function termPattern(terms: readonly string[]): RegExp | undefined {
  if (!terms.length) return undefined;
  return new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
}

/** Whether `body` contains every term (case-insensitive). */
export function matchesAll(body: string, terms: readonly string[]): boolean {
  return terms.length > 0 && terms.every((t) => termPattern([t])!.test(body));
}

/** Newest first, each message once (by archive id, else room and key). */
export function mergeHits(...lists: readonly SearchHit[][]): SearchHit[] {
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  for (const hit of lists.flat()) {
    const id = hit.stanzaId ? `${hit.room}\n#${hit.stanzaId}` : `${hit.room}\n${hit.key}`;
    const key = `${hit.room}\n${hit.key}`;
    if (seen.has(id) || seen.has(key)) continue;
    seen.add(id);
    seen.add(key);
    out.push(hit);
  }
  return out.sort((a, b) => b.time - a.time);
}

export function hitOf(m: Message): SearchHit {
  return { room: m.room, key: m.key, ...(m.stanzaId ? { stanzaId: m.stanzaId } : {}), author: m.senderName, from: m.nick, time: m.time, body: m.body };
}

/** A LocalSearchSource over the messages the ChatStore has loaded (when there is no device cache). */
export class MemorySearch implements LocalSearchSource {
  constructor(private readonly store: ChatStore) {}

  search(query: string, opts: { room?: string; limit: number }): Promise<SearchHit[]> {
    const terms = queryTerms(query);
    const rooms = opts.room ? [this.store.room(opts.room)].filter((r) => !!r) : this.store.rooms;
    const hits: SearchHit[] = [];
    for (const room of rooms) {
      const messages = room.timeline.messages;
      let found = 0;
      for (let i = messages.length - 1; i >= 0 && found < opts.limit; i--) {
        const m = messages[i];
        if (m.system || m.deleted || !m.body || this.store.isHidden(m) || !matchesAll(m.body, terms)) continue;
        hits.push(hitOf(m));
        found++;
      }
    }
    return Promise.resolve(mergeHits(hits).slice(0, opts.limit));
  }
}

/** A page of archive results of one room: the hits, and where the next older page starts. */
export interface ArchivePage {
  hits: SearchHit[];
  /** The `before` of the next page; undefined: the archive has no more. */
  next?: string;
}

/**
 * Full-text search in the rooms' archives. Whether a room's archive offers it is asked of its
 * search form once per session, then checked with one query for a word of a message we know it
 * has: Debian's ejabberd 23.01 lists `withtext` on SQLite too, where its query (MySQL's syntax)
 * fails, answered as an empty page (see the README's Search section).
 */
export class ArchiveSearch {
  private readonly fields = new Map<string, Promise<TextField | undefined>>();

  constructor(private readonly link: Link) {}

  /** Forgets what the archives offered (a new XMPP session may reach another server). */
  reset(): void {
    this.fields.clear();
  }

  /** The field the room's archive searches text with; undefined: none (or offline). */
  field(room: string): Promise<TextField | undefined> {
    const conn = this.link.online();
    if (!conn) return Promise.resolve(undefined);
    let field = this.fields.get(room);
    if (!field) {
      field = conn.archiveTextField(room).then((f) => (f ? this.verified(room, f) : undefined));
      field.catch(() => undefined);
      this.fields.set(room, field);
    }
    return field;
  }

  /** The next page (older) of the room archive's messages matching `query`; undefined: the archive cannot search text. */
  async search(room: string, query: string, before = '', max = 20): Promise<ArchivePage | undefined> {
    const field = await this.field(room);
    const conn = this.link.online();
    const text = queryTerms(query).join(' ');
    if (!field || !conn || !text) return undefined;
    const page = await conn.searchArchive(room, field, text, { before, max });
    const hits = page.messages
      .filter((w) => !w.system && !w.deleted && w.body && !this.isHidden(w))
      .map((w) => this.hitOf(w))
      .reverse();
    return { hits, ...(page.complete || !page.first ? {} : { next: page.first }) };
  }

  /** A word of an archived message of the room (the longest, from the newest such message). */
  private probeWord(room: string): string | undefined {
    const messages = this.link.store.room(room)?.timeline.messages ?? [];
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (!m.stanzaId || m.system || m.deleted || m.edited || !m.body) continue;
      const words = m.body.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4 && w.length <= 30);
      if (words.length) return words.sort((a, b) => b.length - a.length)[0];
    }
    return undefined;
  }

  /** The field, if a query for a word the archive has finds something (or nothing is known to check with). */
  private async verified(room: string, field: TextField): Promise<TextField | undefined> {
    const word = this.probeWord(room);
    const conn = this.link.online();
    if (!word || !conn) return field;
    const page = await conn.searchArchive(room, field, word, { max: 1 }).catch(() => undefined);
    return page?.messages.length ? field : undefined;
  }

  private isHidden(w: WireMessage): boolean {
    return !!w.senderJid && this.link.store.blocked.has(w.senderJid);
  }

  private hitOf(w: WireMessage): SearchHit {
    const loaded = w.stanzaId ? this.link.store.room(w.room)?.timeline.byStanzaId(w.stanzaId) : undefined;
    if (loaded) return hitOf(loaded);
    const key = w.stanzaId ?? w.originId ?? w.id ?? '';
    return {
      room: w.room,
      key,
      ...(w.stanzaId ? { stanzaId: w.stanzaId } : {}),
      author: vouchedName(w.senderName, w.nick),
      from: w.nick,
      time: w.time ?? 0,
      body: w.body ?? '',
    };
  }
}

/** The device's messages, one list: the loaded ones and the history cache's (when on), de-duplicated. */
export class DeviceSearch implements LocalSearchSource {
  constructor(private readonly sources: () => readonly LocalSearchSource[]) {}

  async search(query: string, opts: { room?: string; limit: number }): Promise<SearchHit[]> {
    const lists = await Promise.all(this.sources().map((s) => s.search(query, opts).catch((): SearchHit[] => [])));
    return mergeHits(...lists).slice(0, opts.limit);
  }
}
