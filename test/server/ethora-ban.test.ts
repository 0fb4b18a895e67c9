/**
 * server/modules/mod_ethora_ban.erl through the kit's server: Ethora's ns:deepx:muc:user:ban IQ
 * (no `to`), enforced by the server (messages bounce "You are banned in this room!", joins and
 * MucSub subscriptions are refused), timed bans that expire by themselves, hostile requests.
 */
import { expect } from '@open-wc/testing';
import { newRoom, server } from '../support/kit.js';
import { type Raw, conditionOf, connect, errorFor, freshClient, join, say, xmlAttr } from '../support/raw-client.js';

const NS = 'ns:deepx:muc:user:ban';
const banIq = (attrs: string) => `<iq type="set" id="{id}"><query xmlns="${NS}" ${attrs}/></iq>`;
const status = (answer: Element) => answer.querySelector('query')?.firstElementChild?.getAttribute('status');

async function setup(): Promise<{ room: string; owner: Raw; bob: Raw; carol: Raw }> {
  const room = await newRoom('Ban');
  const [owner, bob, carol] = await Promise.all([freshClient('bo'), freshClient('bb'), freshClient('bc')]);
  await server('server-set-affiliation', { room, user: owner.jid, affiliation: 'owner' });
  for (const c of [owner, bob, carol]) await join(c, room);
  return { room, owner, bob, carol };
}

describe('server module: ban (ns:deepx:muc:user:ban)', () => {
  let all: Raw[] = [];
  afterEach(() => {
    for (const c of all) c.close();
    all = [];
  });

  it('a room owner bans a user: kicked at once, messages bounce, joins and subscriptions are refused, unban lifts it', async () => {
    const { room, owner, bob, carol } = await setup();
    all = [owner, bob, carol];
    const kicked = bob.next(
      (el) => el.localName === 'presence' && el.getAttribute('type') === 'unavailable' && el.getAttribute('from') === `${room}/${bob.user}`,
      'Bob out of the room',
    );
    const ok = await owner.iq(banIq(`action="ban" user="${bob.jid}" type="room" room="${room}" comment="spam"`));
    expect(status(ok), new XMLSerializer().serializeToString(ok)).to.equal('success');
    const out = await kicked;
    expect(out.querySelector('status[code="307"]'), 'kicked (XEP-0045)').to.not.equal(null);
    expect(out.querySelector('item reason')?.textContent).to.equal('spam');
    bob.send(`<message type="groupchat" to="${xmlAttr(room)}" id="bob-1"><body>still here?</body></message>`);
    const err = await errorFor(bob, 'bob-1');
    // No longer an occupant: the room refuses what he sends.
    expect(err.condition, JSON.stringify(err)).to.equal('not-acceptable');
    const again = await connect(bob.jid, bob.password, bob.user);
    all.push(again);
    const refused = again.next((el) => el.localName === 'presence' && el.getAttribute('type') === 'error', 'the refused join');
    again.send(`<presence to="${xmlAttr(`${room}/bob2`)}"><x xmlns="http://jabber.org/protocol/muc"/></presence>`);
    expect(conditionOf(await refused).condition).to.equal('forbidden');
    const sub = await again.iq(
      `<iq type="set" id="{id}" to="${xmlAttr(room)}"><subscribe xmlns="urn:xmpp:mucsub:0" nick="bob3"><event node="urn:xmpp:mucsub:nodes:messages"/></subscribe></iq>`,
    );
    expect(conditionOf(sub).condition).to.equal('forbidden');
    expect((await say(carol, room, '<body>others talk</body>')).stanzaId).to.match(/^\d+$/);
    const list = await owner.iq(banIq(`action="get_list" type="room" room="${room}"`));
    expect([...list.querySelectorAll('ban')].map((b) => [b.getAttribute('user'), b.getAttribute('comment'), b.getAttribute('expires')])).to.deep.equal([
      [bob.jid, 'spam', '0'],
    ]);
    expect(status(await owner.iq(banIq(`action="unban" user="${bob.jid}" type="room" room="${room}"`)))).to.equal('success');
    await join(bob, room);
    expect((await say(bob, room, '<body>back</body>')).stanzaId).to.match(/^\d+$/);
  });

  it('only a server administrator bans from all rooms; it holds in every room and lifts everywhere', async () => {
    const { room, owner, bob, carol } = await setup();
    all = [owner, bob, carol];
    const second = await newRoom('Ban 2');
    await join(bob, second);
    // A room owner may not (the access rule ethora_ban_all: server admins only).
    expect(conditionOf(await owner.iq(banIq(`action="ban" user="${bob.jid}" type="all" comment="everywhere"`))).condition).to.equal('forbidden');
    expect(conditionOf(await owner.iq(banIq('action="get_list" type="all"'))).condition).to.equal('forbidden');
    // The kit's admin account (the one server admin of the kit's config), from its own account: the
    // IQ is routed into the server as if its session had sent it (its password stays in the state folder).
    const asAdmin = async (attrs: string) => {
      const stanza = `<iq type="set" id="adm-${Date.now()}" xmlns="jabber:client"><query xmlns="${NS}" ${attrs}/></iq>`;
      const r = await server<{ status: number; text: string }>('server-api-as', {
        command: 'send_stanza',
        body: { from: 'kit-admin@localhost/tests', to: 'kit-admin@localhost', stanza },
      });
      expect(r.status, r.text).to.equal(200);
    };
    await asAdmin(`action="ban" user="${bob.jid}" type="all" comment="everywhere"`);
    for (const [r, id] of [
      [room, 'all-1'],
      [second, 'all-2'],
    ]) {
      bob.send(`<message type="groupchat" to="${xmlAttr(r)}" id="${id}"><body>anywhere?</body></message>`);
      expect(await errorFor(bob, id), r).to.deep.equal({ condition: 'forbidden', text: 'You are banned in this room!' });
    }
    const third = await newRoom('Ban 3');
    const refused = bob.next(
      (el) => el.localName === 'presence' && el.getAttribute('type') === 'error' && el.getAttribute('from')?.startsWith(third) === true,
      'the join refused',
    );
    bob.send(`<presence to="${xmlAttr(`${third}/${bob.user}`)}"><x xmlns="http://jabber.org/protocol/muc"/></presence>`);
    expect(conditionOf(await refused).condition).to.equal('forbidden');
    // A room's owner cannot lift a server-wide ban (an unban of the room scope removes only that).
    expect(status(await owner.iq(banIq(`action="unban" user="${bob.jid}" type="room" room="${room}"`)))).to.equal('success');
    bob.send(`<message type="groupchat" to="${xmlAttr(room)}" id="all-3"><body>now?</body></message>`);
    expect((await errorFor(bob, 'all-3')).condition).to.equal('forbidden');
    expect((await say(carol, room, '<body>others talk</body>')).stanzaId).to.match(/^\d+$/);
    await asAdmin(`action="unban" user="${bob.jid}" type="all"`);
    expect((await say(bob, second, '<body>back everywhere</body>')).stanzaId).to.match(/^\d+$/);
  });

  it('a timed ban expires by itself', async () => {
    const { room, owner, bob, carol } = await setup();
    all = [owner, bob, carol];
    expect(status(await owner.iq(banIq(`action="ban" user="${bob.jid}" type="room" room="${room}" time="2"`)))).to.equal('success');
    const refused = bob.next((el) => el.localName === 'presence' && el.getAttribute('type') === 'error', 'the refused rejoin');
    bob.send(`<presence to="${xmlAttr(`${room}/${bob.user}`)}"><x xmlns="http://jabber.org/protocol/muc"/></presence>`);
    expect(conditionOf(await refused).condition).to.equal('forbidden');
    await new Promise((r) => setTimeout(r, 3000));
    await join(bob, room);
    expect((await say(bob, room, '<body>after the ban</body>')).stanzaId).to.match(/^\d+$/);
  });

  it('refuses bans by non-moderators and hostile requests with an error; the node stays up', async () => {
    const { room, owner, bob, carol } = await setup();
    all = [owner, bob, carol];
    expect(conditionOf(await carol.iq(banIq(`action="ban" user="${bob.jid}" type="room" room="${room}"`))).condition, 'a member').to.equal('forbidden');
    expect(conditionOf(await carol.iq(banIq(`action="ban" user="${bob.jid}" type="all"`))).condition, 'all rooms').to.equal('forbidden');
    expect(conditionOf(await carol.iq(banIq(`action="get_list" type="room" room="${room}"`))).condition, 'a member’s list').to.equal('forbidden');
    const cases: [string, string][] = [
      [`action="ban" type="room" room="${room}"`, 'bad-request'],
      [`action="ban" user="not a jid@@" type="room" room="${room}"`, 'bad-request'],
      [`action="ban" user="${bob.jid}/res" type="room" room="${room}"`, 'bad-request'],
      [`action="nuke" user="${bob.jid}" type="room" room="${room}"`, 'bad-request'],
      [`action="ban" user="${bob.jid}" type="galaxy" room="${room}"`, 'bad-request'],
      [`action="ban" user="${bob.jid}" type="room"`, 'bad-request'],
      [`action="ban" user="${bob.jid}" type="room" room="nosuch-${Date.now()}@conference.localhost"`, 'bad-request'],
      [`action="ban" user="${bob.jid}" type="room" room="${room}" time="-1"`, 'bad-request'],
      [`action="ban" user="${bob.jid}" type="room" room="${room}" time="${'9'.repeat(40)}"`, 'bad-request'],
      [`action="ban" user="${bob.jid}" type="room" room="${room}" time="soon"`, 'bad-request'],
      [`action="ban" user="${bob.jid}" type="room" room="${room}" comment="${'c'.repeat(2000)}"`, 'bad-request'],
      [`action="ban" user="${owner.jid}" type="room" room="${room}"`, 'not-allowed'],
    ];
    for (const [attrs, condition] of cases) expect(conditionOf(await owner.iq(banIq(attrs))).condition, attrs.slice(0, 90)).to.equal(condition);
    expect(
      conditionOf(
        await owner.iq(`<iq type="set" id="{id}" to="${bob.jid}"><query xmlns="${NS}" action="ban" user="${carol.jid}" type="room" room="${room}"/></iq>`),
      ).condition,
    ).to.equal('forbidden');
    expect(conditionOf(await owner.iq(`<iq type="get" id="{id}"><query xmlns="${NS}" action="get_list" type="room" room="${room}"/></iq>`)).condition).to.equal(
      'bad-request',
    );
    // Nothing above banned anyone.
    expect((await say(bob, room, '<body>not banned</body>')).stanzaId).to.match(/^\d+$/);
    expect(await server('server-status')).to.deep.equal({ up: true });
  });
});
