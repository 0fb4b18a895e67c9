/**
 * server/modules/mod_ethora_rooms.erl through the kit's server, with raw clients sending what
 * Ethora's clients send (no `to`: answered from the user's own bare JID): ns:getrooms,
 * ns:getrooms:setprofile and ns:room:last with RSM paging; hostile requests get an error.
 */
import { expect } from '@open-wc/testing';
import { newRoom, newUser, server } from '../support/kit.js';
import { type Raw, conditionOf, freshClient, join, xmlAttr } from '../support/raw-client.js';

const getRooms = '<iq type="get" id="{id}"><query xmlns="ns:getrooms"/></iq>';
const roomsOf = (answer: Element): Record<string, Record<string, string>> =>
  Object.fromEntries(
    [...answer.querySelectorAll('query > room')].map((r) => [r.getAttribute('jid') ?? '', Object.fromEntries([...r.attributes].map((a) => [a.name, a.value]))]),
  );
const last = (room: string, set = '') => `<iq type="get" id="{id}"><query xmlns="ns:room:last" room="${xmlAttr(room)}">${set}</query></iq>`;
const setProfile = (attrs: string) => `<iq type="set" id="{id}"><query xmlns="ns:getrooms:setprofile" ${attrs}/></iq>`;

describe('server module: rooms (ns:getrooms, ns:getrooms:setprofile, ns:room:last)', () => {
  let all: Raw[] = [];
  afterEach(() => {
    for (const c of all) c.close();
    all = [];
  });

  it('lists the rooms a user is subscribed to or affiliated with, with name, count and images', async () => {
    const alice = await freshClient('gr');
    all = [alice];
    const [subscribed, affiliated, other] = [await newRoom('Subscribed'), await newRoom('Affiliated'), await newRoom('Not mine')];
    await server('server-subscribe', { user: alice.jid, room: subscribed });
    await server('server-set-affiliation', { room: affiliated, user: alice.jid, affiliation: 'member' });
    await server('server-set-affiliation', { room: affiliated, user: 'someone-else@localhost', affiliation: 'member' });
    const answer = await alice.iq(getRooms);
    expect(answer.getAttribute('type')).to.equal('result');
    expect([null, alice.jid]).to.include(answer.getAttribute('from'));
    const rooms = roomsOf(answer);
    expect(rooms[subscribed]).to.deep.include({ name: 'Subscribed', users_cnt: '1', room_thumbnail: 'none', room_background: 'none' });
    expect(rooms[affiliated]).to.deep.include({ name: 'Affiliated', users_cnt: '2' });
    expect(rooms).to.not.have.property(other);
  });

  it('sets a room’s images for its owner only; the list shows them', async () => {
    const [owner, member] = await Promise.all([freshClient('own'), freshClient('mem')]);
    all = [owner, member];
    const room = await newRoom('Pictures');
    await server('server-set-affiliation', { room, user: owner.jid, affiliation: 'owner' });
    await server('server-set-affiliation', { room, user: member.jid, affiliation: 'member' });
    const thumb = 'https://cdn.example.com/t.png?a=1&b=2';
    const ok = await owner.iq(setProfile(`room="${room}" room_thumbnail="${xmlAttr(thumb)}" room_background="http://cdn.example.com/bg.jpg"`));
    expect(ok.getAttribute('type'), new XMLSerializer().serializeToString(ok)).to.equal('result');
    expect(roomsOf(await member.iq(getRooms))[room]).to.deep.include({ room_thumbnail: thumb, room_background: 'http://cdn.example.com/bg.jpg' });
    const refused = await member.iq(setProfile(`room="${room}" room_thumbnail="https://evil.example.com/x.png"`));
    expect(conditionOf(refused).condition).to.equal('forbidden');
    const cases: [string, string][] = [
      [`room="${room}" room_thumbnail="javascript:alert(1)"`, 'bad-request'],
      [`room="${room}" room_background="https://x.example.com/${'a'.repeat(3000)}"`, 'bad-request'],
      ['room="not a jid@@" room_thumbnail="https://x.example.com/a.png"', 'bad-request'],
      ['room_thumbnail="https://x.example.com/a.png"', 'bad-request'],
      [`room="nosuchroom-${Date.now()}@conference.localhost" room_thumbnail="https://x.example.com/a.png"`, 'item-not-found'],
      [`room="${owner.jid}" room_thumbnail="https://x.example.com/a.png"`, 'bad-request'],
    ];
    for (const [attrs, condition] of cases) expect(conditionOf(await owner.iq(setProfile(attrs))).condition, attrs.slice(0, 80)).to.equal(condition);
    expect(roomsOf(await owner.iq(getRooms))[room]?.room_thumbnail, 'nothing changed').to.equal(thumb);
  });

  it('lists a room’s members with activity, 50 a page with RSM, to members only', async function () {
    this.timeout(120000);
    const [alice, outsider] = await Promise.all([freshClient('act'), freshClient('out')]);
    all = [alice, outsider];
    const room = await newRoom('Activity');
    await join(alice, room);
    await server('server-set-affiliation', { room, user: alice.jid, affiliation: 'admin' });
    const bob = await newUser('actb');
    await server('server-set-affiliation', { room, user: bob.jid, affiliation: 'outcast' });
    const others = Array.from({ length: 60 }, (_, i) => `m${String(i).padStart(2, '0')}-${room.split('@')[0]}@localhost`);
    for (let i = 0; i < others.length; i += 20) {
      await Promise.all(others.slice(i, i + 20).map((user) => server('server-set-affiliation', { room, user, affiliation: 'member' })));
    }
    const first = await alice.iq(last(room));
    expect(first.getAttribute('type'), new XMLSerializer().serializeToString(first)).to.equal('result');
    const items = [...first.querySelectorAll('activity')];
    expect(items.length).to.equal(50);
    expect(first.querySelector('set > count')?.textContent).to.equal('62');
    const me = items.find((i) => i.getAttribute('jid') === alice.jid) ?? null;
    const lastPage = await alice.iq(
      last(room, `<set xmlns="http://jabber.org/protocol/rsm"><max>50</max><after>${first.querySelector('set > last')?.textContent}</after></set>`),
    );
    const rest = [...lastPage.querySelectorAll('activity')];
    expect(rest.length).to.equal(12);
    const everyone = [...items, ...rest];
    expect(new Set(everyone.map((i) => i.getAttribute('jid'))).size, 'no one twice').to.equal(62);
    const mine = me ?? everyone.find((i) => i.getAttribute('jid') === alice.jid)!;
    expect(mine.getAttribute('role')).to.equal('admin');
    expect(Number(mine.getAttribute('last_active'))).to.be.closeTo(Date.now() / 1000, 120);
    const banned = everyone.find((i) => i.getAttribute('jid') === bob.jid)!;
    expect(banned.getAttribute('ban_status')).to.equal('banned');
    expect(everyone.find((i) => i.getAttribute('jid') === others[0])!.getAttribute('last_active')).to.equal('0');

    expect(conditionOf(await outsider.iq(last(room))).condition, 'a non-member').to.equal('forbidden');
    const hostile: [string, string][] = [
      ['<iq type="get" id="{id}"><query xmlns="ns:room:last"/></iq>', 'bad-request'],
      [last('not-a-room'), 'bad-request'],
      [last(`nosuch-${Date.now()}@conference.localhost`), 'item-not-found'],
      [last(room, '<set xmlns="http://jabber.org/protocol/rsm"><max>-1</max></set>'), 'bad-request'],
      [last(room, `<set xmlns="http://jabber.org/protocol/rsm"><max>${'9'.repeat(30)}</max></set>`), 'bad-request'],
      [`<iq type="get" id="{id}" to="${outsider.jid}"><query xmlns="ns:room:last" room="${room}"/></iq>`, 'forbidden'],
      [`<iq type="get" id="{id}" to="${outsider.jid}"><query xmlns="ns:getrooms"/></iq>`, 'forbidden'],
      ['<iq type="set" id="{id}"><query xmlns="ns:getrooms"/></iq>', 'bad-request'],
    ];
    for (const [xml, condition] of hostile) expect(conditionOf(await alice.iq(xml)).condition, xml.slice(0, 90)).to.equal(condition);
    expect(await server('server-status')).to.deep.equal({ up: true });
  });

  it('advertises the three namespaces in the server’s and the account’s disco#info', async () => {
    const alice = await freshClient('disco');
    all = [alice];
    for (const to of ['localhost', alice.jid]) {
      const info = await alice.iq(`<iq type="get" id="{id}" to="${to}"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`);
      const features = [...info.querySelectorAll('feature')].map((f) => f.getAttribute('var'));
      expect(features, to).to.include.members(['ns:getrooms', 'ns:getrooms:setprofile', 'ns:room:last']);
    }
  });
});
