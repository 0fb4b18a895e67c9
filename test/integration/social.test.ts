import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { joined, mountChat, online, openRoom, roomAction, roomActions, roomListView, roomNames, roomView, sessionOf, systemLines } from './harness.js';
import { PROXY, fault, newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;

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

    const search = roomListView(alice)!.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLInputElement>('[part=search]')!;
    search.value = 'TWO';
    search.dispatchEvent(new Event('input'));
    await until(() => roomNames(alice).join() === 'Room two', 'only Room two');
    search.value = 'nothing like it';
    search.dispatchEvent(new Event('input'));
    await until(() => roomListView(alice)!.textContent.includes('No room matches your search'), 'no match');
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
    expect(roomListView(alice)!.querySelector('[part=muted]')).to.exist;

    // Stored in private XML storage: another session (device) knows it. (disconnect() resolves
    // once the read marks not yet stored are stored.)
    await alice.disconnect();
    alice.parentElement!.remove();
    alice = await mountChat({ jid: a.jid, password: a.password });
    await online(alice);
    await until(() => roomListView(alice)?.querySelector('[part=muted]'), 'the muted room after a reload');
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
    roomListView(chat)!.querySelector('ethora-room-list-toolbar')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=settings-button]')!.click();
    const settings = await until(() => roomListView(chat)!.querySelector('ethora-settings'), 'the settings');
    const box = await until(() => shadow(settings)?.querySelector<HTMLInputElement>('[part=notify] input'), 'the toggle');
    expect(box.checked).to.equal(false);
    box.click();
    await until(() => localStorage.getItem(`ethora-chat:notify:${u.jid}`) === '1', 'the choice stored');
    expect(box.checked).to.equal(true);
    box.click();
    await until(() => localStorage.getItem(`ethora-chat:notify:${u.jid}`) === '0', 'turned off');
  });
});
