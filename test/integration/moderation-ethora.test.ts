/**
 * Ethora's bans in the members panel (dialect="ethora", the kit's mod_ethora_ban): offered to the
 * room's moderators where the server advertises ns:deepx:muc:user:ban, with a reason and a
 * duration; enforced by the server (the banned user's messages bounce, a rejoin is refused); the
 * banned list with Unban; the server's refusal shown in the panel; a participant is not offered it.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { alertText, bodies, joined, mountChat, online, roomView, type } from './harness.js';
import { button, createRoom, fill, memberAction, openSide, panelNotice } from './room-admin-harness.js';
import { newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

const dialect = 'ethora';
const joinState = (chat: ChatElement) => chat.shadowRoot?.querySelector('ethora-room')?.getAttribute('join-state');
const bannedList = (panel: ShadowRoot) => panel.querySelector('[aria-label="Banned users"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

/** Alice owns a new public room; Bob and Carol are in it; all in the Ethora dialect. */
async function roomOfThree() {
  const [alice, bob, carol] = await Promise.all([newUser('eb'), newUser('ebb'), newUser('ebc')]);
  const a = await mountChat({ jid: alice.jid, password: alice.password, nick: 'alice', dialect });
  await online(a);
  const room = await createRoom(a, 'public', `Ethora bans ${await server<string>('server-unique', { prefix: 'eb' })}`);
  await joined(a, room);
  const b = await mountChat({ jid: bob.jid, password: bob.password, rooms: room, nick: 'bob', dialect });
  const c = await mountChat({ jid: carol.jid, password: carol.password, rooms: room, nick: 'carol', dialect });
  await Promise.all([joined(b, room), joined(c, room)]);
  return { alice, bob, carol, a, b, c, room };
}

/** Opens the ban form for a member, fills it and submits it. */
async function banFrom(panel: ShadowRoot, name: string, reason: string, duration: string): Promise<Element> {
  await memberAction(panel, name, 'Ban…');
  const form = await until(() => panel.querySelector('.selected form.ban'), 'the ban form');
  fill(form, 'reason', reason);
  form.querySelector<HTMLSelectElement>('select[name=duration]')!.value = duration;
  (await until(() => button(form, 'Ban'), 'the Ban button')).click();
  return form;
}

describe('integration: Ethora bans in the members panel', () => {
  it('an owner bans with a reason and a duration: the member is removed at once and sees why, a rejoin is refused; listed, then unbanned', async () => {
    const { a, c, carol, room } = await roomOfThree();
    const panel = await openSide(a, 'members');
    await banFrom(panel, 'carol', 'spam <b>links</b>', '3600');
    await panelNotice(panel, /carol is banned/);
    // Out of the room at once (the kit kicks a banned occupant), told why, as text.
    await until(() => alertText(c).includes('removed from this room: spam <b>links</b>'), 'Carol to see why');
    expect(roomView(c)!.querySelector('[role=alert] b')).to.equal(null);
    await until(() => bannedList(panel).includes(carol.jid), 'the banned list');
    // The reason is text (not markup), with when the ban ends.
    expect(bannedList(panel))
      .to.contain('spam <b>links</b>')
      .and.match(/until /);
    expect(panel.querySelector('[aria-label="Banned users"] b')).to.equal(null);

    // The server refuses her rejoin.
    c.remove();
    const again = await mountChat({ jid: carol.jid, password: carol.password, rooms: room, nick: 'carol', dialect });
    await online(again);
    await until(() => joinState(again) === 'error', 'the rejoin refused');
    expect(roomView(again)?.querySelector('[role=alert]')?.textContent ?? '').to.match(/banned/i);
    again.remove();

    panel.querySelector<HTMLButtonElement>(`[aria-label="Unban ${carol.jid}"]`)!.click();
    await panelNotice(panel, /no longer banned/);
    await until(() => !bannedList(panel).includes(carol.jid), 'Carol off the banned list');
    const back = await mountChat({ jid: carol.jid, password: carol.password, rooms: room, nick: 'carol', dialect });
    await joined(back, room);
    type(back, 'thanks for unbanning');
    await until(() => bodies(a).includes('thanks for unbanning'), 'Alice reads Carol again');
  });

  it('shows the server’s refusal in the panel, and offers a participant neither the ban nor the list', async () => {
    const { a, c, carol, room } = await roomOfThree();
    // Carol is a participant: nothing to ban with, no banned list.
    const carolPanel = await openSide(c, 'members');
    const row = await until(
      () => [...carolPanel.querySelectorAll<HTMLButtonElement>('[part=member]')].find((r) => r.querySelector('.who > span')?.textContent?.trim() === 'bob'),
      'Bob in Carol’s list',
    );
    row.click();
    await until(() => carolPanel.querySelector('.selected')?.textContent?.includes('cannot change anything'), 'what Carol may do');
    expect([...carolPanel.querySelectorAll('.selected button')].map((b) => b.textContent.trim())).to.not.include('Ban…');
    expect(carolPanel.querySelector('[aria-label="Banned users"]')).to.equal(null);
    expect(carolPanel.textContent).to.not.match(/Banned \(/);

    // Alice's panel is stale: Carol, away now, became an owner meanwhile, and an owner cannot be banned.
    await server('server-set-affiliation', { room, user: carol.jid, affiliation: 'member' });
    c.remove();
    const panel = await openSide(a, 'members');
    await memberAction(panel, carol.user, 'Ban…');
    const form = await until(() => panel.querySelector('.selected form.ban'), 'the ban form');
    await server('server-set-affiliation', { room, user: carol.jid, affiliation: 'owner' });
    button(form, 'Ban')!.click();
    const alert = await until(() => panel.querySelector('[role=alert]')?.textContent, 'the refusal');
    expect(alert).to.match(/not allowed/i);
    expect(panel.querySelector('.selected form.ban'), 'the form stays where she acted').to.not.equal(null);
  });
});
