/**
 * Building blocks of generated stanzas: namespaces, odd ids, Ethora `<data>` bags, reaction
 * lists and noise elements (unknown namespaces, XHTML-IM with scripts) to be ignored safely.
 */
import type { Rng } from './prng.js';
import { HOSTILE, INVALID_JIDS, ME, PROTO_NAMES, STRANGER, URLS, attr, esc, text } from './pools.js';

export const NS = {
  sid: 'urn:xmpp:sid:0',
  delay: 'urn:xmpp:delay',
  mucUser: 'http://jabber.org/protocol/muc#user',
  muc: 'http://jabber.org/protocol/muc',
  reply: 'urn:xmpp:reply:0',
  fallback: 'urn:xmpp:fallback:0',
  oob: 'jabber:x:oob',
  states: 'http://jabber.org/protocol/chatstates',
  markers: 'urn:xmpp:chat-markers:0',
  correct: 'urn:xmpp:message-correct:0',
  retract: 'urn:xmpp:message-retract:1',
  retract0: 'urn:xmpp:message-retract:0',
  fasten: 'urn:xmpp:fasten:0',
  moderate: 'urn:xmpp:message-moderate:1',
  moderate0: 'urn:xmpp:message-moderate:0',
  reactions: 'urn:xmpp:reactions:0',
  pubsubEvent: 'http://jabber.org/protocol/pubsub#event',
  mam: 'urn:xmpp:mam:2',
  forward: 'urn:xmpp:forward:0',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  carbons: 'urn:xmpp:carbons:2',
};
export const DATA_NS = ['jabber:client', '', 'conference.localhost', 'wss://xmpp.example.com/ws', 'urn:unknown'];
export const SPECIAL_IDS = ['system:1', 'day:2025-0-15', 'day:2025-0-14', 'unread-divider', 'x'.repeat(1025), ' ', ...PROTO_NAMES];
export const EMOJI = ['👍', '❤️', '😂', '+1', 'heart', 'fire', '🇫🇷', '1️⃣', '👩🏽‍💻', 'not an emoji', '<b>', '🔥'.repeat(20), 'a'.repeat(40)];

/** An Ethora `<data>` bag: names, replies, media, system flags, and prototype-named attributes. */
export function dataBag(r: Rng, targetId: () => string): string {
  const a: Record<string, string> = {};
  if (r.chance(0.6)) a.senderFirstName = text(r);
  if (r.chance(0.3)) a.senderLastName = text(r);
  if (r.chance(0.5)) a.fullName = text(r);
  if (r.chance(0.4)) a.senderJID = r.pick([ME, 'bob@localhost/web', 'mallory@localhost', ...INVALID_JIDS.slice(0, 3)]);
  if (r.chance(0.25)) {
    a.isReply = r.pick(['true', 'true', 'false', 'TRUE']);
    a.mainMessage = r.weighted<() => string>([
      [50, () => JSON.stringify({ id: targetId(), text: text(r), userName: text(r) })],
      [10, () => JSON.stringify({ id: r.int(0, 1e15), text: r.pick(HOSTILE) })],
      [20, () => r.pick(['{', '{"id":', 'null', '[1,2]', '"str"', '{"text":"no id"}', '{"id":{"a":1}}', '{"__proto__":{"id":"x"},"id":"y"}'])],
      [20, () => r.pick(HOSTILE)],
    ])();
  }
  if (r.chance(0.25)) {
    a.isMediafile = r.pick(['true', 'true', 'false']);
    a.location = r.pick(URLS);
    if (r.chance(0.5)) a.locationPreview = r.pick(URLS);
    if (r.chance(0.6)) a.fileName = text(r);
    if (r.chance(0.4)) a.originalName = text(r);
    if (r.chance(0.7)) a.mimetype = r.pick(['image/png', 'video/mp4', 'audio/mpeg', 'application/pdf', 'IMAGE/PNG', text(r)]);
    for (const k of ['size', 'width', 'height']) if (r.chance(0.5)) a[k] = r.pick(['100', '0', '-5', '1e9', '99999999999999999', 'NaN', ' 42 ', text(r)]);
  }
  if (r.chance(0.08)) a.isSystemMessage = 'true';
  for (const name of PROTO_NAMES) if (r.chance(0.04)) a[name] = r.pick(HOSTILE);
  const ns = r.pick(DATA_NS);
  const attrs = Object.entries(a)
    .map(([k, v]) => ` ${k}="${attr(v)}"`)
    .join('');
  return `<data${ns ? ` xmlns="${attr(ns)}"` : ' xmlns=""'}${attrs}/>`;
}

/** Unknown namespaces, duplicate bodies, XHTML-IM with scripts: things to ignore safely. */
export function noise(r: Rng): string {
  return r.pick([
    `<foo xmlns="urn:x:${r.int(0, 9)}" a="b">${esc(r.pick(HOSTILE))}</foo>`,
    `<body xmlns="urn:evil">${esc(r.pick(HOSTILE))}</body>`,
    `<html xmlns="http://jabber.org/protocol/xhtml-im"><body xmlns="http://www.w3.org/1999/xhtml"><script>window.__xss=1</script><a href="javascript:window.__xss=1">x</a><img src="x" onerror="window.__xss=1"/></body></html>`,
    `<x xmlns="jabber:x:conference" jid="${STRANGER}"/>`,
    `<reply xmlns="urn:xmpp:reply:0"/>`,
    `<fallback xmlns="${NS.fallback}"/>`,
    `<reactions xmlns="urn:unknown:reactions" id="1"/>`,
  ]);
}

/** Reaction values: a few usual ones, sometimes hostile strings, sometimes thousands. */
export function reactionList(r: Rng): string {
  const n = r.weighted<number>([
    [70, r.int(0, 4)],
    [20, r.int(5, 40)],
    [10, r.int(500, 3000)],
  ]);
  const values = Array.from({ length: n }, (_, i) => (n > 40 ? String.fromCodePoint(0x1f300 + (i % 700)) : r.chance(0.15) ? r.pick(HOSTILE) : r.pick(EMOJI)));
  return values.map((v) => `<reaction>${esc(v)}</reaction>`).join('');
}
