/**
 * XEP-0425 moderation in server/modules/mod_ethora_delete.erl, both generations (`:1` and the
 * older `:0` apply-to form), and Ethora's <delete id/> by a moderator: the room announces the
 * moderation itself (both shapes in one message), the archived text is gone, non-moderators and
 * hostile requests get an error and change nothing.
 */
import { expect } from '@open-wc/testing';
import { newRoom, server } from '../support/kit.js';
import { type Raw, archive, bodyOf, childOf, conditionOf, freshClient, join, say, xmlAttr } from '../support/raw-client.js';

const NS_RETRACT = 'urn:xmpp:message-retract:1';
const NS_MODERATE = 'urn:xmpp:message-moderate:1';
const NS_MODERATE_0 = 'urn:xmpp:message-moderate:0';
const NS_FASTEN = 'urn:xmpp:fasten:0';
const xml = (el: Element) => new XMLSerializer().serializeToString(el);
const mod1 = (room: string, id: string, reason = '') =>
  `<iq type="set" id="{id}" to="${xmlAttr(room)}"><moderate xmlns="${NS_MODERATE}" id="${xmlAttr(id)}"><retract xmlns="${NS_RETRACT}"/>${reason ? `<reason>${reason}</reason>` : ''}</moderate></iq>`;
const mod0 = (room: string, id: string, reason = '') =>
  `<iq type="set" id="{id}" to="${xmlAttr(room)}"><apply-to xmlns="${NS_FASTEN}" id="${xmlAttr(id)}"><moderate xmlns="${NS_MODERATE_0}"><retract xmlns="urn:xmpp:message-retract:0"/>${reason ? `<reason>${reason}</reason>` : ''}</moderate></apply-to></iq>`;

async function setup(): Promise<{ room: string; mod: Raw; alice: Raw; bob: Raw }> {
  const room = await newRoom('Moderate');
  const [mod, alice, bob] = await Promise.all([freshClient('mm'), freshClient('ma'), freshClient('mb')]);
  await server('server-set-affiliation', { room, user: mod.jid, affiliation: 'admin' });
  for (const c of [mod, alice, bob]) await join(c, room);
  return { room, mod, alice, bob };
}

const rowOf = async (reader: Raw, room: string, id: string) => (await archive(reader, room)).find((r) => r.id === id)?.message;
const isNotice = (room: string, id: string) => (el: Element) =>
  el.localName === 'message' && el.getAttribute('from') === room && childOf(el, 'retract', NS_RETRACT)?.getAttribute('id') === id;

describe('server module: XEP-0425 moderation (both generations) and Ethora moderator delete', () => {
  let all: Raw[] = [];
  afterEach(() => {
    for (const c of all) c.close();
    all = [];
  });

  it(':0 (apply-to): a room admin removes a message with a reason; everyone gets the room’s notice in both shapes', async () => {
    const { room, mod, alice, bob } = await setup();
    all = [mod, alice, bob];
    const sent = await say(alice, room, '<body>old-style spam</body>');
    expect(conditionOf(await bob.iq(mod0(room, sent.stanzaId, 'no'))).condition, 'a participant').to.equal('forbidden');
    expect(bodyOf((await rowOf(bob, room, sent.stanzaId))!)).to.equal('old-style spam');
    const notices = [alice, bob].map((c) => c.next(isNotice(room, sent.stanzaId), `${c.user} gets the notice`));
    const ok = await mod.iq(mod0(room, sent.stanzaId, 'Off topic'));
    expect(ok.getAttribute('type'), xml(ok)).to.equal('result');
    for (const notice of await Promise.all(notices)) {
      const retract = childOf(notice, 'retract', NS_RETRACT)!;
      expect(childOf(retract, 'moderated', NS_MODERATE)?.getAttribute('by')).to.equal(`${room}/${mod.user}`);
      expect(childOf(retract, 'reason')?.textContent).to.equal('Off topic');
      const applyTo = childOf(notice, 'apply-to', NS_FASTEN)!;
      expect(applyTo.getAttribute('id')).to.equal(sent.stanzaId);
      const moderated = childOf(applyTo, 'moderated', NS_MODERATE_0)!;
      expect(moderated.getAttribute('by')).to.equal(`${room}/${mod.user}`);
      expect(childOf(moderated, 'retract', 'urn:xmpp:message-retract:0')).to.exist;
      expect(childOf(moderated, 'reason')?.textContent).to.equal('Off topic');
    }
    const row = await rowOf(bob, room, sent.stanzaId);
    expect(bodyOf(row!)).to.equal('deleted');
    expect(xml(row!)).to.not.contain('old-style spam');
    expect(childOf(childOf(row!, 'retracted', NS_RETRACT)!, 'reason')?.textContent).to.equal('Off topic');
  });

  it('Ethora <delete id/> by a moderator: relayed as Ethora’s clients expect, and announced by the room', async () => {
    const { room, mod, alice, bob } = await setup();
    all = [mod, alice, bob];
    const sent = await say(alice, room, '<body>ethora spam</body>');
    const notice = bob.next(isNotice(room, sent.stanzaId), 'the room’s notice');
    const relayed = bob.next(
      (el) => el.getAttribute('id') === 'deleteMessageStanza' && el.getAttribute('from') === `${room}/${mod.user}`,
      'the relayed delete',
    );
    mod.send(`<message type="groupchat" to="${xmlAttr(room)}" id="deleteMessageStanza"><body xmlns="wow"/><delete id="${sent.stanzaId}"/></message>`);
    const [n] = await Promise.all([notice, relayed]);
    expect(childOf(childOf(n, 'retract', NS_RETRACT)!, 'moderated', NS_MODERATE)?.getAttribute('by')).to.equal(`${room}/${mod.user}`);
    const row = await rowOf(alice, room, sent.stanzaId);
    expect(bodyOf(row!)).to.equal('deleted');
    expect(childOf(childOf(row!, 'retracted', NS_RETRACT)!, 'moderated', NS_MODERATE), 'the tombstone says a moderator did it').to.exist;
    // The author's own Ethora delete is no moderation: no notice from the room.
    const own = await say(alice, room, '<body>my own</body>');
    const before = bob.received.length;
    const relayedOwn = bob.next(
      (el) => el.getAttribute('id') === 'deleteMessageStanza' && el.getAttribute('from') === `${room}/${alice.user}`,
      'Alice’s own delete',
      10000,
      before,
    );
    alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="deleteMessageStanza"><body xmlns="wow"/><delete id="${own.stanzaId}"/></message>`);
    await relayedOwn;
    expect(bob.received.slice(before).some(isNotice(room, own.stanzaId)), 'no moderation notice').to.equal(false);
  });

  it('answers hostile moderation with an error, changes nothing, and the node stays up', async () => {
    const { room, mod, alice, bob } = await setup();
    all = [mod, alice, bob];
    const other = await newRoom('Other');
    await join(alice, other);
    const foreign = await say(alice, other, '<body>elsewhere</body>');
    const kept = await say(alice, room, '<body>keep me</body>');
    const outsider = await freshClient('mo');
    all.push(outsider);
    const cases: [Raw, string, string][] = [
      [mod, `<iq type="set" id="{id}" to="${xmlAttr(room)}"><moderate xmlns="${NS_MODERATE}"><retract xmlns="${NS_RETRACT}"/></moderate></iq>`, 'bad-request'],
      [mod, mod1(room, ''), 'bad-request'],
      [mod, mod1(room, 'abc'), 'bad-request'],
      [mod, mod1(room, '-1'), 'bad-request'],
      [mod, mod1(room, '9'.repeat(5000)), 'bad-request'],
      [mod, mod1(room, '1'), 'item-not-found'],
      [mod, mod1(room, foreign.stanzaId), 'item-not-found'],
      [mod, mod0(room, 'x"y'), 'bad-request'],
      [mod, mod0(room, foreign.stanzaId), 'item-not-found'],
      [mod, `<iq type="set" id="{id}" to="${xmlAttr(room)}"><moderate xmlns="${NS_MODERATE}" id="${kept.stanzaId}"/></iq>`, 'bad-request'],
      [
        mod,
        `<iq type="set" id="{id}" to="${xmlAttr(room)}"><apply-to xmlns="${NS_FASTEN}" id="${kept.stanzaId}"><moderate xmlns="${NS_MODERATE_0}"/></apply-to></iq>`,
        'bad-request',
      ],
      [bob, mod1(room, kept.stanzaId), 'forbidden'],
      [outsider, mod1(room, kept.stanzaId), 'forbidden'],
      [mod, mod1(`nosuch-${Date.now()}@conference.localhost`, kept.stanzaId), 'item-not-found'],
    ];
    for (const [who, request, condition] of cases) {
      const answer = await who.iq(request);
      expect(answer.getAttribute('type'), request.slice(0, 160)).to.equal('error');
      expect(conditionOf(answer).condition, request.slice(0, 160)).to.equal(condition);
    }
    // Things that are not a moderation at all still get an error (from the room), not silence.
    for (const odd of [
      `<iq type="set" id="{id}" to="${xmlAttr(room)}"><apply-to xmlns="${NS_FASTEN}" id="${kept.stanzaId}"/></iq>`,
      `<iq type="get" id="{id}" to="${xmlAttr(room)}">${mod1(room, kept.stanzaId).replace(/^<iq[^>]*>|<\/iq>$/g, '')}</iq>`,
    ])
      expect((await mod.iq(odd)).getAttribute('type'), odd.slice(0, 120)).to.equal('error');
    expect(bodyOf((await rowOf(alice, room, kept.stanzaId))!), 'nothing changed').to.equal('keep me');
    expect(bodyOf((await rowOf(alice, other, foreign.stanzaId))!), 'the other room is untouched').to.equal('elsewhere');
    // A huge reason is cut, not refused and not stored whole.
    const ok = await mod.iq(mod1(room, kept.stanzaId, 'r'.repeat(20000)));
    expect(ok.getAttribute('type'), xml(ok)).to.equal('result');
    const reason = childOf(childOf((await rowOf(alice, room, kept.stanzaId))!, 'retracted', NS_RETRACT)!, 'reason')?.textContent ?? '';
    expect(reason.length).to.be.within(1, 1024);
    expect(await server('server-status')).to.deep.equal({ up: true });
    expect((await say(alice, room, '<body>still here</body>')).stanzaId).to.match(/^\d+$/);
  });

  it('advertises both generations of moderation in the room’s disco#info', async () => {
    const { room, mod, alice, bob } = await setup();
    all = [mod, alice, bob];
    const info = await alice.iq(`<iq type="get" id="{id}" to="${xmlAttr(room)}"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`);
    const features = [...info.querySelectorAll('feature')].map((f) => f.getAttribute('var'));
    expect(features).to.include.members([NS_MODERATE, NS_MODERATE_0]);
  });
});
