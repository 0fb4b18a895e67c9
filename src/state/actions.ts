import type { WireAction, WireEdit, WireReactions, WireRetraction } from './wire-events.js';
import { identityKey, provenSame, type Identity } from './identity.js';
import { NO_CONTENT, type Message } from './message.js';
import type { Timeline } from './timeline.js';
import { dropOldest } from './bounded.js';

/**
 * An edit, retraction or reaction set (wire-events.ts), with `by`: who the room vouches sent it
 * (the store fills it in when the action arrives).
 */
export type Action = WireAction & { by?: Identity };

export type ActionResult = 'applied' | 'waiting' | 'refused';

/** At most this many reactors kept per message; more is abuse, not conversation. */
const MAX_REACTORS = 500;
/** At most this many emoji in one person's reaction set. */
const MAX_EMOJIS = 20;
/** Newest-action slots kept per room (an attacker can name any number of targets). */
export const MAX_ACTION_SLOTS = 5000;

/** Reactor counts of reaction sets, so a flood past the cap costs no key counting per stanza. */
const reactorCounts = new WeakMap<object, number>();

function reactorCount(set: object): number {
  let n = reactorCounts.get(set);
  if (n === undefined) reactorCounts.set(set, (n = Object.keys(set).length));
  return n;
}

function base(a: Action): WireEdit | WireRetraction | WireReactions {
  return a.kind === 'edit' ? a.edit : a.kind === 'retraction' ? a.retraction : a.reactions;
}

/** The message an action points at: by room stanza-id, or (corrections) origin-id of the same sender. */
export function actionTarget(timeline: Timeline, a: Action): Message | undefined {
  const b = base(a);
  return timeline.byStanzaId(b.targetId) ?? timeline.byOriginId(b.targetId, b.nick);
}

/**
 * Applies an action to its target, if loaded. Only a message's author, proven by the room
 * (identity.ts), may edit or delete it; a moderator's retraction (checked by the parser to come
 * from the room) may delete any. Returns 'waiting' when the target is not loaded yet (an older
 * page may bring it).
 */
export function applyAction(timeline: Timeline, a: Action, latest: Map<string, number>, now: number): ActionResult {
  const target = actionTarget(timeline, a);
  if (!target) return 'waiting';
  if (target.system) return 'refused';
  // The newest action of a kind by one actor wins, whatever order pages and live stanzas come in.
  const b = base(a);
  const author = { jid: target.senderJid, occupant: target.occupant };
  if (a.kind !== 'reactions' && !(a.kind === 'retraction' && a.retraction.moderated) && !provenSame(author, a.by)) return 'refused';
  const actor = identityKey(a.by, b.nick);
  const slot = `${a.kind}\n${target.key}\n${actor}`;
  const time = b.time ?? now;
  if ((latest.get(slot) ?? -Infinity) > time) return 'refused';
  latest.delete(slot);
  latest.set(slot, time);
  dropOldest(latest, MAX_ACTION_SLOTS);
  switch (a.kind) {
    case 'edit': {
      const e = a.edit;
      if (target.deleted) return 'refused';
      timeline.update(target.key, { body: e.body, edited: true });
      return 'applied';
    }
    case 'retraction': {
      const r = a.retraction;
      timeline.update(target.key, { ...NO_CONTENT, deleted: true, reactions: undefined, moderation: r.moderated });
      return 'applied';
    }
    case 'reactions': {
      const r = a.reactions;
      if (target.deleted) return 'refused';
      // Keyed by who the room vouches for (a nick that someone else holds later is not them).
      if (!r.nick) return 'refused';
      // Keys hold sender-chosen text: with a prototype a key "__proto__" would replace it (and
      // hide every reaction), and "toString" would count as already present.
      const current = target.reactions;
      // Checked before copying: a flood of new reactors past the cap must not copy the set each time.
      if (r.emojis.length && current && !(actor in current) && reactorCount(current) >= MAX_REACTORS) return 'refused';
      const next = Object.assign(Object.create(null) as Record<string, { name: string; emojis: readonly string[] }>, current);
      if (r.emojis.length) {
        next[actor] = { name: r.nick, emojis: [...new Set(r.emojis)].slice(0, MAX_EMOJIS) };
      } else delete next[actor];
      reactorCounts.set(next, Object.keys(next).length);
      timeline.update(target.key, { reactions: next });
      return 'applied';
    }
  }
}
