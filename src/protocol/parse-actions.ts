/**
 * Stanzas that act on an earlier message -> WireAction, live and archived, both dialects:
 * - retraction: XEP-0424 `<retract xmlns=…:1 id>`, the older `<apply-to><retract xmlns=…:0/>`,
 *   XEP-0425 moderation (either generation), Ethora `<delete id/>`;
 * - edit: Ethora `<replace id text/>`, XEP-0308 `<replace xmlns=message-correct:0 id>` + body;
 * - reactions: XEP-0444 `<reactions id>` (Ethora's emoji-mart ids mapped to Unicode).
 *
 * Authorization is the state layer's job (it knows who wrote the target), so an action is
 * passed on with its sender as the room says it. Two things are decided here because only
 * the stanza can tell: a moderation must come from the room itself (XEP-0425 §Business
 * Rules), and the sender's real JID is only the one the room vouches for — Ethora's
 * `<data senderJID>` and `<reactions from>` are the sender's own claims and would let
 * anyone act as anyone.
 */
import type { Stanzas } from 'stanza';
import { cleanReactions } from './emoji.js';
import { archivedEnvelope, liveEnvelope, str, text, type Envelope, type RoomMessageOptions } from './parse-envelope.js';
import type { WireAction, WireRetraction } from './types.js';

/** Who moderated and why, as far as the stanza says it sanely (bounded strings only). */
export function moderationOf(m: { by?: unknown; reason?: unknown }): { by?: string; reason?: string } {
  const by = str(m.by);
  const reason = str(m.reason, 2000);
  return { ...(by ? { by } : {}), ...(reason ? { reason } : {}) };
}

/** A live (or MucSub-delivered) edit, retraction or reaction set; undefined for anything else. */
export function parseAction(msg: Stanzas.Message, options: RoomMessageOptions = {}): WireAction | undefined {
  try {
    const env = liveEnvelope(msg, options);
    return env ? actionOf(env) : undefined;
  } catch {
    return undefined;
  }
}

/** The same, for one MAM result of `room`'s archive. */
export function parseArchivedAction(result: Stanzas.MAMResult, room: string): WireAction | undefined {
  try {
    const env = archivedEnvelope(result, room);
    return env ? actionOf(env) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the stanza has the shape of an action, valid or not. Such a stanza is never a
 * chat message too: its body is a fallback ("This person attempted to retract…"), Ethora's
 * delete body, or a correction's new text.
 */
export function isActionStanza(inner: Stanzas.Message): boolean {
  return !!(
    inner.retract ||
    (inner.applyTo && (inner.applyTo.retract || inner.applyTo.moderated)) ||
    inner.ethoraDelete ||
    inner.ethoraReplace ||
    inner.replace ||
    inner.reactions
  );
}

function actionOf(env: Envelope): WireAction | undefined {
  const { inner } = env;
  const base = {
    room: env.room,
    nick: env.nick,
    ...(env.mucJid ? { senderJid: env.mucJid } : {}),
    ...(env.stanzaId ? { stanzaId: env.stanzaId } : {}),
    ...(env.time !== undefined ? { time: env.time } : {}),
  };
  const applyTo = inner.applyTo && (inner.applyTo.retract || inner.applyTo.moderated) ? inner.applyTo : undefined;
  if (inner.retract || applyTo || inner.ethoraDelete) {
    const targetId = str(inner.retract?.id) ?? str(applyTo?.id) ?? str(inner.ethoraDelete?.id);
    if (!targetId) return undefined;
    const retraction: WireRetraction = { ...base, targetId };
    const moderated = inner.retract?.moderated ?? applyTo?.moderated;
    if (moderated) {
      // Only the room itself (its bare JID: nick '') may announce a moderator's retraction.
      if (env.nick !== '') return undefined;
      retraction.moderated = moderationOf(moderated);
    }
    return { kind: 'retraction', retraction };
  }
  if (inner.ethoraReplace || inner.replace) {
    // Ethora's form names the target by archive id, which is unambiguous: preferred when both are present.
    const ethora = inner.ethoraReplace;
    const ethoraId = str(ethora?.id);
    if (ethoraId && text(ethora?.text).trim()) return { kind: 'edit', edit: { ...base, targetId: ethoraId, body: text(ethora?.text) } };
    const correctionId = str(inner.replace);
    const body = text(inner.body);
    if (correctionId && body.trim()) return { kind: 'edit', edit: { ...base, targetId: correctionId, body } };
    return undefined;
  }
  if (inner.reactions) {
    const targetId = str(inner.reactions.id);
    if (!targetId) return undefined;
    return { kind: 'reactions', reactions: { ...base, targetId, emojis: cleanReactions(inner.reactions.values) } };
  }
  return undefined;
}
