/**
 * server/modules/mod_ethora_block.erl through the kit's server: Ethora's block IQs share XEP-0191's
 * list, and the server withholds a blocked user's room messages from the blocker (live,
 * MucSub-wrapped and from the room's archive), deciding by the sender's real JID; hostile
 * requests get an error.
 */
import { expect } from '@open-wc/testing';
import { newRoom, server } from '../support/kit.js';
import { sleep } from '../support/wait.js';
import { type Raw, archive, bodyOf, conditionOf, freshClient, join, say } from '../support/raw-client.js';

const iq = (ns: string, type: 'set' | 'get', attrs = '') => `<iq type="${type}" id="{id}"><query xmlns="ns:deepx:muc:user:${ns}" ${attrs}/></iq>`;

describe('server module: block (ns:deepx:muc:user:block, XEP-0191)', () => {
  let all: Raw[] = [];
  afterEach(() => {
    for (const c of all) c.close();
    all = [];
  });

  it('a blocked user’s room messages do not reach the blocker; others still get them; unblock restores', async () => {
    const room = await newRoom('Block');
    const [alice, mallory, carol] = await Promise.all([freshClient('bla'), freshClient('blm'), freshClient('blc')]);
    all = [alice, mallory, carol];
    for (const c of [alice, mallory, carol]) await join(c, room);
    const ok = await alice.iq(iq('block', 'set', `user="${mallory.jid}"`));
    expect(ok.querySelector('query > result')?.getAttribute('status'), new XMLSerializer().serializeToString(ok)).to.equal('success');
    // XEP-0191 sees it too.
    const std = await alice.iq('<iq type="get" id="{id}"><blocklist xmlns="urn:xmpp:blocking"/></iq>');
    expect([...std.querySelectorAll('item')].map((i) => i.getAttribute('jid'))).to.deep.equal([mallory.jid]);
    const list = await alice.iq(iq('blocklist', 'get'));
    const item = list.querySelector('query > item');
    expect(item?.getAttribute('user')).to.equal(mallory.jid);
    expect(Number(item?.getAttribute('date'))).to.be.closeTo(Date.now() / 1000, 120);

    const [before, carolBefore] = [alice.received.length, carol.received.length];
    const hidden = await say(mallory, room, '<body>you cannot see me</body>');
    const carolSaw = await carol.next((el) => el.getAttribute('id') === hidden.id, 'Carol gets Mallory’s message', 10000, carolBefore);
    expect(carolSaw).to.exist;
    const marker = await say(carol, room, '<body>after</body>');
    await alice.next((el) => el.getAttribute('id') === marker.id, 'Alice gets Carol’s later message', 10000, before);
    expect(
      alice.received.slice(before).some((el) => el.getAttribute('id') === hidden.id),
      'Alice never got Mallory’s message',
    ).to.equal(false);

    expect(conditionOf(await alice.iq(iq('unblock', 'set', `user="${mallory.jid}"`))).condition).to.equal('');
    const again = alice.received.length;
    const seen = await say(mallory, room, '<body>visible again</body>');
    await alice.next((el) => el.getAttribute('id') === seen.id, 'Alice gets Mallory’s message after unblock', 10000, again);
  });

  it('withholds MucSub-wrapped room messages too', async () => {
    const room = await newRoom('Block sub');
    const [alice, mallory, carol] = await Promise.all([freshClient('bsa'), freshClient('bsm'), freshClient('bsc')]);
    all = [alice, mallory, carol];
    await server('server-subscribe', { user: alice.jid, room });
    // Available (not in the room): MucSub events to the bare JID reach available sessions only.
    alice.send('<presence/>');
    for (const c of [mallory, carol]) await join(c, room);
    await alice.iq(iq('block', 'set', `user="${mallory.jid}"`));
    const before = alice.received.length;
    const hidden = await say(mallory, room, '<body>wrapped secret</body>');
    const marker = await say(carol, room, '<body>wrapped marker</body>');
    await alice.next((el) => new XMLSerializer().serializeToString(el).includes(marker.id), 'Alice gets Carol’s wrapped message', 10000, before);
    await sleep(300);
    expect(
      alice.received.slice(before).some((el) => new XMLSerializer().serializeToString(el).includes('wrapped secret')),
      'Mallory’s wrapped message withheld',
    ).to.equal(false);
    expect(hidden.stanzaId).to.match(/^\d+$/);
  });

  it('withholds the blocked user’s archived room messages from the blocker’s MAM queries only', async () => {
    const room = await newRoom('Block mam');
    const [alice, mallory, carol] = await Promise.all([freshClient('bma'), freshClient('bmm'), freshClient('bmc')]);
    all = [alice, mallory, carol];
    for (const c of [alice, mallory, carol]) await join(c, room);
    await say(mallory, room, '<body>archived one</body>');
    await say(carol, room, '<body>from carol</body>');
    // Mallory takes Carol's look-alike nick: the archive's real JID decides, not the nick.
    mallory.send(`<presence to="${room}/${carol.user}-2"/>`);
    await say(mallory, room, '<body>archived two</body>');
    const bodies = async (c: Raw) => (await archive(c, room)).map((r) => bodyOf(r.message));
    expect(await bodies(alice)).to.deep.equal(['archived one', 'from carol', 'archived two']);
    await alice.iq(iq('block', 'set', `user="${mallory.jid}"`));
    expect(await bodies(alice), 'the blocker').to.deep.equal(['from carol']);
    expect(await bodies(carol), 'anyone else').to.deep.equal(['archived one', 'from carol', 'archived two']);
    await alice.iq(iq('unblock', 'set', `user="${mallory.jid}"`));
    expect(await bodies(alice), 'after unblock').to.deep.equal(['archived one', 'from carol', 'archived two']);
  });

  it('answers hostile block requests with an error; the node stays up', async () => {
    const [alice, bob] = await Promise.all([freshClient('blh'), freshClient('blb')]);
    all = [alice, bob];
    const cases: [string, string][] = [
      [iq('block', 'set'), 'bad-request'],
      [iq('block', 'set', 'user="not a jid@@"'), 'bad-request'],
      [iq('block', 'set', `user="${bob.jid}/res"`), 'bad-request'],
      [iq('block', 'set', `user="${alice.jid}"`), 'not-allowed'],
      [iq('block', 'get', `user="${bob.jid}"`), 'bad-request'],
      [iq('blocklist', 'set'), 'bad-request'],
      [`<iq type="set" id="{id}" to="${bob.jid}"><query xmlns="ns:deepx:muc:user:block" user="${alice.jid}"/></iq>`, 'forbidden'],
      [`<iq type="get" id="{id}" to="${bob.jid}"><query xmlns="ns:deepx:muc:user:blocklist"/></iq>`, 'forbidden'],
    ];
    for (const [xml, condition] of cases) expect(conditionOf(await alice.iq(xml)).condition, xml.slice(0, 100)).to.equal(condition);
    expect([...(await alice.iq(iq('blocklist', 'get'))).querySelectorAll('item')]).to.have.length(0);
    expect(await server('server-status')).to.deep.equal({ up: true });
  });
});
