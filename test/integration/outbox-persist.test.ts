// The outbox survives the widget being torn down and created again (what a page reload does to
// its state): messages typed offline, or lost with a dying link, are sent once the new session
// is up; those that did reach the room are recognised by origin-id and not sent twice.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { allDelivered, bodies, joined, mountChat, renderedMessages, statusText, type } from './harness.js';
import { openPage } from './page.js';
import { OutboxStore } from '../../src/session/outbox-store.js';
import { fault, newRoom, newUser, PROXY } from '../support/kit.js';
import { until } from '../support/wait.js';

const FAST = { interval: 1, timeout: 1 };

describe('integration: outbox kept across a reload', () => {
  afterEach(() => fault('heal'));

  async function setup(title: string) {
    const [a, b] = await Promise.all([newUser('oa'), newUser('ob')]);
    const room = await newRoom(title);
    const aliceOptions = { jid: a.jid, password: a.password, rooms: room, service: PROXY, keepAlive: FAST, maxReconnectAttempts: 8 };
    const alice = await mountChat(aliceOptions);
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(alice, 'before');
    await until(() => bodies(bob).includes('before'), 'the first message');
    return { alice, bob, room, aliceOptions };
  }

  /** The page goes away: the widget is removed with whatever it had not sent. */
  function unload(chat: ChatElement): void {
    chat.parentElement!.remove();
  }

  const pending = (chat: ChatElement) =>
    renderedMessages(chat)
      .filter((m) => m.status === 'pending')
      .map((m) => m.body);

  it('messages typed offline are sent after the widget is created again', async function () {
    this.timeout(90000);
    const { alice, bob, room, aliceOptions } = await setup('Typed offline');
    await fault('stall');
    await until(() => statusText(alice).startsWith('Reconnecting'), 'Alice to notice the dead link', 10000);
    type(alice, 'offline 1');
    type(alice, 'offline 2');
    await until(() => pending(alice).join() === 'offline 1,offline 2', 'both shown as pending');
    unload(alice);
    await fault('heal');
    const again = await mountChat(aliceOptions);
    await until(() => pending(again).length === 2 || bodies(again).includes('offline 2'), 'the restored messages');
    await joined(again, room);
    await allDelivered([again, bob], [['before', 'offline 1', 'offline 2']]);
  });

  it('messages lost with a dying link are sent again after the widget is created again', async function () {
    this.timeout(90000);
    const { bob, alice, aliceOptions } = await setup('Lost in flight');
    await fault('stall');
    type(alice, 'in flight 1');
    type(alice, 'in flight 2');
    unload(alice);
    await fault('cut'); // what the stalled link held is gone
    await fault('heal');
    const again = await mountChat(aliceOptions);
    await allDelivered([again, bob], [['before', 'in flight 1', 'in flight 2']]);
  });

  it('a message that reached the room with its echo lost is confirmed from the archive, not sent twice', async function () {
    this.timeout(90000);
    const { bob, alice, aliceOptions } = await setup('Echo lost');
    await fault('drop-down');
    type(alice, 'arrived, echo lost');
    await until(() => bodies(bob).includes('arrived, echo lost'), 'Bob to get it');
    await until(() => pending(alice).join() === 'arrived, echo lost', 'it to stay pending (no echo)');
    unload(alice);
    await fault('heal');
    const again = await mountChat(aliceOptions);
    await allDelivered([again, bob], [['before', 'arrived, echo lost']]);
    // Bob's view would show a second copy if it had been sent again.
    await new Promise((r) => setTimeout(r, 1000));
    expect(bodies(bob).filter((t) => t === 'arrived, echo lost')).to.have.length(1);
  });

  it('persist-outbox="false" keeps nothing and erases what was kept', async function () {
    this.timeout(90000);
    const { alice, aliceOptions } = await setup('Not kept');
    await fault('stall');
    await until(() => statusText(alice).startsWith('Reconnecting'), 'Alice to notice the dead link', 10000);
    type(alice, 'not kept');
    unload(alice);
    await fault('heal');
    const off = await mountChat({ ...aliceOptions, persistOutbox: false });
    await joined(off, aliceOptions.rooms);
    await until(() => bodies(off).includes('before'), 'the history');
    expect(bodies(off)).to.not.include('not kept');
    unload(off);
    const on = await mountChat(aliceOptions);
    await joined(on, aliceOptions.rooms);
    await until(() => bodies(on).includes('before'), 'the history');
    expect(bodies(on)).to.not.include('not kept');
  });

  it('a real page reload: what was typed offline is sent by the reloaded page', async function () {
    this.timeout(90000);
    const [a, b] = await Promise.all([newUser('pa'), newUser('pb')]);
    const room = await newRoom('Reload');
    const page = await openPage([{ service: PROXY, jid: a.jid, password: a.password, rooms: room, keepAlive: FAST }]);
    try {
      const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
      const [alice] = page.chats();
      await Promise.all([joined(alice, room), joined(bob, room)]);
      await fault('stall');
      await until(() => statusText(alice).startsWith('Reconnecting'), 'Alice to notice the dead link', 10000);
      type(alice, 'typed before the reload 1');
      type(alice, 'typed before the reload 2');
      await until(() => pending(alice).length === 2, 'both shown as pending');
      // A reload aborts an IndexedDB write not yet committed: reload once both are on disk (the
      // frame shares the test page's origin, so its database is this one).
      const disk = new OutboxStore(a.jid.toLowerCase());
      for (let t = 0; (await disk.load()).filter((m) => m.room === room).length < 2; t++) {
        if (t > 100) throw new Error('the two messages were never written to IndexedDB');
        await new Promise((r) => setTimeout(r, 50));
      }
      await page.reload();
      await fault('heal');
      const [reloaded] = page.chats();
      expect(reloaded).to.not.equal(alice);
      await allDelivered([reloaded, bob], [['typed before the reload 1', 'typed before the reload 2']]);
    } finally {
      page.frame.remove();
    }
  });
});
