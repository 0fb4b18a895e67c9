/**
 * The integration core, written once: sign-in, sending, history and a server restart, each a
 * whole scenario against the real server. The integration suite runs them on src/
 * (chat, history, reconnect tests) and test/shipped/ on the minified dist/ethora-chat.js, so
 * both builds are held to the same steps and checks. Nothing here imports the elements: the
 * page that calls them has defined them, from whichever build.
 */
import { expect } from '@open-wc/testing';
import { bodies, joined, mountChat, renderedMessages, roomNames, roomView, statusText, systemLines, type } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

/** No credentials on the page: the sign-in form appears, and signing in through it joins the room. */
export async function signInThroughForm(prefix: string, roomName: string): Promise<void> {
  const u = await newUser(prefix);
  const room = await newRoom(roomName);
  const chat = await mountChat({ rooms: room });
  const login = await until(() => chat.shadowRoot!.querySelector('ethora-login'), 'the sign-in form');
  const form = login.shadowRoot!.querySelector('form')!;
  form.querySelector<HTMLInputElement>('[name=jid]')!.value = u.jid;
  form.querySelector<HTMLInputElement>('[name=password]')!.value = u.password;
  form.requestSubmit();
  await joined(chat, room);
  // The room's name comes with its disco#info, which may answer after the join.
  await until(() => roomNames(chat)[0] === roomName, 'the room listed by its name');
  expect(roomNames(chat)).to.deep.equal([roomName]);
}

/** Two users exchange messages both ways: each shown once, as text, in order, own ones confirmed. */
export async function exchangeMessages(prefix: string, roomName: string): Promise<void> {
  const [a, b] = await Promise.all([newUser(`${prefix}-a`), newUser(`${prefix}-b`)]);
  const room = await newRoom(roomName);
  const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
  const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
  await Promise.all([joined(alice, room), joined(bob, room)]);

  type(alice, 'Hi Bob <b>not bold</b>');
  await until(() => bodies(bob).includes('Hi Bob <b>not bold</b>'), 'Bob to see Alice’s message');
  type(bob, 'Hello Alice é ü 日本 🎉');
  await until(() => bodies(alice).includes('Hello Alice é ü 日本 🎉'), 'Alice to see Bob’s reply, non-ASCII text intact');
  await until(() => renderedMessages(alice).every((m) => m.status === 'sent'), 'Alice’s message confirmed');

  expect(bodies(alice)).to.deep.equal(['Hi Bob <b>not bold</b>', 'Hello Alice é ü 日本 🎉']);
  expect(bodies(bob)).to.deep.equal(['Hi Bob <b>not bold</b>', 'Hello Alice é ü 日本 🎉']);
  expect(renderedMessages(bob)[0].author).to.equal(a.user);
  expect(roomView(bob)!.querySelector('b'), 'markup in a body stays text').to.equal(null);
}

/** A reader scrolls a room of `count` archived messages back to its start: all of them, in order, once. */
export async function pageBackToStart(prefix: string, roomName: string, count: number): Promise<void> {
  const [writer, reader] = await Promise.all([newUser(`${prefix}-writer`), newUser(`${prefix}-reader`)]);
  const room = await newRoom(roomName);
  await server('server-send-messages', { room, user: writer.jid, count });
  const chat = await mountChat({ jid: reader.jid, password: reader.password, rooms: room });
  await joined(chat, room);
  await until(() => bodies(chat).slice(-1)[0] === `Message ${count}`, 'the newest page');
  const log = roomView(chat)!.querySelector<HTMLElement>('[part=timeline]')!;
  await until(
    () => {
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      return roomView(chat)!.querySelector('.notice')?.textContent?.includes('Start of the conversation');
    },
    'the start of the conversation',
    30000,
  );
  expect(bodies(chat)).to.deep.equal(Array.from({ length: count }, (_, i) => `Message ${i + 1}`));
}

/**
 * The server stops and starts again: what both users typed meanwhile shows as pending, then
 * arrives exactly once, Alice's in her order, confirmed, and the rejoin brings no subject news.
 * The caller starts the server again after the test whatever happened (afterEach).
 */
export async function surviveRestart(prefix: string, roomName: string): Promise<void> {
  const [a, b] = await Promise.all([newUser(`${prefix}-a`), newUser(`${prefix}-b`)]);
  const room = await newRoom(roomName);
  const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room, maxReconnectAttempts: 8 });
  const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room, maxReconnectAttempts: 8 });
  await Promise.all([joined(alice, room), joined(bob, room)]);
  type(alice, 'before');
  await until(() => bodies(bob).includes('before'), 'the first message');

  await server('server-stop');
  await until(() => /Reconnecting|Error/.test(statusText(alice)), 'Alice to notice the outage', 20000);
  type(alice, 'during 1');
  type(alice, 'during 2');
  type(bob, 'bob during');
  const pending = () =>
    renderedMessages(alice)
      .filter((m) => m.status === 'pending')
      .map((m) => m.body);
  await until(() => pending().length === 2, 'the messages typed offline to show as pending');
  expect(pending()).to.deep.equal(['during 1', 'during 2']);

  await server('server-start');
  const all = ['before', 'during 1', 'during 2', 'bob during'];
  const sameSet = (list: string[]) => all.every((t) => list.filter((x) => x === t).length === 1) && list.length === all.length;
  await until(() => sameSet(bodies(alice)) && sameSet(bodies(bob)), 'both to see every message once', 60000).catch((e: Error) => {
    const seen = (chat: typeof alice) => `"${statusText(chat)}" ${JSON.stringify(renderedMessages(chat).map((m) => `${m.body}:${m.status}`))}`;
    throw new Error(`${e.message}: Alice ${seen(alice)}, Bob ${seen(bob)}`);
  });
  await until(() => renderedMessages(alice).every((m) => m.status === 'sent'), 'Alice’s messages confirmed', 20000);
  expect(statusText(alice)).to.equal('Online');
  // Alice's own messages keep their order.
  expect(bodies(bob).filter((t) => t !== 'bob during')).to.deep.equal(['before', 'during 1', 'during 2']);
  // The rooms were joined again (a new session) and sent their unchanged subject again: no news.
  expect(systemLines(alice).filter((l) => /subject/.test(l))).to.deep.equal([]);
}
