import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Agent, Stanzas } from 'stanza';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import {
  bodies,
  joined,
  menuAction,
  messageEl,
  mountChat,
  online,
  openRoom,
  roomAction,
  roomActions,
  roomNames,
  roomView,
  sessionOf,
  type,
  typeOnly,
  typingLine,
  systemLines,
} from './harness.js';
import { PROXY, fault, newRoom, newUser, server } from '../support/kit.js';
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

/** Opens the room actions menu in the open room and returns its items. */
function listShadow(chat: ChatElement) {
  return shadow(shadow(chat)?.querySelector('ethora-room-list'));
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
    expect(listShadow(alice)!.querySelector('[part=preview]')!.textContent).to.contain('Hidden message from a blocked user');
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
      listShadow(reloaded)!.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=settings-button]')!.click();
      const settings = await until(() => listShadow(reloaded)!.querySelector('ethora-settings'), 'the settings');
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
    listShadow(chat)!.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=settings-button]')!.click();
    const settings = await until(() => listShadow(chat)!.querySelector('ethora-settings'), 'the settings');
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

describe('integration: subscribing to and leaving rooms', function () {
  this.timeout(60000);

  it('unsubscribe drops the room after a reload, subscribe brings it back, leave removes it and others see it; pinned rooms cannot be left', async () => {
    const [a, b] = await Promise.all([newUser('sub-a'), newUser('sub-b')]);
    const [pinned, room] = await Promise.all([newRoom('Pinned room'), newRoom('Subscribed room')]);
    await server('server-subscribe', { user: a.jid, nick: a.user, room });
    let alice = await mountChat({ jid: a.jid, password: a.password, rooms: pinned });
    await joined(alice, pinned);
    expect(await roomAction(alice, 'Notify me while away')).to.have.attribute('aria-pressed', 'false');
    expect((await roomActions(alice)).map((i) => i.textContent.trim())).not.to.include('Leave room…');

    await openRoom(alice, 'Subscribed room');
    await joined(alice, room);
    const notify = await roomAction(alice, 'Notify me while away');
    expect(notify).to.have.attribute('aria-pressed', 'true');
    notify.click();
    await until(() => notify.getAttribute('aria-pressed') === 'false', 'unsubscribed');

    // A reload opens the room that was open (the device's cache keeps it) once the lists confirm it.
    const reload = async () => {
      alice.parentElement!.remove();
      alice = await mountChat({ jid: a.jid, password: a.password, rooms: pinned });
      await online(alice);
      await until(() => sessionOf(alice).store.room(pinned)?.join === 'joined', 'the pinned room joined');
    };
    // The lists are asked for once the open room's first page is shown: the cached room goes then.
    await reload();
    await until(() => roomNames(alice).join() === 'Pinned room', 'the unsubscribed room gone after a reload');

    alice.openRoom(room);
    await joined(alice, room);
    const again = await roomAction(alice, 'Notify me while away');
    again.click();
    await until(() => again.getAttribute('aria-pressed') === 'true', 'subscribed again');
    await reload();
    await until(() => roomNames(alice).includes('Subscribed room'), 'the room listed again after a reload');

    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await joined(bob, room);
    await openRoom(alice, 'Subscribed room');
    await joined(alice, room);
    (await roomAction(alice, 'Leave room…')).click();
    (await roomAction(alice, /^Yes, leave/)).click();
    await until(() => !roomNames(alice).includes('Subscribed room'), 'the room gone from the list');
    await until(() => systemLines(bob).includes(`${a.user} left`), 'Bob to see Alice leave');
    await reload();
    await until(() => roomNames(alice).join() === 'Pinned room', 'the left room gone after a reload');
  });
});

describe('integration: room actions refused, and by keyboard', function () {
  this.timeout(40000);
  afterEach(() => fault('heal'));

  it('offers no MucSub where the room has none; shows a refused action in the menu, changing nothing; Escape closes and gives focus back', async () => {
    const u = await newUser('refused');
    const name = await server<string>('server-unique', { prefix: 'nosub' });
    const room = await server<string>('server-create-room', { name, title: 'No subscriptions', options: { allow_subscription: false } });
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room, service: PROXY, maxReconnectAttempts: 0 });
    await joined(chat, room);
    await until(() => sessionOf(chat).store.room(room)?.mucsub === false, 'the room to say it has no MucSub');
    // Offline, every action is refused by the session itself: a refusal the user did not expect.
    await fault('cut');
    await until(() => sessionOf(chat).store.connection.status !== 'online', 'offline');
    const actions = roomView(chat)!.querySelector('ethora-room-actions')!;
    const button = shadow(actions)!.querySelector<HTMLButtonElement>('[part=button]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => shadow(actions)!.activeElement?.textContent?.trim() === 'Mute', 'focus on the first action, Mute: no "Notify me while away"');
    expect([...shadow(actions)!.querySelectorAll('.item')].map((i) => i.textContent.trim())).to.deep.equal(['Mute']);
    await sendKeys({ press: 'Enter' });
    const alert = await until(() => shadow(actions)!.querySelector('[part=menu] [role=alert]'), 'the refusal');
    expect(alert.textContent).to.match(/^Could not mute: You are offline/);
    expect(shadow(actions)!.querySelector('[aria-pressed]')).to.have.attribute('aria-pressed', 'false');
    expect(roomNames(chat)).to.deep.equal(['No subscriptions']);
    await sendKeys({ press: 'Escape' });
    await until(() => !shadow(actions)!.querySelector('[part=menu]'), 'the menu closed');
    expect(shadow(actions)!.activeElement).to.equal(button);
    // The refusal belonged to the menu: it left with it, nothing stays pinned over the room.
    await actions.updateComplete;
    expect(shadow(actions)!.querySelector('[part=error]')).to.equal(null);
  });
});

describe('integration: room list order, search and mute', function () {
  this.timeout(60000);

  it('moves a room with a new message to the top, filters by name, and leaves muted rooms out of the total (on every device)', async () => {
    const [a, b] = await Promise.all([newUser('lst-a'), newUser('lst-b')]);
    const [one, two, three] = await Promise.all([newRoom('Room one'), newRoom('Room two'), newRoom('Room three')]);
    for (const room of [one, two, three]) await server('server-subscribe', { user: a.jid, nick: a.user, room });
    await server('server-send-messages', { room: one, user: b.jid, count: 1 });
    let alice = await mountChat({ jid: a.jid, password: a.password });
    await online(alice);
    await until(() => roomNames(alice).length === 3 && roomNames(alice)[0] === 'Room one', 'the rooms, the one with a message first');
    await openRoom(alice, 'Room one');
    await joined(alice, one);

    await server('server-send-messages', { room: two, user: b.jid, count: 1 });
    await until(() => roomNames(alice)[0] === 'Room two', 'Room two moved to the top');
    await server('server-send-messages', { room: three, user: b.jid, count: 2 });
    await until(() => roomNames(alice)[0] === 'Room three', 'Room three moved to the top');
    expect(roomNames(alice)).to.deep.equal(['Room three', 'Room two', 'Room one']);
    await until(() => alice.state.totalUnread === 3, 'three unread');

    const search = listShadow(alice)!.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLInputElement>('[part=search]')!;
    search.value = 'TWO';
    search.dispatchEvent(new Event('input'));
    await until(() => roomNames(alice).join() === 'Room two', 'only Room two');
    search.value = 'nothing like it';
    search.dispatchEvent(new Event('input'));
    await until(() => listShadow(alice)!.textContent.includes('No room matches your search'), 'no match');
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await until(() => roomNames(alice).length === 3, 'all rooms again');

    await openRoom(alice, 'Room three');
    await joined(alice, three);
    const mute = await roomAction(alice, 'Mute');
    mute.click();
    await until(() => mute.getAttribute('aria-pressed') === 'true', 'muted');
    await openRoom(alice, 'Room one');
    await server('server-send-messages', { room: three, user: b.jid, count: 3 });
    await server('server-send-messages', { room: two, user: b.jid, count: 1 });
    await until(() => alice.state.rooms.find((r) => r.jid === three)?.unread === 3, 'unread in the muted room');
    await until(() => alice.state.rooms.find((r) => r.jid === two)?.unread === 2, 'unread in Room two');
    expect(alice.state.totalUnread).to.equal(2);
    expect(listShadow(alice)!.querySelector('[part=muted]')).to.exist;

    // Stored in private XML storage: another session (device) knows it. (disconnect() resolves
    // once the read marks not yet stored are stored.)
    await alice.disconnect();
    alice.parentElement!.remove();
    alice = await mountChat({ jid: a.jid, password: a.password });
    await online(alice);
    await until(() => listShadow(alice)?.querySelector('[part=muted]'), 'the muted room after a reload');
    await until(() => alice.state.rooms.find((r) => r.jid === three)?.unread === 3, 'unread of the muted room counted');
    // (Room two was never opened, so it has no read mark to count unread messages from.)
    expect(alice.state.totalUnread).to.equal(alice.state.rooms.find((r) => r.jid === two)!.unread + alice.state.rooms.find((r) => r.jid === one)!.unread);
  });
});

describe('integration: Ethora dialect against the kit’s Ethora modules', function () {
  this.timeout(40000);

  it('lists the rooms and the members through ns:getrooms / ns:room:last (server/modules/mod_ethora_rooms.erl)', async () => {
    const [a, b] = await Promise.all([newUser('eth-a'), newUser('eth-b')]);
    const room = await newRoom('Ethora fallback');
    await server('server-subscribe', { user: a.jid, nick: a.user, room });
    const alice = await mountChat({ jid: a.jid, password: a.password, dialect: 'ethora' });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await until(() => roomNames(alice).includes('Ethora fallback'), 'the subscribed room listed');
    await joined(alice, room);
    await joined(bob, room);
    const session = sessionOf(alice);
    await until(() => session.store.room(room)!.occupants.size === 2, 'both occupants');
    const { source, members } = await session.roomMembers(room);
    // The kit answers ns:room:last now (before its modules, this test saw the fallback to occupants).
    expect(source).to.equal('ethora');
    expect(members.map((m) => m.name).sort()).to.deep.equal([a.user, b.user].sort());
    // The room is non-anonymous (server default): occupants come with their real JIDs.
    expect(members.map((m) => m.jid).sort()).to.deep.equal([a.jid, b.jid].sort());
  });
});

describe('integration: browser notifications (real Notification API)', function () {
  this.timeout(40000);

  it('turns on from the settings once the browser grants permission, and remembers it for the account', async () => {
    await server('browser-grant-permissions', { permissions: ['notifications'] });
    expect(Notification.permission).to.equal('granted');
    const u = await newUser('ntf');
    const room = await newRoom('Notify');
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room });
    await joined(chat, room);
    listShadow(chat)!.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=settings-button]')!.click();
    const settings = await until(() => listShadow(chat)!.querySelector('ethora-settings'), 'the settings');
    const box = await until(() => shadow(settings)?.querySelector<HTMLInputElement>('[part=notify] input'), 'the toggle');
    expect(box.checked).to.equal(false);
    box.click();
    await until(() => localStorage.getItem(`ethora-chat:notify:${u.jid}`) === '1', 'the choice stored');
    expect(box.checked).to.equal(true);
    box.click();
    await until(() => localStorage.getItem(`ethora-chat:notify:${u.jid}`) === '0', 'turned off');
  });
});
