import type { WireEdit, WireReactions, WireRetraction } from '../protocol/types.js';
import { sameAuthor, type Message } from './message.js';
import type { Timeline } from './timeline.js';

/** An edit, retraction or reaction set: something that acts on an earlier message. */
export type Action =
  | { kind: 'edit'; edit: WireEdit }
  | { kind: 'retraction'; retraction: WireRetraction }
  | { kind: 'reactions'; reactions: WireReactions };

export type ActionResult = 'applied' | 'waiting' | 'refused';

/** At most this many reactors kept per message; more is abuse, not conversation. */
const MAX_REACTORS = 500;

function base(a: Action): WireEdit | WireRetraction | WireReactions {
  return a.kind === 'edit' ? a.edit : a.kind === 'retraction' ? a.retraction : a.reactions;
}

/** The message an action points at: by room stanza-id, or (corrections) origin-id of the same sender. */
export function actionTarget(timeline: Timeline, a: Action): Message | undefined {
  const b = base(a);
  return timeline.byStanzaId(b.targetId) ?? timeline.byOriginId(b.targetId, b.nick);
}

/**
 * Applies an action to its target, if loaded. Only a message's author may edit or delete it;
 * a moderator's retraction (checked by the parser to come from the room) may delete any.
 * Returns 'waiting' when the target is not loaded yet (an older page may bring it).
 */
export function applyAction(timeline: Timeline, a: Action, latest: Map<string, number>, now: number): ActionResult {
  const target = actionTarget(timeline, a);
  if (!target) return 'waiting';
  if (target.system) return 'refused';
  // The newest action of a kind by one actor wins, whatever order pages and live stanzas come in.
  // The actor is the nick: the archive names the real JID and live copies never do, so a JID
  // key would put one person's live edit and an older archived one in different slots.
  const b = base(a);
  const slot = `${a.kind}\n${target.key}\n${b.nick}`;
  const time = b.time ?? now;
  if ((latest.get(slot) ?? -Infinity) > time) return 'refused';
  latest.set(slot, time);
  switch (a.kind) {
    case 'edit': {
      const e = a.edit;
      if (!sameAuthor(target, e) || target.deleted) return 'refused';
      timeline.update(target.key, { body: e.body, edited: true });
      return 'applied';
    }
    case 'retraction': {
      const r = a.retraction;
      if (!r.moderated && !sameAuthor(target, r)) return 'refused';
      timeline.update(target.key, { body: '', deleted: true, media: undefined, replyTo: undefined, reactions: undefined, moderation: r.moderated });
      return 'applied';
    }
    case 'reactions': {
      const r = a.reactions;
      if (target.deleted) return 'refused';
      // Keyed by nick: ejabberd reveals a real JID in some copies of a stanza (MAM) and not in
      // others (live), so a JID key would count one person twice.
      const reactor = r.nick;
      if (!reactor) return 'refused';
      // Keyed by nick, which the sender chooses: with a prototype a nick "__proto__" would
      // replace it (and hide every reaction), and "toString" would count as already present.
      const next: Record<string, { name: string; emojis: readonly string[] }> = Object.assign(Object.create(null), target.reactions);
      if (r.emojis.length) {
        if (!(reactor in next) && Object.keys(next).length >= MAX_REACTORS) return 'refused';
        next[reactor] = { name: r.nick || reactor, emojis: [...new Set(r.emojis)] };
      } else delete next[reactor];
      timeline.update(target.key, { reactions: next });
      return 'applied';
    }
  }
}
