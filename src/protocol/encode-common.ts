/**
 * Types and helpers shared by the two encoders (encode-standard.ts, encode-ethora.ts).
 */
import type { Stanzas } from 'stanza';
import type { MessageContent, WireChatState, WireReplyRef } from './types.js';

export interface EncodeContext {
  /** Bare room JID. */
  room: string;
  /** Our full JID (Ethora puts it in `senderJID` and `<reactions from>`). */
  jid: string;
  /** Our display name for Ethora's `<data>` bag (the room nick unless the caller says otherwise). */
  name: string;
  /** Clock for Ethora's time-stamped ids (`message-reaction:<ms>`, `typing-<ms>`). */
  now: number;
}

/** What a reply points at; `nick` is the target author's nick, used when `to` is not given. */
export type ReplyTarget = WireReplyRef & { nick?: string };

/** A message to send: its content, the reply pointing at a target we may know only by nick. */
export type OutgoingContent = Omit<MessageContent, 'replyTo'> & { replyTo?: ReplyTarget };

/** The message an edit or retraction points at: its room stanza-id and/or our origin-id. */
export interface ActionTarget {
  stanzaId?: string;
  originId?: string;
}

export interface Encoder {
  /** A message; with media it carries the file instead of the text. */
  text(ctx: EncodeContext, content: OutgoingContent, id: string): Stanzas.Message;
  /** undefined when the target has no id this dialect can name. */
  edit(ctx: EncodeContext, target: ActionTarget, body: string, id: string): Stanzas.Message | undefined;
  retraction(ctx: EncodeContext, target: ActionTarget, id: string): Stanzas.Message | undefined;
  /** `emojis` is our full current set for the target (empty withdraws all). */
  reactions(ctx: EncodeContext, targetStanzaId: string, emojis: readonly string[], id: string): Stanzas.Message;
  chatState(ctx: EncodeContext, state: WireChatState['state']): Stanzas.Message;
}

/** Longest quote sent along with a reply, in code points: it only has to remind. */
const MAX_QUOTE = 300;

/** The quote of a reply, trimmed and bounded; '' when there is none. */
export function quoteOf(replyTo: ReplyTarget): string {
  const quote = typeof replyTo.quote === 'string' ? replyTo.quote.trim() : '';
  const points = [...quote];
  return points.length > MAX_QUOTE ? `${points.slice(0, MAX_QUOTE - 1).join('')}…` : quote;
}

/** The occupant JID of the reply target's author, where known. */
export function replyToJid(room: string, replyTo: ReplyTarget): string | undefined {
  if (replyTo.to) return replyTo.to;
  return replyTo.nick ? `${room}/${replyTo.nick}` : undefined;
}
