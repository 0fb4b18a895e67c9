import { vouchedName, type Identity } from './identity.js';
import type { Line } from './line.js';
import type { MessageContent, WireMedia, WireMessage } from './wire-events.js';

export type { MessageContent } from './wire-events.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/**
 * Longest text we send, in characters (code points). Well under ejabberd's usual stanza limit
 * (max_stanza_size, often 64-256 KB) even at four UTF-8 bytes per character, and long enough
 * for any chat message; the composer counts down to it and refuses more.
 */
export const MAX_BODY_LENGTH = 10_000;

/** Length in code points (what a person counts as characters, emoji included), without copying. */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** One message in a room's timeline, as the views see it. All text fields are untrusted. */
export interface Message extends Readonly<MessageContent> {
  /** Stable local key for rendering: our id for messages we sent, else stanza-id, else id. */
  readonly key: string;
  readonly room: string;
  readonly nick: string;
  /**
   * The sender's real bare JID as the room vouches for it (the archive's `<x><item jid>`, the
   * occupant's presence, or ours for what we sent): the proof of authorship, with `occupant`.
   */
  readonly senderJid?: string;
  /** The continuous occupant that sent it (live messages only; see identity.ts). */
  readonly occupant?: number;
  /**
   * The sender's real bare JID as best known, for filtering (blocking) only: the room's word
   * (archive, occupant presence) or the sender's own `<data senderJID>` claim. Never proof of
   * authorship (that is senderJid).
   */
  readonly authorJid?: string;
  readonly senderName: string;
  /** Server time (ms); local clock for live messages that carry no delay. */
  readonly time: number;
  /** The room archive's id (XEP-0359 stanza-id by the room / MAM result id). */
  readonly stanzaId?: string;
  /** XEP-0359 origin-id (or the stanza id when a peer sends none). */
  readonly originId?: string;
  readonly status: DeliveryStatus;
  readonly error?: string;
  /** Sent by this account. */
  readonly own: boolean;
  /** The body was changed by its author after sending. */
  readonly edited?: boolean;
  /** Deleted: shown as a tombstone, body cleared. */
  readonly deleted?: boolean;
  /** Removed by a moderator (XEP-0425), with who and why where known. */
  readonly moderation?: { by?: string; reason?: string };
  /** Reactions by reactor nick: their display name and current emoji set. */
  readonly reactions?: Readonly<Record<string, { name: string; emojis: readonly string[] }>>;
  /** A system line (joins, kicks, subject changes, Ethora system messages): not a bubble, not unread. */
  readonly system?: boolean;
  /** A local system line's template, for showing it in the widget's language (body: English). */
  readonly line?: Line;
}

/**
 * The content of a message, copied: the one place (with NO_CONTENT) that lists the content
 * fields, so the outbox, the timeline and deletion carry a new kind of content without change.
 */
export function contentOf(m: MessageContent): MessageContent {
  return { body: m.body, replyTo: m.replyTo, media: m.media };
}

/** What a deleted message keeps of its content: nothing. */
export const NO_CONTENT: MessageContent = { body: '', replyTo: undefined, media: undefined };

/**
 * An attachment in one line (the room list's preview, a notification), as English text the
 * widget translates: the kind of media, else the file name. Never its address.
 */
export function mediaLabel(media: Readonly<WireMedia>): string {
  const type = (media.mimeType ?? '').toLowerCase();
  if (type.startsWith('image/')) return /* i18n */ 'Photo';
  if (type.startsWith('video/')) return /* i18n */ 'Video';
  if (type.startsWith('audio/')) return /* i18n */ 'Audio';
  return media.name?.trim() || /* i18n */ 'Attachment';
}

/** Reactions grouped by emoji, in first-seen order, with who reacted. */
export function reactionSummary(m: Message): { emoji: string; names: string[]; keys: string[] }[] {
  const byEmoji = new Map<string, { emoji: string; names: string[]; keys: string[] }>();
  for (const [key, r] of Object.entries(m.reactions ?? {})) {
    for (const emoji of r.emojis) {
      let entry = byEmoji.get(emoji);
      if (!entry) byEmoji.set(emoji, (entry = { emoji, names: [], keys: [] }));
      entry.names.push(r.name);
      entry.keys.push(key);
    }
  }
  return [...byEmoji.values()];
}

/** Builds a timeline message from a parsed wire message and who the room vouches sent it. */
export function fromWire(wire: WireMessage, own: boolean, who: Identity, now: number): Message {
  const originId = wire.originId ?? wire.id;
  return {
    key: (own ? originId : undefined) ?? wire.stanzaId ?? originId ?? `${wire.room}#${now}#${Math.random()}`,
    room: wire.room,
    nick: wire.nick,
    // Only the room's word counts for authorship (identity.ts): anyone can claim anyone's JID.
    senderJid: who.jid,
    occupant: who.occupant,
    // For blocking, the room's word beats a claim, and a claim is better than nothing.
    authorJid: who.jid ?? wire.senderJid,
    // A claimed name shows beside the nick the room vouches for, never instead of it.
    senderName: vouchedName(wire.senderName, wire.nick) || wire.room,
    ...contentOf(wire),
    time: wire.time ?? now,
    stanzaId: wire.stanzaId,
    originId,
    status: 'sent',
    own,
    edited: wire.edited || undefined,
    deleted: wire.deleted || undefined,
    system: wire.system || undefined,
  };
}
