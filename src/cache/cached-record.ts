/**
 * What the history cache keeps of a message and of a room, and the checks that bring a record
 * back (pure, no I/O). A record is read back as untrusted as the stanza it came from: anything
 * that is not the expected shape is dropped, never rendered, never thrown on.
 *
 * Kept: what the timeline shows and what proves authorship across sessions (the room's real JID,
 * `senderJid`). Not kept: `occupant` (a number that means something in one XMPP session only),
 * delivery state (only messages the room archived, with a stanza-id, are kept: the outbox keeps
 * ours that are not confirmed), local system lines. Never a credential.
 */
import type { Message } from '../state/message.js';
import type { RoomSource } from '../state/room.js';

/** The format of the records; a record of another version is dropped (and the account's cache with it). */
export const CACHE_VERSION = 1;
/** Longest text kept in a field (the parser cuts text at this length already). */
const MAX_TEXT = 40_000;

export interface CachedMessage extends Omit<Message, 'occupant' | 'status' | 'error' | 'line'> {
  account: string;
}

/** What the room list shows of a room, and its read state. Never occupants or presence (not current offline). */
export interface CachedRoom {
  account: string;
  room: string;
  v: number;
  name?: string;
  description?: string;
  thumbnail?: string;
  nick: string;
  subscribed: boolean;
  sources: RoomSource[];
  readUpTo: number;
  unread: number;
  unreadMore: boolean;
}

export interface CachedMeta {
  account: string;
  v: number;
  /** The room open when the widget last saved. */
  activeRoom?: string;
}

/** Whether a timeline message is worth keeping: archived by the room, and not a local line. */
export function cacheable(m: Message): boolean {
  return m.status === 'sent' && m.stanzaId !== undefined && m.line === undefined;
}

/**
 * Messages of one millisecond (whole-second archive stamps make many) keep their order on disk:
 * the record's time is the message's plus its rank among them in 1/1024 ms (exact in a double),
 * so the time index orders them; reading takes the whole millisecond back.
 */
const RANKS = 1024;

/** `rank`: how many messages of the same time precede it in its timeline. */
export function toRecord(account: string, m: Message, rank = 0): CachedMessage {
  return {
    account,
    key: m.key,
    room: m.room,
    nick: m.nick,
    senderJid: m.senderJid,
    authorJid: m.authorJid,
    senderName: m.senderName,
    time: m.time + Math.min(rank, RANKS - 1) / RANKS,
    stanzaId: m.stanzaId,
    originId: m.originId,
    own: m.own,
    edited: m.edited,
    deleted: m.deleted,
    moderation: m.moderation,
    reactions: m.reactions,
    system: m.system,
    body: m.body,
    replyTo: m.replyTo,
    media: m.media,
  };
}

const isString = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const optString = (v: unknown): v is string | undefined => v === undefined || isString(v);
const optBool = (v: unknown): v is boolean | undefined => v === undefined || typeof v === 'boolean';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only string and finite number fields, each of the allowed names: a reply ref or a media record. */
function flat<T>(v: unknown, strings: readonly string[], numbers: readonly string[] = []): T | undefined | false {
  if (v === undefined) return undefined;
  if (!isObject(v)) return false;
  const out: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (strings.includes(k) && isString(x)) out[k] = x;
    else if (numbers.includes(k) && typeof x === 'number' && Number.isFinite(x)) out[k] = x;
    else return false;
  }
  return out as T;
}

/** Reactions as the store keeps them: a prototype-less map (a reactor key may be any text). */
function reactionsOf(v: unknown): Message['reactions'] | false {
  if (v === undefined) return undefined;
  if (!isObject(v)) return false;
  const out = Object.create(null) as Record<string, { name: string; emojis: readonly string[] }>;
  for (const [k, r] of Object.entries(v)) {
    if (!isObject(r) || !isString(r.name) || !Array.isArray(r.emojis) || r.emojis.length > 20 || !r.emojis.every((e) => isString(e, 64))) return false;
    out[k] = { name: r.name, emojis: [...r.emojis] as string[] };
  }
  return out;
}

/** A message from a record, or undefined when the record is not one. */
export function fromRecord(r: unknown): Message | undefined {
  if (!isObject(r)) return undefined;
  const { key, room, nick, senderName, body, time, stanzaId, own } = r;
  if (!isString(key, 1000) || !isString(room, 1000) || !isString(nick, 1000) || !isString(senderName) || !isString(body) || !isTime(time)) return undefined;
  if (!isString(stanzaId, 1000) || typeof own !== 'boolean') return undefined;
  if (![r.senderJid, r.authorJid, r.originId].every(optString) || ![r.edited, r.deleted, r.system].every(optBool)) return undefined;
  const replyTo = flat<Message['replyTo']>(r.replyTo, ['id', 'to', 'quote', 'author']);
  const media = flat<Message['media']>(r.media, ['url', 'previewUrl', 'name', 'mimeType'], ['size', 'width', 'height']);
  const moderation = flat<Message['moderation']>(r.moderation, ['by', 'reason']);
  const reactions = reactionsOf(r.reactions);
  if (replyTo === false || media === false || moderation === false || reactions === false) return undefined;
  if ((replyTo && !replyTo.id) || (media && !media.url)) return undefined;
  return {
    key,
    room,
    nick,
    senderJid: r.senderJid as string | undefined,
    authorJid: r.authorJid as string | undefined,
    senderName,
    time: Math.floor(time),
    stanzaId,
    originId: r.originId as string | undefined,
    status: 'sent',
    own,
    edited: (r.edited as boolean | undefined) || undefined,
    deleted: (r.deleted as boolean | undefined) || undefined,
    moderation,
    reactions,
    system: (r.system as boolean | undefined) || undefined,
    body,
    replyTo,
    media,
  };
}

const SOURCES: readonly RoomSource[] = ['attribute', 'subscription', 'bookmark', 'server-list', 'user', 'cache'];

/** A room record of this format, or undefined. */
export function roomFromRecord(r: unknown): CachedRoom | undefined {
  if (!isObject(r) || r.v !== CACHE_VERSION) return undefined;
  const { account, room, nick, readUpTo, unread } = r;
  if (!isString(account, 1000) || !isString(room, 1000) || !isString(nick, 1000) || !isTime(readUpTo) || !isTime(unread)) return undefined;
  if (![r.name, r.description, r.thumbnail].every(optString) || typeof r.subscribed !== 'boolean' || typeof r.unreadMore !== 'boolean') return undefined;
  if (!Array.isArray(r.sources) || !r.sources.every((s) => SOURCES.includes(s as RoomSource))) return undefined;
  return {
    account,
    room,
    v: CACHE_VERSION,
    name: r.name as string | undefined,
    description: r.description as string | undefined,
    thumbnail: r.thumbnail as string | undefined,
    nick,
    subscribed: r.subscribed,
    sources: r.sources as RoomSource[],
    readUpTo,
    unread: Math.floor(unread),
    unreadMore: r.unreadMore,
  };
}
