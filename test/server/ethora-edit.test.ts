/**
 * server/modules/mod_ethora_edit.erl through the kit's server, with raw clients: Ethora's
 * <replace id text/> (archive id) and XEP-0308 corrections (message id). The author's archived
 * message gets the new text; anyone else's edit is refused with an error and changes nothing.
 */
import { expect } from '@open-wc/testing';
import { newRoom, server } from '../support/kit.js';
import { type Raw, archive, bodyOf, childOf, errorFor, freshClient, join, say, xmlAttr } from '../support/raw-client.js';

const NS_CORRECT = 'urn:xmpp:message-correct:0';
const xml = (el: Element) => new XMLSerializer().serializeToString(el);

async function pair(): Promise<{ room: string; alice: Raw; bob: Raw }> {
  const room = await newRoom('Edit');
  const [alice, bob] = await Promise.all([freshClient('eda'), freshClient('edb')]);
  await join(alice, room);
  await join(bob, room);
  return { room, alice, bob };
}

async function row(reader: Raw, room: string, id: string): Promise<Element> {
  const found = (await archive(reader, room)).find((r) => r.id === id)?.message;
  if (!found) throw new Error(`no archive row ${id}`);
  return found;
}

describe('server module: edit (Ethora, XEP-0308)', () => {
  let all: Raw[] = [];
  afterEach(() => {
    for (const c of all) c.close();
    all = [];
  });

  it('Ethora <replace id text/> by the author rewrites the archived message and is relayed', async () => {
    const { room, alice, bob } = await pair();
    all = [alice, bob];
    const sent = await say(alice, room, '<body>helo wrld</body>');
    const id = `edit-message-${Date.now()}`;
    const relayed = bob.next((el) => el.getAttribute('id') === id, 'Bob gets the edit');
    alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="${id}"><replace id="${sent.stanzaId}" text="hello world"/></message>`);
    expect(childOf(await relayed, 'replace')?.getAttribute('text')).to.equal('hello world');
    const stored = await row(bob, room, sent.stanzaId);
    expect(bodyOf(stored)).to.equal('hello world');
    expect(childOf(stored, 'replaced')?.getAttribute('timestamp')).to.match(/^\d{13}$/);
    expect(xml(stored)).to.not.contain('helo wrld');
  });

  it('XEP-0308 correction by the author rewrites the message it names by id', async () => {
    const { room, alice, bob } = await pair();
    all = [alice, bob];
    const sent = await say(alice, room, '<body>teh typo</body>');
    await say(alice, room, `<body>the typo</body><replace xmlns="${NS_CORRECT}" id="${sent.id}"/>`);
    const stored = await row(bob, room, sent.stanzaId);
    expect(bodyOf(stored)).to.equal('the typo');
    expect(childOf(stored, 'replaced')).to.exist;
  });

  it('refuses anyone else’s edit (either dialect) with an error and changes nothing', async () => {
    const { room, alice, bob } = await pair();
    all = [alice, bob];
    const sent = await say(alice, room, '<body>mine alone</body>');
    bob.send(`<message type="groupchat" to="${xmlAttr(room)}" id="bob-edit"><replace id="${sent.stanzaId}" text="owned"/></message>`);
    expect((await errorFor(bob, 'bob-edit')).condition).to.equal('forbidden');
    bob.send(`<message type="groupchat" to="${xmlAttr(room)}" id="bob-correct"><body>owned</body><replace xmlns="${NS_CORRECT}" id="${sent.id}"/></message>`);
    expect((await errorFor(bob, 'bob-correct')).condition).to.equal('item-not-found');
    const rows = await archive(alice, room);
    expect(bodyOf(rows.find((r) => r.id === sent.stanzaId)!.message)).to.equal('mine alone');
    expect(
      rows.map((r) => bodyOf(r.message)),
      'the refused correction is not archived either',
    ).to.not.include('owned');
  });

  it('answers hostile edits with an error, never a crash; a deleted message cannot be edited', async () => {
    const { room, alice, bob } = await pair();
    all = [alice, bob];
    const sent = await say(alice, room, '<body>target</body>');
    const gone = await say(alice, room, '<body>to be deleted</body>');
    alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="deleteMessageStanza"><body>wow</body><delete id="${gone.stanzaId}"/></message>`);
    await alice.next((el) => el.getAttribute('id') === 'deleteMessageStanza', 'the delete relayed');
    const cases: [string, string, string][] = [
      ['no-id', '<replace text="x"/>', 'bad-request'],
      ['bad-id', '<replace id="1e9" text="x"/>', 'bad-request'],
      ['no-text', `<replace id="${sent.stanzaId}"/>`, 'bad-request'],
      ['blank-text', `<replace id="${sent.stanzaId}" text="   "/>`, 'bad-request'],
      ['huge-text', `<replace id="${sent.stanzaId}" text="${'x'.repeat(70000)}"/>`, 'policy-violation'],
      ['unknown', '<replace id="12345" text="x"/>', 'item-not-found'],
      ['deleted', `<replace id="${gone.stanzaId}" text="back"/>`, 'not-allowed'],
      ['correct-no-id', `<body>x</body><replace xmlns="${NS_CORRECT}"/>`, 'bad-request'],
      ['correct-unknown', `<body>x</body><replace xmlns="${NS_CORRECT}" id="nope"/>`, 'item-not-found'],
    ];
    for (const [id, inner, condition] of cases) {
      alice.send(`<message type="groupchat" to="${xmlAttr(room)}" id="${id}">${inner}</message>`);
      expect((await errorFor(alice, id)).condition, id).to.equal(condition);
    }
    expect(bodyOf(await row(bob, room, sent.stanzaId))).to.equal('target');
    expect(bodyOf(await row(bob, room, gone.stanzaId))).to.equal('deleted');
    expect(await server('server-status')).to.deep.equal({ up: true });
  });

  it('advertises corrections and Ethora edit in the room’s disco#info', async () => {
    const { room, alice, bob } = await pair();
    all = [alice, bob];
    const info = await alice.iq(`<iq type="get" id="{id}" to="${xmlAttr(room)}"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`);
    const features = [...info.querySelectorAll('feature')].map((f) => f.getAttribute('var'));
    expect(features).to.include.members([NS_CORRECT, 'ethora:message:edit']);
  });
});
