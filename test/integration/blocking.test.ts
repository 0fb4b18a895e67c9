import { expect } from '@open-wc/testing';
import type { Agent, Stanzas } from 'stanza';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import { bodies, joined, menuAction, messageEl, mountChat, roomListView, roomView, type, typeOnly, typingLine } from './harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';
import { disconnect, rawClient } from '../support/raw-client.js';

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;

/** Messages of the open room collapsed as "from a blocked user". */
function hiddenMessages(chat: ChatElement): MessageElement[] {
  return [...(roomView(chat)?.querySelectorAll<MessageElement>('ethora-message') ?? [])].filter((m) => shadow(m)?.querySelector('ethora-blocked-line'));
}

/** Sends a 1:1 message and resolves with the error condition it bounced with, or 'delivered' when `to` got it. */
function directMessage(from: Agent, to: Agent, body: string): Promise<string> {
  const id = `dm-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve) => {
    const onError = (m: Stanzas.Message) => m.id === id && m.type === 'error' && done(m.error?.condition ?? 'error');
    const onMessage = (m: Stanzas.Message) => m.body === body && done('delivered');
    const done = (what: string) => {
      from.off('message', onError);
      to.off('message', onMessage);
      resolve(what);
    };
    from.on('message', onError);
    to.on('message', onMessage);
    from.sendMessage({ to: to.jid, type: 'chat', id, body });
  });
}

describe('integration: blocking users (XEP-0191)', function () {
  this.timeout(60000);

  it('hides a blocked user’s messages live and in history, for every session of the blocker; 1:1 refused; unblock shows them', async () => {
    const [a, b, c] = await Promise.all([newUser('blk-a'), newUser('blk-b'), newUser('blk-c')]);
    const room = await newRoom('Blocking');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    const alice2 = await mountChat({ jid: a.jid, password: a.password, rooms: room, nick: 'alice-two' });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    const carol = await mountChat({ jid: c.jid, password: c.password, rooms: room });
    await Promise.all([joined(alice, room), joined(alice2, room), joined(bob, room), joined(carol, room)]);

    type(bob, 'before the block');
    await until(() => messageEl(alice, 'before the block') && messageEl(alice2, 'before the block'), 'Bob’s message for both Alice sessions');
    await menuAction(alice, 'before the block', 'Block sender');
    await until(() => hiddenMessages(alice).length === 1 && !messageEl(alice, 'before the block'), 'the message collapsed');
    // The server pushed the block to Alice's other session.
    await until(() => hiddenMessages(alice2).length === 1, 'the block pushed to the second session');

    const told: string[] = [];
    alice.addEventListener('ethora-message-received', (e) => told.push(e.detail.message.body));
    type(bob, 'after the block');
    await until(() => messageEl(carol, 'after the block'), 'Carol to see Bob’s new message');
    expect(shadow(hiddenMessages(alice)[0])!.querySelector('ethora-blocked-line')!.shadowRoot!.textContent).to.contain('Hidden message from a blocked user');
    // Hidden is not unread, and the room list does not show the text either.
    expect(roomListView(alice)!.querySelector('[part=preview]')!.textContent).to.contain('Hidden message from a blocked user');
    type(carol, 'carol is not blocked');
    await until(() => told.length > 0, 'the page event for Carol’s message');
    expect(told, 'a page event for Carol’s message only').to.deep.equal(['carol is not blocked']);
    // Bob's new message came before Carol's and never reached Alice: the kit's server withholds a
    // blocked user's room messages from the blocker's sessions (server/modules/mod_ethora_block.erl).
    expect(hiddenMessages(alice).length).to.equal(1);
    expect(bodies(alice)).not.to.include('after the block');

    // Nor is their typing shown.
    typeOnly(bob, 'typing…');
    await until(() => typingLine(carol).includes('is typing'), 'Carol to see Bob typing');
    expect(typingLine(alice)).to.equal('');

    // Revealing one shows it, for this reader only.
    const line = shadow(hiddenMessages(alice)[0])!.querySelector('ethora-blocked-line')!;
    shadow(line)!.querySelector<HTMLButtonElement>('[part=reveal]')!.click();
    await until(() => messageEl(alice, 'before the block'), 'the revealed message');
    expect(bodies(carol)).to.include.members(['before the block', 'after the block']);

    // After a reload: the server leaves Bob's messages out of Alice's archive (mod_ethora_block).
    alice.parentElement!.remove();
    const reloaded = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(reloaded, room);
    await until(() => bodies(reloaded).includes('carol is not blocked'), 'history after reload');
    expect(bodies(reloaded).filter(Boolean)).to.deep.equal(['carol is not blocked']);
    expect(hiddenMessages(reloaded)).to.have.length(0);

    // 1:1: the server refuses Bob's direct messages to Alice while she blocks him.
    const [rawBob, rawAlice] = await Promise.all([rawClient(b.jid, b.password), rawClient(a.jid, a.password)]);
    try {
      expect(await directMessage(rawBob, rawAlice, 'psst while blocked')).to.be.oneOf(['service-unavailable', 'not-acceptable']);

      // Unblock from the settings view.
      roomListView(reloaded)!.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=settings-button]')!.click();
      const settings = await until(() => roomListView(reloaded)!.querySelector('ethora-settings'), 'the settings');
      const unblock = await until(() => shadow(settings)?.querySelector<HTMLButtonElement>(`[aria-label="Unblock ${b.jid}"]`), 'Bob in the blocked list');
      unblock.click();
      await until(() => messageEl(alice2, 'before the block') && hiddenMessages(alice2).length === 0, 'the unblock pushed to the other session');
      await until(() => shadow(settings)!.textContent.includes('No one is blocked'), 'the empty blocked list');
      // What the archive withheld while Bob was blocked comes back with the next history fetch.
      reloaded.parentElement!.remove();
      const again = await mountChat({ jid: a.jid, password: a.password, rooms: room });
      await joined(again, room);
      await until(() => messageEl(again, 'before the block') && messageEl(again, 'after the block'), 'Bob’s messages shown again');
      // The same direct message now arrives: the refusal was the block.
      expect(await directMessage(rawBob, rawAlice, 'psst after unblock')).to.equal('delivered');
    } finally {
      await Promise.all([disconnect(rawBob), disconnect(rawAlice)]);
    }
  });
});

describe('integration: blocking by address in the settings', function () {
  this.timeout(30000);

  it('refuses a malformed address in place, blocks a typed address, and the list follows', async () => {
    const [a, b] = await Promise.all([newUser('blkset-a'), newUser('blkset-b')]);
    const room = await newRoom('Settings block');
    const chat = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(chat, room);
    roomListView(chat)!.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=settings-button]')!.click();
    const settings = await until(() => roomListView(chat)!.querySelector('ethora-settings'), 'the settings');
    const form = await until(() => shadow(settings)?.querySelector<HTMLFormElement>('[part=block-form]'), 'the block form');
    const input = form.querySelector<HTMLInputElement>('input')!;
    input.value = 'not an address';
    form.requestSubmit();
    const alert = await until(() => shadow(settings)!.querySelector('[role=alert]'), 'the error');
    expect(alert.textContent).to.contain('name@server');
    expect(shadow(settings)!.querySelector('[part=blocked-user]')).to.equal(null);
    input.value = b.jid;
    form.requestSubmit();
    await until(() => shadow(settings)!.querySelector(`[aria-label="Unblock ${b.jid}"]`), 'Bob in the blocked list');
    expect(input.value).to.equal('');
    expect(shadow(settings)!.querySelector('[role=alert]')).to.equal(null);
  });
});
