import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { joined, menuAction, messageEl, messageMenu, mountChat, online, roomView, type } from './harness.js';
import { createRoom, openPanel, openSide } from './room-admin-harness.js';
import { SERVICE, newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';

/** axe-core through @open-wc's chai plugin; shadow roots are audited too. */
async function audit(el: Element): Promise<void> {
  await expect(el).to.be.accessible();
}

describe('integration: accessibility audit (axe-core)', function () {
  this.timeout(40000);

  it('the sign-in form', async () => {
    const chat = await fixture<ChatElement>(html`<ethora-chat style="height:400px" service=${SERVICE}></ethora-chat>`);
    await until(() => chat.shadowRoot!.querySelector('ethora-login'), 'the form');
    await audit(chat);
  });

  it('the room list, a room with messages, reactions, a reply, the open menu, and the floating launcher', async () => {
    const [a, b] = await Promise.all([newUser('ax-a'), newUser('ax-b')]);
    const [room, other] = await Promise.all([newRoom('Audit'), newRoom('Other')]);
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: `${room} ${other}` });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(bob, 'hello https://example.com');
    await until(() => messageEl(alice, 'hello https://example.com')?.getAttribute('status') === 'sent', 'the message');
    await menuAction(alice, 'hello https://example.com', '👍');
    await menuAction(alice, 'hello https://example.com', 'Reply');
    type(alice, 'answer');
    await until(() => messageEl(bob, 'answer'), 'the reply');
    // Alice's own copy gets its menu once her echo confirms it.
    const menu = await messageMenu(alice, 'answer');
    await audit(alice);
    menu.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await menu.updateComplete;
    await audit(roomView(alice)!.host);

    const floating = await fixture<ChatElement>(
      html`<ethora-chat view="floating" service=${SERVICE} jid=${a.jid} password=${a.password} rooms=${room}></ethora-chat>`,
    );
    await audit(floating);
    floating.remove();
  });

  it('a hidden message from a blocked user, the settings with a blocked user, the room actions menu and the room search', async () => {
    const [a, b] = await Promise.all([newUser('ax-blk-a'), newUser('ax-blk-b')]);
    const room = await newRoom('Audit social');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(bob, 'block me');
    await until(() => messageEl(alice, 'block me')?.getAttribute('status') === 'sent', 'the message');
    await menuAction(alice, 'block me', 'Block sender');
    await until(() => roomView(alice)!.querySelector('ethora-message[blocked]'), 'the hidden message');
    const list = alice.shadowRoot!.querySelector('ethora-room-list')!.shadowRoot!;
    list.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=settings-button]')!.click();
    const settings = await until(() => list.querySelector('ethora-settings'), 'the settings');
    await until(() => settings.shadowRoot?.querySelector('[part=unblock]'), 'the blocked user');
    const actions = roomView(alice)!.querySelector('ethora-room-actions')!;
    actions.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
    await until(() => actions.shadowRoot!.querySelector('[part=menu]'), 'the room actions menu');
    await audit(alice);
  });

  it('the room panels: new room, find rooms, members with actions and the banned list, settings, an invitation', async () => {
    const [a, b] = await Promise.all([newUser('ax-owner'), newUser('ax-guest')]);
    const alice = await mountChat({ jid: a.jid, password: a.password, nick: 'alice' });
    const bob = await mountChat({ jid: b.jid, password: b.password, nick: 'bob' });
    await Promise.all([online(alice), online(bob)]);
    const toggle = (part: string) => alice.shadowRoot!.querySelector<HTMLButtonElement>(`[part=${part}]`)!.click();
    await openPanel(alice, 'New room');
    await audit(alice);
    toggle('new-room-button');
    const room = await createRoom(alice, 'group', `Audit ${Date.now()}`);
    await joined(alice, room);
    const browser = await openPanel(alice, 'Find rooms');
    await until(() => browser.querySelector('ul, .empty:not(:empty)'), 'the directory');
    await audit(alice);
    toggle('find-rooms-button');

    const members = await openSide(alice, 'members');
    members.querySelector<HTMLInputElement>('[name=jid]')!.value = b.jid;
    members.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await until(() => bob.shadowRoot!.querySelector('ethora-invitations')?.shadowRoot?.querySelector('li'), 'the invitation');
    await audit(bob);
    // Selecting a row shows its actions (none on oneself); the banned list is there for the owner.
    members.querySelector<HTMLButtonElement>('[part=member]')!.click();
    await until(
      () => members.querySelector('.selected') && members.querySelector('[aria-label="Banned users"], .body .empty'),
      'the actions and the banned section',
    );
    await audit(roomView(alice)!.host);
    const settings = await openSide(alice, 'settings');
    await until(() => settings.querySelector('form'), 'the settings form');
    await audit(roomView(alice)!.host);
  });
});
