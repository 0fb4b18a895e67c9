import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { alertText, bodies, joined, mountChat, online, roomNames, roomView, type } from './harness.js';
import { newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';
import { click, createRoom, fill, openPanel, openSide } from './room-admin-harness.js';

const joinState = (chat: ChatElement) => chat.shadowRoot?.querySelector('ethora-room')?.getAttribute('join-state');
const invitations = (chat: ChatElement) => chat.shadowRoot?.querySelector('ethora-invitations')?.shadowRoot ?? undefined;
const unique = (prefix: string) => server<string>('server-unique', { prefix });

describe('integration: creating and finding rooms', function () {
  // Two or three users sign in one after another, create rooms and invite.
  this.timeout(60000);
  it('creates a public room that another user finds by name, joins and keeps after a reload', async () => {
    const [alice, bob] = await Promise.all([newUser('owner'), newUser('finder')]);
    const title = `Plaza ${await unique('p')}`;
    const a = await mountChat({ jid: alice.jid, password: alice.password });
    await online(a);
    const room = await createRoom(a, 'public', title, 'Open to all');
    await joined(a, room);
    await until(() => roomView(a)!.querySelector('[part=title]')!.textContent === title, 'the room’s name in the header');
    expect(roomView(a)!.querySelector('[part=settings-button]'), 'the owner may configure').to.exist;

    const b = await mountChat({ jid: bob.jid, password: bob.password });
    await online(b);
    const browser = await openPanel(b, 'Find rooms');
    await until(() => browser.querySelector('ul'), 'the directory');
    const filter = browser.querySelector<HTMLInputElement>('input[type=search]')!;
    filter.value = title.toLowerCase();
    filter.dispatchEvent(new Event('input'));
    await until(() => browser.querySelectorAll('li').length === 1, 'one matching room');
    await click(() => browser, `Join ${title}`);
    await joined(b, room);
    type(b, 'found you');
    await until(() => bodies(a).includes('found you'), 'Alice to see the message');

    // Joining keeps the room in Bob's list: a MucSub subscription on ejabberd, a bookmark with
    // autojoin on Prosody (no MucSub there).
    b.remove();
    const again = await mountChat({ jid: bob.jid, password: bob.password });
    await until(() => roomNames(again).includes(title), 'the room listed after a reload (subscribed or bookmarked)');
  });

  it('refuses a second room with the same name, where the user acted', async () => {
    const [alice, bob] = await Promise.all([newUser('first'), newUser('second')]);
    const title = `Taken ${await unique('t')}`;
    const a = await mountChat({ jid: alice.jid, password: alice.password });
    await online(a);
    await createRoom(a, 'public', title);
    const b = await mountChat({ jid: bob.jid, password: bob.password });
    await online(b);
    const panel = await openPanel(b, 'New room');
    fill(panel, 'name', title);
    panel.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const error = await until(() => panel.querySelector('[role=alert]')?.textContent, 'the conflict error');
    expect(error).to.match(/already exists/);
    expect(b.shadowRoot!.querySelector('ethora-new-room'), 'the form stays open with what was typed').to.exist;
  });

  it('a members-only group refuses outsiders; an invited user sees the invitation and joins; declining removes the invitation', async () => {
    const [alice, bob, carol] = await Promise.all([newUser('lead'), newUser('guest'), newUser('outsider')]);
    const a = await mountChat({ jid: alice.jid, password: alice.password });
    await online(a);
    const room = await createRoom(a, 'group', `Team ${await unique('g')}`);
    await joined(a, room);

    const c = await mountChat({ jid: carol.jid, password: carol.password });
    await online(c);
    c.openRoom(room);
    await until(() => joinState(c) === 'error', 'the outsider refused');
    expect(alertText(c)).to.match(/members-only/i);

    const b = await mountChat({ jid: bob.jid, password: bob.password });
    await online(b);
    const members = await openSide(a, 'members');
    fill(members, 'jid', bob.jid);
    members.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await until(() => /Invitation sent/.test(members.querySelector('[role=status]')?.textContent ?? ''), 'the invitation sent');
    await until(() => /invited you to/.test(invitations(b)?.textContent ?? ''), 'Bob to see the invitation');
    expect(invitations(b)!.textContent).to.contain(alice.user);
    await click(() => invitations(b), 'Join');
    await joined(b, room);
    type(b, 'thanks for the invite');
    await until(() => bodies(a).includes('thanks for the invite'), 'Alice to read Bob');

    fill(members, 'jid', carol.jid);
    members.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await until(() => /invited you to/.test(invitations(c)?.textContent ?? ''), 'Carol to see the invitation');
    await click(() => invitations(c), 'Decline');
    await until(() => !invitations(c)?.querySelector('li'), 'the invitation gone');
    // The decline goes to the room (XEP-0045); ejabberd refuses to relay it from a
    // non-occupant, so Alice is not told (README: limits). Carol's widget stays healthy.
    expect(joinState(c)).to.equal('error');
  });

  it('an admin who is not the owner invites into a members-only group, and the invitee gets in', async () => {
    const [alice, bob, dave] = await Promise.all([newUser('boss'), newUser('deputy'), newUser('newcomer')]);
    const a = await mountChat({ jid: alice.jid, password: alice.password });
    const b = await mountChat({ jid: bob.jid, password: bob.password });
    const d = await mountChat({ jid: dave.jid, password: dave.password });
    await Promise.all([online(a), online(b), online(d)]);
    const room = await createRoom(a, 'group', `Crew ${await unique('c')}`);
    await joined(a, room);
    const admin = a.shadowRoot!.querySelector('ethora-room')!.session!.admin;
    await admin.setAffiliation(room, bob.jid, 'admin');
    b.openRoom(room);
    await joined(b, room);

    // An admin may not read the room's configuration form: members-only comes from disco#info.
    const members = await openSide(b, 'members');
    fill(members, 'jid', dave.jid);
    members.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await until(() => /invited you to/.test(invitations(d)?.textContent ?? ''), 'Dave to see the invitation');
    await click(() => invitations(d), 'Join');
    await joined(d, room);
    type(d, 'glad to be here');
    await until(() => bodies(a).includes('glad to be here'), 'Alice to read Dave');
  });

  it('a private chat is one room whoever of the two starts it', async () => {
    const [alice, bob] = await Promise.all([newUser('pa'), newUser('pb')]);
    const a = await mountChat({ jid: alice.jid, password: alice.password });
    const b = await mountChat({ jid: bob.jid, password: bob.password });
    await Promise.all([online(a), online(b)]);
    const fromAlice = await createRoom(a, 'private', bob.jid);
    await joined(a, fromAlice);
    const fromBob = await createRoom(b, 'private', alice.jid);
    expect(fromBob).to.equal(fromAlice);
    await joined(b, fromBob);
    type(a, 'just us');
    await until(() => bodies(b).includes('just us'), 'Bob to read Alice');
    const dave = await newUser('pd');
    const d = await mountChat({ jid: dave.jid, password: dave.password });
    await online(d);
    d.openRoom(fromAlice);
    await until(() => joinState(d) === 'error', 'a third person refused');
  });

  it('owners change the settings (others see the new name) and delete the room after a confirmation', async () => {
    const [alice, bob] = await Promise.all([newUser('cfg'), newUser('occ')]);
    const a = await mountChat({ jid: alice.jid, password: alice.password });
    await online(a);
    const room = await createRoom(a, 'public', `Before ${await unique('s')}`);
    const b = await mountChat({ jid: bob.jid, password: bob.password, rooms: room });
    await joined(b, room);
    expect(roomView(b)!.querySelector('[part=settings-button]'), 'no settings for a participant').to.not.exist;

    const settings = await openSide(a, 'settings');
    await until(() => settings.querySelector('form'), 'the settings form');
    expect(settings.querySelector<HTMLInputElement>('[name=public]')!.checked).to.equal(true);
    const renamed = `After ${await unique('s')}`;
    fill(settings, 'name', renamed);
    fill(settings, 'description', 'Renamed by its owner');
    settings.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await until(() => /Saved/.test(settings.querySelector('[role=status]')?.textContent ?? ''), 'saved');
    await until(() => roomView(b)!.querySelector('[part=title]')!.textContent === renamed, 'Bob to see the new name');

    await click(() => settings, 'Delete room…');
    await click(() => settings, 'Delete for everyone');
    await until(() => /deleted/.test(alertText(b)), 'Bob to learn the room was deleted');
  });
});
