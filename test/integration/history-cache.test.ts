// The history cache on this device (issue 17): a second visit paints the rooms and the open room
// from IndexedDB before connecting, then reconciles with the server; a page loaded while the
// server is down is readable, says it is offline, and sends what is typed once the server is back;
// another account sees none of it; sign-out erases it.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { HistoryCache } from '../../src/cache/history-cache.js';
import { bodies, joined, menuAction, mountChat, online, renderedMessages, roomNames, roomView, sessionOf, statusText, type, unreadBadges } from './harness.js';
import { fault, newRoom, newUser, PROXY, server } from '../support/kit.js';
import { until } from '../support/wait.js';

/** Waits until the account's cache holds `n` messages of the room (a widget writes a burst at a time). */
async function cachedCount(jid: string, room: string, n: number): Promise<void> {
  const cache = new HistoryCache(jid.toLowerCase());
  for (let t = 0; (await cache.count(room)) < n; t++) {
    if (t > 100) throw new Error(`the cache never held ${n} messages of ${room}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tombstones = (chat: ChatElement) =>
  [...(roomView(chat)?.querySelectorAll('ethora-message') ?? [])].filter((m) => m.shadowRoot?.querySelector('[part=tombstone]')).length;
const offlineLine = (chat: ChatElement) => roomView(chat)?.querySelector('[part=offline]')?.textContent ?? '';

describe('integration: history cache', function () {
  this.timeout(90000);
  afterEach(async () => {
    await fault('heal');
    await server('server-start'); // never leave the server down
  });

  async function chatted(title: string) {
    const [a, b] = await Promise.all([newUser('ca'), newUser('cb')]);
    const room = await newRoom(title);
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room, service: PROXY });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    for (const text of ['one', 'two', 'three']) type(bob, text);
    await until(() => bodies(alice).join() === 'one,two,three', 'Alice to see Bob’s messages');
    await cachedCount(a.jid, room, 3);
    return { a, b, room, alice, bob };
  }

  it('a second visit shows the cached messages before connecting, then goes on live without doubles', async () => {
    const { a, room, alice, bob } = await chatted('Warm start');
    alice.parentElement!.remove();
    await fault('stall'); // the next connect cannot complete: whatever shows comes from the device
    const again = await mountChat({ jid: a.jid, password: a.password, rooms: room, service: PROXY });
    await until(() => bodies(again).join() === 'one,two,three', 'the cached messages');
    expect(statusText(again)).to.match(/Connecting|Reconnecting/);
    expect(offlineLine(again), 'marked as not current').to.not.equal('');
    await fault('heal');
    await joined(again, room);
    type(bob, 'four');
    await until(() => bodies(again).join() === 'one,two,three,four', 'the live message, nothing twice');
    expect(offlineLine(again)).to.equal('');
  });

  for (const dialect of ['standard', 'ethora'] as const) {
    it(`edits, deletions and new messages made while the widget was closed are reconciled (${dialect})`, async () => {
      const [a, b] = await Promise.all([newUser('ra'), newUser('rb')]);
      const room = await newRoom(`Reconcile ${dialect}`);
      const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
      const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room, dialect });
      await Promise.all([joined(alice, room), joined(bob, room)]);
      for (const text of ['keep me', 'edit me', 'delete me']) type(bob, text);
      await until(() => bodies(alice).join() === 'keep me,edit me,delete me', 'Alice sees them');
      await cachedCount(a.jid, room, 3);
      alice.parentElement!.remove();

      await menuAction(bob, 'edit me', 'Edit');
      const input = roomView(bob)!.querySelector('ethora-composer')!.shadowRoot!.querySelector('textarea')!;
      await until(() => input.value === 'edit me', 'the composer in edit mode');
      type(bob, 'edited meanwhile');
      await until(() => bodies(bob).includes('edited meanwhile'), 'Bob’s edit');
      await menuAction(bob, 'delete me', 'Delete…');
      await menuAction(bob, 'delete me', 'Yes, delete for everyone');
      await until(() => tombstones(bob) === 1, 'Bob’s deletion');
      type(bob, 'new meanwhile');
      await until(() => bodies(bob).includes('new meanwhile'), 'Bob’s new message');

      const again = await mountChat({ jid: a.jid, password: a.password, rooms: room });
      await joined(again, room);
      await until(
        () => bodies(again).join() === 'keep me,edited meanwhile,,new meanwhile' && tombstones(again) === 1,
        'the edit, the deletion and the new message',
      ).catch((e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(bodies(again))}, ${tombstones(again)} tombstone(s)`);
      });
      // Nothing stale is written back either: a third visit starts from the reconciled state.
      await new Promise((r) => setTimeout(r, 600));
      const cached = await new HistoryCache(a.jid.toLowerCase()).newest(room, 10);
      expect(cached.map((m) => (m.deleted ? '(deleted)' : m.body))).to.deep.equal(['keep me', 'edited meanwhile', '(deleted)', 'new meanwhile']);
    });
  }

  it('server down at load: the cached room is open and readable, offline shown; a queued message is sent once it is back', async function () {
    this.timeout(150000);
    const [a, b] = await Promise.all([newUser('oa'), newUser('ob')]);
    const room = await newRoom('Offline start');
    // Alice's first visit: no `rooms` attribute, she opens the room herself.
    const alice = await mountChat({ jid: a.jid, password: a.password, maxReconnectAttempts: 10 });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await online(alice);
    alice.openRoom(room);
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(bob, 'read me offline');
    await until(() => bodies(alice).includes('read me offline'), 'Alice sees it');
    await cachedCount(a.jid, room, 1);
    alice.parentElement!.remove();
    await server('server-stop');

    const again = await mountChat({ jid: a.jid, password: a.password, maxReconnectAttempts: 10 });
    await until(() => bodies(again).includes('read me offline'), 'the cached room open and readable');
    await until(() => /Reconnecting/.test(statusText(again)), 'a dropped connection, retried (not a failed sign-in)', 20000);
    expect(offlineLine(again)).to.equal('Offline: messages saved on this device');
    expect(roomNames(again)).to.have.length(1);
    type(again, 'typed offline');
    await until(() => renderedMessages(again).some((m) => m.body === 'typed offline' && m.status === 'pending'), 'shown as pending');

    await server('server-start');
    await until(() => bodies(bob).includes('typed offline'), 'sent once the server is back', 60000).catch((e: Error) => {
      throw new Error(
        `${e.message}: again ${statusText(again)} ${JSON.stringify(renderedMessages(again))} joins ${again.shadowRoot?.querySelector('ethora-room')?.getAttribute('join-state')} ${JSON.stringify(again.state)}; bob ${statusText(bob)} ${JSON.stringify(bodies(bob))}`,
      );
    });
    await until(() => renderedMessages(again).find((m) => m.body === 'typed offline')?.status === 'sent', 'confirmed', 30000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(bodies(bob).filter((t) => t === 'typed offline')).to.have.length(1);
    expect(bodies(again).filter((t) => t === 'read me offline')).to.have.length(1);
  });

  it('another account in the same browser sees none of it; sign-out erases it', async () => {
    const { a, room, alice } = await chatted('Accounts apart');
    const c = await newUser('cc');
    const carol = await mountChat({ jid: c.jid, password: c.password });
    await online(carol);
    expect(roomNames(carol)).to.deep.equal([]);
    expect((await new HistoryCache(c.jid.toLowerCase()).load()).rooms.map((r) => r.room)).to.not.include(room);

    await alice.signOut();
    const cache = new HistoryCache(a.jid.toLowerCase());
    expect(await cache.count()).to.equal(0);
    expect((await cache.load()).rooms).to.deep.equal([]);
    expect(alice.shadowRoot!.querySelector('ethora-login'), 'the sign-in form again').to.exist;
    expect(roomNames(alice)).to.deep.equal([]);
  });

  it('cache="off" erases what was kept and keeps nothing', async () => {
    const { a, room, alice } = await chatted('Cache off');
    alice.parentElement!.remove();
    const off = await mountChat({ jid: a.jid, password: a.password, rooms: room, cache: 'off' });
    await joined(off, room);
    await until(() => bodies(off).join() === 'one,two,three', 'the history from the server');
    await new Promise((r) => setTimeout(r, 600));
    expect(await new HistoryCache(a.jid.toLowerCase()).count()).to.equal(0);
  });

  it('two tabs of one account share the cache: nothing stored twice, unread not counted twice', async () => {
    const [a, b] = await Promise.all([newUser('tabs'), newUser('tb')]);
    const [open, other] = await Promise.all([newRoom('Tab open'), newRoom('Tab other')]);
    const rooms = `${open} ${other}`;
    // Two widgets of Alice at once: two tabs of one browser share its IndexedDB.
    const tabs = await Promise.all([0, 1].map(() => mountChat({ jid: a.jid, password: a.password, rooms, service: PROXY })));
    for (const tab of tabs) tab.openRoom(open);
    await Promise.all(tabs.map((tab) => joined(tab, open)));
    await until(() => tabs.every((tab) => sessionOf(tab).store.room(other)?.join === 'joined'), 'both tabs in the other room too');
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: other });
    await joined(bob, other);
    for (const text of ['t1', 't2', 't3']) type(bob, text);
    await Promise.all(tabs.map((tab) => until(() => unreadBadges(tab)['Tab other'] === '3', 'each tab counts 3 unread')));
    await cachedCount(a.jid, other, 3);
    await new Promise((r) => setTimeout(r, 600)); // both tabs' writes settle
    expect(await new HistoryCache(a.jid.toLowerCase()).count(other), 'each message stored once').to.equal(3);
    for (const tab of tabs) tab.parentElement!.remove();
    await fault('stall'); // a third tab shows only what the device kept
    const third = await mountChat({ jid: a.jid, password: a.password, rooms, service: PROXY });
    await until(() => unreadBadges(third)['Tab other'] === '3', 'the cached unread count, not doubled').catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(unreadBadges(third))}`, { cause: e });
    });
    third.openRoom(other);
    await until(() => bodies(third).join() === 't1,t2,t3', 'the cached messages, once each');
  });
});
