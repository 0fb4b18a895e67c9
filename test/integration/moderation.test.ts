import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { alertText, bodies, joined, mountChat, online, renderedMessages, roomView, type, systemLines } from './harness.js';
import { createRoom, memberAction, memberRows, openSide, panelNotice } from './room-admin-harness.js';
import { newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

const joinState = (chat: ChatElement) => chat.shadowRoot?.querySelector('ethora-room')?.getAttribute('join-state');
const composerDisabled = (chat: ChatElement) => roomView(chat)?.querySelector('ethora-composer')?.hasAttribute('disabled');

/** Alice owns a new public room; Bob and Carol are in it. */
async function roomOfThree() {
  const [alice, bob, carol] = await Promise.all([newUser('mod'), newUser('bob'), newUser('carol')]);
  const a = await mountChat({ jid: alice.jid, password: alice.password, nick: 'alice' });
  await online(a);
  const room = await createRoom(a, 'public', `Moderated ${await server<string>('server-unique', { prefix: 'm' })}`);
  await joined(a, room);
  const b = await mountChat({ jid: bob.jid, password: bob.password, rooms: room, nick: 'bob' });
  const c = await mountChat({ jid: carol.jid, password: carol.password, rooms: room, nick: 'carol' });
  await Promise.all([joined(b, room), joined(c, room)]);
  return { alice, bob, carol, a, b, c, room };
}

describe('integration: members and moderation', () => {
  it('lists who is online with roles and affiliations, and members who are away', async () => {
    const { a, b, alice, bob } = await roomOfThree();
    await server('server-add-contacts', { a: alice.jid, b: bob.jid });
    const panel = await openSide(a, 'members');
    await until(() => memberRows(panel).length === 3, 'three members');
    const rows = memberRows(panel);
    expect(rows.map((r) => r.name)).to.have.members(['alice (you)', 'bob', 'carol']);
    expect(rows.find((r) => r.name === 'alice (you)')!.badges).to.include.members(['moderator', 'owner']);
    expect(rows.find((r) => r.name === 'bob')!.status).to.contain(bob.jid);

    await memberAction(panel, 'bob', 'Make member');
    await panelNotice(panel, /bob is now a member/);
    b.remove();
    // Away members are named by their address (the affiliation list has no nick); Alice is
    // Bob's contact, so the server tells her when he was last active (XEP-0012).
    await until(
      () => memberRows(panel).some((r) => r.name === bob.user && /^away, active .+ · /.test(r.status) && r.badges.includes('member')),
      'Bob listed as an away member, with his last activity',
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(memberRows(panel))}`);
    });

    const search = panel.querySelector<HTMLInputElement>('input[type=search]')!;
    search.value = 'car';
    search.dispatchEvent(new Event('input'));
    await until(() => memberRows(panel).length === 1, 'the filter');
    expect(memberRows(panel)[0].name).to.equal('carol');
  });

  it('a participant gets no moderation actions and the server refuses them anyway', async () => {
    const { c, room } = await roomOfThree();
    const panel = await openSide(c, 'members');
    const row = await until(
      () => [...panel.querySelectorAll<HTMLButtonElement>('[part=member]')].find((r) => r.querySelector('.who > span')?.textContent?.trim() === 'bob'),
      'Bob in the list',
    );
    row.click();
    const selected = await until(
      () => (panel.querySelector('.selected')?.textContent?.includes('cannot change anything') ? panel.querySelector('.selected') : undefined),
      'what Carol may do',
    );
    const actions = [...selected.querySelectorAll('button')].map((b) => b.textContent.trim());
    expect(
      actions.filter((label) => /Kick|Ban|Silence|admin|member/i.test(label)),
      'moderation actions offered to a participant',
    ).to.deep.equal([]);
    let refusal = '';
    await c
      .shadowRoot!.querySelector('ethora-room')!
      .session!.admin.kick(room, 'bob', 'no')
      .catch((e: Error) => (refusal = e.message));
    expect(refusal).to.match(/not allowed/i);
  });

  it('silences and gives voice: a silenced user is told and cannot post, then can again', async () => {
    const { a, b, room } = await roomOfThree();
    const panel = await openSide(a, 'members');
    await memberAction(panel, 'bob', 'Silence');
    await panelNotice(panel, /bob is silenced/);
    await until(() => roomView(b)?.querySelector('[part=no-voice]'), 'Bob told he has no voice');
    expect(composerDisabled(b)).to.equal(true);
    // Posting anyway (a stale page, another client) is refused by the room.
    b.shadowRoot!.querySelector('ethora-room')!.session!.send(room, 'can anyone hear me');
    await until(() => renderedMessages(b).find((m) => m.body === 'can anyone hear me')?.status === 'failed', 'the refused message');
    await memberAction(panel, 'bob', 'Give voice');
    await panelNotice(panel, /bob can speak again/);
    // Alice's notice follows her IQ's answer; Bob learns of his voice by presence, on his own connection.
    await until(() => composerDisabled(b) === false, 'Bob may post again');
    type(b, 'back on air');
    await until(() => bodies(a).includes('back on air'), 'Alice to read Bob again');
  });

  it('kicks with a reason the kicked user sees', async () => {
    const { a, b } = await roomOfThree();
    const panel = await openSide(a, 'members');
    await memberAction(panel, 'bob', 'Kick', 'cool down');
    await panelNotice(panel, /bob was removed/);
    await until(() => /removed from this room: cool down/.test(alertText(b)), 'Bob to see why');
    await until(() => systemLines(a).includes('bob was removed: cool down'), 'the system line');
  });

  it('bans (the user sees why, cannot rejoin or post), lists the banned, and unbans', async () => {
    const { a, c, carol, room } = await roomOfThree();
    const panel = await openSide(a, 'members');
    await memberAction(panel, 'carol', 'Ban', 'spam');
    await panelNotice(panel, /carol is banned/);
    await until(() => /banned from this room: spam/.test(alertText(c)), 'Carol to see why');
    expect(composerDisabled(c), 'no posting once banned').to.equal(true);
    await until(() => panel.querySelector('[aria-label="Banned users"]')?.textContent?.includes(carol.jid), 'the banned list');

    c.remove();
    const again = await mountChat({ jid: carol.jid, password: carol.password, rooms: room, nick: 'carol' });
    await online(again);
    await until(() => joinState(again) === 'error', 'the rejoin refused');
    expect(alertText(again)).to.match(/banned/i);
    again.remove();

    panel.querySelector<HTMLButtonElement>(`[aria-label="Unban ${carol.jid}"]`)!.click();
    await panelNotice(panel, /no longer banned/);
    const back = await mountChat({ jid: carol.jid, password: carol.password, rooms: room, nick: 'carol' });
    await joined(back, room);
    // ejabberd lets an unbanned user back in without voice: she is told, a moderator gives it.
    await until(() => roomView(back)?.querySelector('[part=no-voice]'), 'Carol told she has no voice');
    await memberAction(panel, 'carol', 'Give voice');
    await panelNotice(panel, /carol can speak again/);
    await until(() => !composerDisabled(back), 'Carol may post');
    type(back, 'thanks for unbanning');
    await until(() => bodies(a).includes('thanks for unbanning'), 'Alice to read Carol').catch((e: Error) => {
      const store = back.shadowRoot!.querySelector('ethora-room')!.session!.store;
      throw new Error(
        `${e.message}: ${JSON.stringify(store.room(room)!.timeline.messages.map((m) => [m.body, m.status, m.error]))} ${joinState(back)} ${JSON.stringify([...a.shadowRoot!.querySelector('ethora-room')!.session!.store.room(room)!.occupants.values()])}`,
      );
    });
  });

  it('owners grant and revoke admin; an admin may then moderate', async () => {
    const { a, b, room } = await roomOfThree();
    const panel = await openSide(a, 'members');
    await memberAction(panel, 'bob', 'Make admin');
    await panelNotice(panel, /bob is now an admin/);
    const bobPanel = await openSide(b, 'members');
    await memberAction(bobPanel, 'carol', 'Make member');
    await panelNotice(bobPanel, /carol is now a member/);
    await memberAction(panel, 'bob', 'Revoke admin');
    await panelNotice(panel, /no longer an admin/);
    let refusal = '';
    await b
      .shadowRoot!.querySelector('ethora-room')!
      .session!.admin.setAffiliation(room, 'someone@localhost', 'outcast')
      .catch((e: Error) => (refusal = e.message));
    expect(refusal).to.match(/not allowed/i);
  });

  it('keeps a large member list light (only the visible rows exist)', async () => {
    const { a, room } = await roomOfThree();
    const users = Array.from({ length: 300 }, (_, i) => `bulk${i}-${room.split('@')[0]}@localhost`);
    for (let i = 0; i < users.length; i += 50) {
      await Promise.all(users.slice(i, i + 50).map((user) => server('server-set-affiliation', { room, user, affiliation: 'member' })));
    }
    const panel = await openSide(a, 'members');
    await until(
      () =>
        panel
          .querySelector('[role=list]')
          ?.getAttribute('style')
          ?.includes(`${303 * 48}px`),
      'all 303 members counted',
    );
    const rendered = panel.querySelectorAll('[role=listitem]').length;
    expect(rendered).to.be.lessThan(40);
    const viewport = panel.querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 250 * 48;
    viewport.dispatchEvent(new Event('scroll'));
    await until(() => [...panel.querySelectorAll('[role=listitem]')].some((r) => r.getAttribute('aria-posinset') === '260'), 'rows further down');
    expect(panel.querySelectorAll('[role=listitem]').length).to.be.lessThan(40);
  });
});
