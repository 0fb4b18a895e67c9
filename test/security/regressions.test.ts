/**
 * Regression tests for what the fuzz test (test/fuzz) found, each reduced to one case.
 */
import { expect, fixture } from '@open-wc/testing';
import { render } from 'lit';
import * as Stanza from 'stanza';
import type { Stanzas } from 'stanza';
import { renderMedia } from '../../src/elements/media-template.js';
import { parseAction } from '../../src/protocol/parse-actions.js';
import { parseRoomMessage } from '../../src/protocol/parse-message.js';
import { ChatStore } from '../../src/state/chat-store.js';
import type { WireMessage } from '../../src/protocol/types.js';
import { client } from '../support/stanza-feed.js';

const ROOM = 'lobby@conference.localhost';
const wire = (p: Partial<WireMessage>): WireMessage => ({ room: ROOM, nick: 'bob', body: 'hi', ...p });

/** `nick` enters the room, with its real JID shown (a room that reveals them). */
const enter = (s: ChatStore, nick: string, jid?: string) =>
  s.applyOccupant({ room: ROOM, nick, jid, role: 'participant', affiliation: 'none', available: true, self: false });

function store(): ChatStore {
  let t = 1_000_000;
  const s = new ChatStore(() => (t += 1000));
  s.me = 'alice@localhost';
  s.addRoom({ room: ROOM }, 'attribute', 'alice');
  return s;
}

/** `depth` nested wrappers of one kind around a room message, as anyone may send them to us. */
function nested(depth: number, kind: 'mucsub' | 'mam' | 'carbon'): string {
  const [open, close] = {
    mucsub: [
      `<message xmlns="jabber:client" from="${ROOM}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:mucsub:nodes:messages"><item id="1">`,
      '</item></items></event></message>',
    ],
    mam: [
      `<message xmlns="jabber:client" from="${ROOM}"><result xmlns="urn:xmpp:mam:2" id="1"><forwarded xmlns="urn:xmpp:forward:0">`,
      '</forwarded></result></message>',
    ],
    carbon: [
      '<message xmlns="jabber:client" from="mallory@localhost"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">',
      '</forwarded></sent></message>',
    ],
  }[kind];
  return `${open.repeat(depth)}<message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob"><body>deep</body></message>${close.repeat(depth)}`;
}

describe('regressions found by the fuzz test', () => {
  it('drops thousands of nested wrappers instead of overflowing the stack, and the stream goes on', () => {
    const parser = new Stanza.JXT.StreamParser({ registry: client.stanzas, wrappedStream: false, acceptLanguages: [], allowComments: false });
    const seen: string[] = [];
    parser.on('data', (e: { stanza: Stanzas.Message }) => seen.push(e.stanza.body ?? ''));
    const errors: unknown[] = [];
    parser.on('error', (e: unknown) => errors.push(e));
    for (const kind of ['mucsub', 'mam', 'carbon'] as const) {
      expect(() => parser.write(nested(3000, kind))).to.not.throw();
      // The XML parser refuses it (the browser's would take seconds: src/platform/xml-parser.ts).
      expect(() => Stanza.JXT.parse(nested(3000, kind))).to.throw('nested too deep');
    }
    parser.write(`<message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob"><body>after</body></message>`);
    expect(seen).to.deep.equal(['after']);
    expect(errors).to.deep.equal([]);
    // A tree that deep built by hand does not import either: the registry's recursion is caught.
    const el = (name: string, attrs: Record<string, string>, child: Stanza.JXT.XMLElement | string) => {
      const e = new Stanza.JXT.XMLElement(name, attrs);
      e.appendChild(child);
      return e;
    };
    let deep = el('message', { xmlns: 'jabber:client', type: 'groupchat', from: `${ROOM}/bob` }, el('body', {}, 'deep'));
    for (let i = 0; i < 20000; i++)
      deep = el(
        'message',
        { xmlns: 'jabber:client', from: ROOM },
        el('result', { xmlns: 'urn:xmpp:mam:2', id: '1' }, el('forwarded', { xmlns: 'urn:xmpp:forward:0' }, deep)),
      );
    expect(() => client.stanzas.import(deep)).to.not.throw();
    expect(client.stanzas.import(deep)).to.equal(undefined);
    // A legitimate MucSub delivery (three levels deep) still imports.
    expect((client.stanzas.import(Stanza.JXT.parse(nested(1, 'mucsub'))) as Stanzas.Message).mucsub?.message.body).to.equal('deep');
  });

  it('names a file from a URL with a malformed escape without throwing', async () => {
    const host = await fixture<HTMLDivElement>('<div></div>');
    expect(() => render(renderMedia({ url: 'https://files.example.com/%E0%A4%A' }), host)).to.not.throw();
    expect(host.textContent).to.contain('%E0%A4%A');
  });

  it('keeps a reactor named __proto__ (or toString) as a reactor, not a prototype', () => {
    const s = store();
    s.applyMessage(wire({ stanzaId: 's1' }), true);
    for (const nick of ['__proto__', 'toString', 'carol'])
      s.applyAction({ kind: 'reactions', reactions: { room: ROOM, nick, targetId: 's1', emojis: ['👍'] } });
    const reactions = s.room(ROOM)!.timeline.byStanzaId('s1')!.reactions!;
    // Archived reactions with no real JID are keyed by nick (identity.ts), prefixed: never a bare "__proto__".
    expect(Object.keys(reactions)).to.deep.equal(['nick:__proto__', 'nick:toString', 'nick:carol']);
    expect(Object.getPrototypeOf(reactions)).to.equal(null);
  });

  it('does not take a <data senderJID> claim of our JID for our message, nor let it pass the author check', () => {
    const m = parseRoomMessage(
      client.stanzas.import(
        Stanza.JXT.parse(
          `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/mallory"><body>I am alice</body><data xmlns="jabber:client" senderJID="alice@localhost/web"/><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s1"/></message>`,
        ),
      ) as Stanzas.Message,
    )!;
    expect([m.senderJid, m.jidClaimed]).to.deep.equal(['alice@localhost', true]);
    const s = store();
    const kept = s.applyMessage(m, true)!;
    expect(kept.own).to.equal(false);
    // Our own retraction (the room vouches for our JID) may not delete mallory's message.
    s.applyAction({ kind: 'retraction', retraction: { room: ROOM, nick: 'alice', senderJid: 'alice@localhost', targetId: 's1' } });
    expect(s.room(ROOM)!.timeline.byStanzaId('s1')!.deleted).to.equal(undefined);
    // The room's own word (<x><item jid>) still counts.
    expect(s.applyMessage(wire({ nick: 'alice2', senderJid: 'alice@localhost', stanzaId: 's2' }), true)!.own).to.equal(true);
  });

  it("does not take a live <x muc#user><item jid> for the room's word (ejabberd relays the sender's own)", () => {
    const live = (inner: string) =>
      client.stanzas.import(
        Stanza.JXT.parse(
          `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/mallory">${inner}<x xmlns="http://jabber.org/protocol/muc#user"><item jid="alice@localhost"/></x></message>`,
        ),
      ) as Stanzas.Message;
    const s = store();
    const ours = s.addPending(ROOM, 'our-1', { body: 'mine' })!;
    s.applyMessage(wire({ nick: 'alice', originId: 'our-1', stanzaId: 's1', body: 'mine' }), true);
    const m = parseRoomMessage(live('<body>I am alice</body>'))!;
    expect(m.senderJid).to.equal(undefined);
    expect(s.applyMessage(m, true)!.own).to.equal(false);
    const action = parseAction(live('<retract xmlns="urn:xmpp:message-retract:1" id="s1"/>'))!;
    expect(action.kind === 'retraction' && action.retraction.senderJid).to.equal(undefined);
    s.applyAction(action);
    expect(s.room(ROOM)!.timeline.find(ours.key)!.deleted).to.equal(undefined);
  });

  it('gives every message its own key, whatever ids senders choose', () => {
    const s = store();
    const pending = s.addPending(ROOM, 'our-1', { body: 'mine' })!;
    s.applyMessage(wire({ nick: 'bob', originId: 'o1' }), true);
    s.applyMessage(wire({ nick: 'mallory', originId: 'o1' }), true);
    s.applyMessage(wire({ nick: 'mallory', stanzaId: 'our-1' }), true);
    const keys = s.room(ROOM)!.timeline.messages.map((m) => m.key);
    expect(new Set(keys).size).to.equal(4);
    expect(s.room(ROOM)!.timeline.find('our-1')).to.equal(s.room(ROOM)!.timeline.messages.find((m) => m.own));
    expect(pending.key).to.equal('our-1');
  });

  it('does not let another sender shadow an origin-id: copies still merge, corrections still apply', () => {
    const s = store();
    enter(s, 'bob', 'bob@localhost');
    enter(s, 'mallory', 'mallory@localhost');
    s.applyMessage(wire({ nick: 'bob', originId: 'o1', body: 'bob' }), true);
    s.applyMessage(wire({ nick: 'mallory', originId: 'o1', body: 'mallory' }), true);
    s.applyMessage(wire({ nick: 'bob', originId: 'o1', stanzaId: 's1', body: 'bob' }), false);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: 'o1', body: 'bob, fixed' } }, true);
    expect(s.room(ROOM)!.timeline.messages.map((m) => m.body)).to.deep.equal(['bob, fixed', 'mallory']);
  });

  it('keeps a live edit over an older archived one by the same person (the archive names the JID, live does not)', () => {
    const s = store();
    enter(s, 'bob', 'bob@localhost');
    s.applyMessage(wire({ stanzaId: 's1', time: 100 }), true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: 's1', body: 'newest', time: 300 } }, true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', senderJid: 'bob@localhost', targetId: 's1', body: 'older', time: 200, stanzaId: 'e1' } });
    expect(s.room(ROOM)!.timeline.byStanzaId('s1')!.body).to.equal('newest');
  });

  it('bounds the actions waiting for targets that never arrive', () => {
    const s = store();
    for (let i = 0; i < 5000; i++) s.applyAction({ kind: 'retraction', retraction: { room: ROOM, nick: 'bob', targetId: `nowhere-${i}` } });
    expect(s.room(ROOM)!.waiting.size).to.equal(1000);
    expect(s.room(ROOM)!.waiting.has('nowhere-4999')).to.equal(true);
  });
});
