/**
 * Mutations of the real protocol fixtures (test/fixtures/protocol/*.xml): realistic stanzas
 * with one to four things broken, through the browser's own XML DOM so the result is still
 * well-formed XML (namespaces and escaping right) unless a mutation means otherwise.
 */
import type { Rng } from './prng.js';
import { HOSTILE, INVALID_JIDS, OTHER, PROTO_NAMES, ROOM, STRANGER, URLS, body, text } from './pools.js';

/** Every message and presence fixture (iq fixtures are not routed by routeMessage). */
export const FIXTURES = (
  'groupchat-correction groupchat-data-inherited-ns groupchat-data-jabber-client groupchat-data-muc-host-ns groupchat-data-ws-url-ns ' +
  'groupchat-displayed groupchat-edit-both groupchat-ethora-delete-wow-text groupchat-ethora-delete groupchat-ethora-edit ' +
  'groupchat-ethora-reactions groupchat-ethora-reply-bad-json groupchat-ethora-reply groupchat-forged-stanza-id groupchat-history-replay ' +
  'groupchat-media groupchat-moderated-fasten groupchat-moderated-forged groupchat-moderated groupchat-oob groupchat-paused ' +
  'groupchat-reactions groupchat-reply groupchat-retract-fasten groupchat-retract groupchat-self-delayed groupchat-subject ' +
  'groupchat-system groupchat-typing join-error-banned join-error-conflict join-error-members-only join-error-not-found ' +
  'mam-correction mam-ethora-delete mam-ethora-deleted mam-ethora-edit mam-ethora-reactions mam-ethora-replaced mam-moderated-forged ' +
  'mam-moderated mam-result mam-retract mam-tombstone-moderated mam-tombstone-retracted message-error-banned message-error-not-occupant ' +
  'mucsub-forged-wrapper mucsub-message mucsub-reactions presence-banned presence-kicked-self presence-nick-change presence-occupant ' +
  'presence-self-created'
).split(' ');

export async function loadFixtures(): Promise<string[]> {
  return Promise.all(
    FIXTURES.map(async (name) => {
      const res = await fetch(`/test/fixtures/protocol/${name}.xml`);
      if (!res.ok) throw new Error(`fixture ${name}: HTTP ${res.status}`);
      return (await res.text()).trim();
    }),
  );
}

const parser = new DOMParser();
const serializer = new XMLSerializer();
const ATTRS = [
  'from',
  'to',
  'id',
  'type',
  'by',
  'node',
  'jid',
  'nick',
  'role',
  'affiliation',
  'code',
  'stamp',
  'start',
  'end',
  'for',
  'text',
  'mainMessage',
  'location',
  'isReply',
  'isMediafile',
  'isSystemMessage',
  'fullName',
];
const NAMESPACES = [
  'urn:xmpp:unknown',
  '',
  'jabber:client',
  'urn:xmpp:reactions:0',
  'urn:xmpp:message-retract:1',
  'urn:xmpp:sid:0',
  'http://jabber.org/protocol/muc#user',
];

function value(rng: Rng): string {
  return rng.weighted<() => string>([
    [25, () => rng.pick(HOSTILE)],
    [20, () => rng.pick([ROOM, `${ROOM}/mallory`, `${OTHER}/bob`, `${STRANGER}/x`, ...INVALID_JIDS])],
    [15, () => rng.pick(URLS)],
    [15, () => text(rng)],
    [15, () => rng.pick(['groupchat', 'chat', 'error', 'unavailable', 'true', 'false', '0', '-1', '1727188885290611'])],
    [10, () => rng.pick(['{"id":"1727188885290611","text":"<b>"}', '{', '{"id":', 'null'])],
  ])();
}

/** Applies 1-4 random mutations to one fixture; returns XML text. */
export function mutate(rng: Rng, xml: string): string {
  const doc = parser.parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!root || root.nodeName === 'parsererror') return xml;
  for (let n = rng.int(1, 4); n > 0; n--) {
    const all = [...root.querySelectorAll('*')];
    const el = all.length && rng.chance(0.8) ? rng.pick(all) : root;
    switch (rng.int(0, 12)) {
      case 0:
        if (el !== root) el.remove();
        break;
      case 1:
        if (el !== root) el.after(el.cloneNode(true));
        break;
      case 2:
        el.setAttribute(rng.pick(ATTRS), value(rng));
        break;
      case 3:
        el.setAttribute(rng.pick(PROTO_NAMES), value(rng));
        break;
      case 4:
        root.setAttribute('from', value(rng));
        break;
      case 5:
        root.setAttribute('type', rng.pick(['groupchat', 'chat', 'error', 'normal', '', 'unavailable', 'headline']));
        break;
      case 6:
        el.textContent = rng.chance(0.8) ? text(rng) : body(rng);
        break;
      case 7:
        el.appendChild(doc.createElementNS(rng.pick(NAMESPACES), rng.pick(['body', 'data', 'x', 'reactions', 'retract', 'foo', '__proto__'])));
        break;
      case 8:
        for (const e of [root, ...all]) for (const a of ['id', 'by']) if (rng.chance(0.6)) e.removeAttribute(a);
        break;
      case 9:
        if (el !== root) renamespace(rng, doc, el);
        break;
      case 10:
        return wrap(rng, serializer.serializeToString(root));
      case 11:
        for (const e of all) if (e.localName === 'stanza-id' && rng.chance(0.7)) e.setAttribute('by', rng.pick([OTHER, STRANGER, 'bob@localhost', '']));
        break;
      default:
        el.setAttribute('id', rng.pick(['1727188885290611', '1727188885290801', 'send-text-message-6f1c', 'x', '']));
    }
  }
  return serializer.serializeToString(root);
}

/** The same element in another namespace. */
function renamespace(rng: Rng, doc: XMLDocument, el: Element): void {
  const moved = doc.createElementNS(rng.pick(NAMESPACES), el.localName);
  for (const a of [...el.attributes]) if (!a.name.startsWith('xmlns')) moved.setAttribute(a.name, a.value);
  moved.append(...el.childNodes);
  el.replaceWith(moved);
}

/** Puts a stanza inside a MucSub event or MAM result from a sender that may not be the room. */
function wrap(rng: Rng, inner: string): string {
  const from = rng.pick([ROOM, `${ROOM}/mallory`, 'mallory@localhost', OTHER, STRANGER]);
  return rng.chance(0.5)
    ? `<message xmlns="jabber:client" from="${from}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:mucsub:nodes:messages"><item id="1">${inner}</item></items></event></message>`
    : `<message xmlns="jabber:client" from="${from}"><result xmlns="urn:xmpp:mam:2" queryid="q" id="w${rng.int(0, 1e6)}"><forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded></result></message>`;
}
