/**
 * Live room signals that are neither messages nor actions: chat states (XEP-0085, with
 * Ethora's `<data fullName>`), subject changes and configuration changes. Pure, never
 * throwing, undefined for stanzas they do not concern. None of these are archived. Others'
 * displayed markers (XEP-0333) are not read: the widget shows no one's read state.
 */
import type { Stanzas } from 'stanza';
import { cleanData, liveEnvelope, nameFrom, text, type RoomMessageOptions } from './parse-envelope.js';
import type { WireChatState, WireSubject } from './types.js';

const STATES = new Set<WireChatState['state']>(['active', 'composing', 'paused', 'inactive', 'gone']);

/** Someone started or stopped typing (only occupants: the room itself does not type). */
export function parseChatState(msg: Stanzas.Message, options: RoomMessageOptions = {}): WireChatState | undefined {
  try {
    const env = liveEnvelope(msg, options);
    const state = env?.inner.chatState;
    if (!env || !env.nick || !state || !STATES.has(state)) return undefined;
    const out: WireChatState = { room: env.room, nick: env.nick, state };
    const name = nameFrom(cleanData(env.inner.data));
    if (name) out.name = name.slice(0, 200);
    return out;
  } catch {
    return undefined;
  }
}

/** The room subject was set (or cleared, subject ''). A message with a body is not a subject change. */
export function parseSubject(msg: Stanzas.Message, options: RoomMessageOptions = {}): WireSubject | undefined {
  try {
    const env = liveEnvelope(msg, options);
    if (!env || !(env.inner.hasSubject || env.inner.subject !== undefined) || text(env.inner.body)) return undefined;
    return { room: env.room, nick: env.nick, subject: text(env.inner.subject) };
  } catch {
    return undefined;
  }
}

/** The room says its configuration changed (XEP-0045 status 104, from the room itself). */
export function parseConfigChange(msg: Stanzas.Message, options: RoomMessageOptions = {}): { room: string } | undefined {
  try {
    const env = liveEnvelope(msg, options);
    const muc = env?.inner.muc;
    // StanzaJS leaves `type` unset on a message's muc#user payload.
    if (!env || env.nick || !muc || muc.type === 'direct-invite') return undefined;
    const codes = muc.statusCodes;
    return Array.isArray(codes) && codes.some((c) => String(c) === '104') ? { room: env.room } : undefined;
  } catch {
    return undefined;
  }
}
