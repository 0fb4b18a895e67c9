/**
 * server/modules/mod_ethora_delete.erl through the kit's server, with raw clients sending what
 * Ethora's and standard clients send: Ethora's <delete id/>, XEP-0424 retraction, XEP-0425
 * moderation. Delete must delete: the archived text is gone from MAM, a tombstone remains.
 */
import { expect } from '@open-wc/testing';
import { newRoom, server } from '../support/kit.js';
import { type Raw, archive, bodyOf, childOf, conditionOf, errorFor, freshClient, join, say, xmlAttr } from '../support/raw-client.js';

const NS_RETRACT = 'urn:xmpp:message-retract:1';
const NS_MODERATE = 'urn:xmpp:message-moderate:1';
const xml = (el: Element) => new XMLSerializer().serializeToString(el);

async function roomOf(n: number): Promise<{ room: string; users: Raw[] }> {
  const room = await newRoom('Delete');
  const users = await Promise.all(Array.from({ length: n }, (_, i) => freshClient(`del${i}`)));
  for (const u of users) await join(u, room);
  return { room, users };
}

/** The room's archive as `reader` sees it, and the row with archive id `id`. */
async function rowOf(reader: Raw, room: string, id: string) {
  const rows = await archive(reader, room);
  return { rows, row: rows.find((r) => r.id === id)?.message };
}

function expectTombstone(row: Element | undefined, secret: string): void {
  expect(row, 'the row stays (a tombstone)').to.exist;
  expect(bodyOf(row!)).to.equal('deleted');
  expect(childOf(row!, 'deleted')?.getAttribute('timestamp')).to.match(/^\d{13}$/);
  expect(childOf(row!, 'retracted', NS_RETRACT), 'XEP-0424 tombstone').to.exist;
  expect(xml(row!)).to.not.contain(secret);
}

describe('server module: delete (Ethora, XEP-0424, XEP-0425)', () => {
  let all: Raw[] = [];
  afterEach(() => {
    for (const c of all) c.close();
    all = [];
  });

  it('Ethora <delete id/> by the author: text gone from MAM, tombstone kept, the command relayed but not archived', async () => {
    const {
      room,
      users: [alice, bob],
    } = await roomOf(2);
    all = [alice, bob];
    const secret = `secret-${Date.now()}`;
    const sent = await say(alice, room, `<body>${secret}</body>`);
    const relayed = bob.next((el) => el.localName === 'message' && el.getAttribute('id') === 'deleteMessageStanza', 'Bob gets the delete');
    alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="deleteMessageStanza"><body>wow</body><delete id="${sent.stanzaId}"/></message>`);
    const cmd = await relayed;
    expect(childOf(cmd, 'delete')?.getAttribute('id')).to.equal(sent.stanzaId);
    const { rows, row } = await rowOf(bob, room, sent.stanzaId);
    expectTombstone(row, secret);
    expect(
      rows.map((r) => bodyOf(r.message)),
      'the command itself is not a message of the archive',
    ).to.not.include('wow');
    expect(rows.map((r) => xml(r.message)).join(), 'nowhere in the archive').to.not.contain(secret);
  });

  it('XEP-0424 retraction by the author rewrites the archive; by anyone else it is refused and changes nothing', async () => {
    const {
      room,
      users: [alice, bob],
    } = await roomOf(2);
    all = [alice, bob];
    const [a1, a2] = [await say(alice, room, '<body>first words</body>'), await say(alice, room, '<body>second words</body>')];
    const retract = (id: string) =>
      `<retract xmlns="${NS_RETRACT}" id="${id}"/><fallback xmlns="urn:xmpp:fallback:0" for="${NS_RETRACT}"/><body>retracted</body><store xmlns="urn:xmpp:hints"/>`;
    bob.send(`<message type="groupchat" to="${xmlAttr(room)}" id="bob-retract">${retract(a1.stanzaId)}</message>`);
    expect((await errorFor(bob, 'bob-retract')).condition).to.equal('forbidden');
    expect(bodyOf((await rowOf(bob, room, a1.stanzaId)).row!)).to.equal('first words');
    await say(alice, room, retract(a2.stanzaId));
    expectTombstone((await rowOf(bob, room, a2.stanzaId)).row, 'second words');
    expect(bodyOf((await rowOf(bob, room, a1.stanzaId)).row!), 'the other message is untouched').to.equal('first words');
  });

  it('XEP-0424 retraction naming the author’s own message id (as Converse.js sends it) tombstones that message; anyone else’s id is not found', async () => {
    const {
      room,
      users: [alice, bob],
    } = await roomOf(2);
    all = [alice, bob];
    const retract = (id: string) =>
      `<retract xmlns="${NS_RETRACT}" id="${id}"/><fallback xmlns="urn:xmpp:fallback:0" for="${NS_RETRACT}"/><body>retracted</body><store xmlns="urn:xmpp:hints"/>`;
    const mine = await say(alice, room, '<body>by origin-id</body><origin-id xmlns="urn:xmpp:sid:0" id="conv-origin-1"/>', 'conv-origin-1');
    const bobs = await say(bob, room, '<body>not yours</body><origin-id xmlns="urn:xmpp:sid:0" id="bob-origin-1"/>', 'bob-origin-1');
    // Alice names Bob's message by its origin-id: only a sender's own ids are looked up.
    alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="steal">${retract('bob-origin-1')}</message>`);
    expect((await errorFor(alice, 'steal')).condition).to.equal('item-not-found');
    const relayed = bob.next((el) => el.getAttribute('id') === 'by-origin' && !!childOf(el, 'retract', NS_RETRACT), 'the retraction relayed');
    alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="by-origin">${retract('conv-origin-1')}</message>`);
    await relayed;
    expectTombstone((await rowOf(bob, room, mine.stanzaId)).row, 'by origin-id');
    expect(bodyOf((await rowOf(bob, room, bobs.stanzaId)).row!)).to.equal('not yours');
  });

  it('Ethora delete of someone else’s message: refused for a member, done by a room admin (decided by real JID, not nick)', async () => {
    const {
      room,
      users: [alice, bob, carol],
    } = await roomOf(3);
    all = [alice, bob, carol];
    const sent = await say(alice, room, '<body>keep or drop</body>');
    // Bob even takes a nick that looks like Alice's: the archive row's real JID decides.
    bob.send(`<presence to="${xmlAttr(`${room}/${alice.user}-x`)}"/>`);
    bob.send(`<message type="groupchat" to="${xmlAttr(room)}" id="bob-del"><body>wow</body><delete id="${sent.stanzaId}"/></message>`);
    expect((await errorFor(bob, 'bob-del')).condition).to.equal('forbidden');
    expect(bodyOf((await rowOf(alice, room, sent.stanzaId)).row!)).to.equal('keep or drop');
    await server('server-set-affiliation', { room, user: carol.jid, affiliation: 'admin' });
    const relayed = alice.next((el) => el.getAttribute('id') === 'carol-del' && el.getAttribute('type') === 'groupchat', 'the admin’s delete relayed');
    carol.send(`<message type="groupchat" to="${xmlAttr(room)}" id="carol-del"><body xmlns="wow"/><delete id="${sent.stanzaId}"/></message>`);
    await relayed;
    expectTombstone((await rowOf(alice, room, sent.stanzaId)).row, 'keep or drop');
  });

  it('XEP-0425: a moderator retracts anyone’s message with a reason; occupants are told; a member is refused', async () => {
    const {
      room,
      users: [alice, bob, carol],
    } = await roomOf(3);
    all = [alice, bob, carol];
    const sent = await say(alice, room, '<body>spam spam</body>');
    const moderate = (id: string) =>
      `<iq type="set" id="{id}" to="${xmlAttr(room)}"><moderate xmlns="${NS_MODERATE}" id="${id}"><retract xmlns="${NS_RETRACT}"/><reason>Spam</reason></moderate></iq>`;
    const refused = await bob.iq(moderate(sent.stanzaId));
    expect(conditionOf(refused).condition).to.equal('forbidden');
    expect(bodyOf((await rowOf(bob, room, sent.stanzaId)).row!)).to.equal('spam spam');
    await server('server-set-affiliation', { room, user: carol.jid, affiliation: 'owner' });
    const notice = bob.next((el) => !!childOf(el, 'retract', NS_RETRACT), 'the moderation notice');
    const ok = await carol.iq(moderate(sent.stanzaId));
    expect(ok.getAttribute('type'), xml(ok)).to.equal('result');
    const retract = childOf(await notice, 'retract', NS_RETRACT)!;
    expect(retract.getAttribute('id')).to.equal(sent.stanzaId);
    expect(childOf(retract, 'moderated', NS_MODERATE)?.getAttribute('by')).to.equal(`${room}/${carol.user}`);
    expect(childOf(retract, 'reason')?.textContent).to.equal('Spam');
    const row = (await rowOf(bob, room, sent.stanzaId)).row;
    expectTombstone(row, 'spam spam');
    expect(childOf(childOf(row!, 'retracted', NS_RETRACT)!, 'reason')?.textContent).to.equal('Spam');
  });

  it('answers hostile deletes with an error, never a crash; the node stays up', async () => {
    const {
      room,
      users: [alice, bob],
    } = await roomOf(2);
    all = [alice, bob];
    const other = await newRoom('Elsewhere');
    await join(alice, other);
    const foreign = await say(alice, other, '<body>in another room</body>');
    const cases: [string, string, string][] = [
      ['no-id', '<delete/>', 'bad-request'],
      ['empty-id', '<delete id=""/>', 'bad-request'],
      ['text-id', '<delete id="abc"/>', 'bad-request'],
      ['negative', '<delete id="-5"/>', 'bad-request'],
      ['huge', `<delete id="${'9'.repeat(40)}"/>`, 'bad-request'],
      ['int64+1', '<delete id="9223372036854775808"/>', 'bad-request'],
      ['unknown', '<delete id="1"/>', 'item-not-found'],
      ['foreign-room', `<delete id="${foreign.stanzaId}"/>`, 'item-not-found'],
      // Not an archive id, and none of the sender's message ids either.
      ['retract-unknown', `<retract xmlns="${NS_RETRACT}" id="x'y"/>`, 'item-not-found'],
    ];
    for (const [id, inner, condition] of cases) {
      alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="${id}"><body>wow</body>${inner}</message>`);
      expect((await errorFor(alice, id)).condition, id).to.equal(condition);
    }
    for (const [id, inner] of [
      ['mod-noretract', `<moderate xmlns="${NS_MODERATE}" id="1"/>`],
      ['mod-badid', `<moderate xmlns="${NS_MODERATE}" id="zz"><retract xmlns="${NS_RETRACT}"/></moderate>`],
    ]) {
      const answer = await bob.iq(`<iq type="set" id="{id}" to="${xmlAttr(room)}">${inner}</iq>`);
      expect(answer.getAttribute('type'), id).to.equal('error');
    }
    expect(bodyOf((await rowOf(alice, other, foreign.stanzaId)).row!), 'the foreign room’s message is untouched').to.equal('in another room');
    expect(await server('server-status')).to.deep.equal({ up: true });
    const still = await say(alice, room, '<body>still here</body>');
    expect(still.stanzaId).to.match(/^\d+$/);
  });

  it('advertises retraction, moderation and Ethora delete in the room’s disco#info', async () => {
    const {
      room,
      users: [alice],
    } = await roomOf(1);
    all = [alice];
    const info = await alice.iq(`<iq type="get" id="{id}" to="${xmlAttr(room)}"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`);
    const features = [...info.querySelectorAll('feature')].map((f) => f.getAttribute('var'));
    expect(features).to.include.members([NS_RETRACT, NS_MODERATE, 'ethora:message:delete', 'urn:xmpp:mam:2']);
  });
});
