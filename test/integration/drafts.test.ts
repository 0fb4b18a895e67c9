// Drafts: what the user typed in a room, and a pending reply or edit, survive switching rooms
// and a reload (the widget torn down and created again); sending clears it; another account in
// the same browser never sees it; sign-out and persist-outbox="false" leave nothing stored.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, menuAction, mountChat, roomView, type, typeOnly, type ChatOptions } from './harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;
const composerText = (chat: ChatElement) => shadow(roomView(chat)?.querySelector('ethora-composer'))?.querySelector('textarea')?.value;
const modeLine = (chat: ChatElement) =>
  shadow(roomView(chat)?.querySelector('ethora-composer'))?.querySelector('[part=mode]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const stored = (jid: string) => localStorage.getItem(`ethora-chat:drafts:${jid}`);

/** The page goes away and comes back: a new widget with the same settings. */
async function reload(chat: ChatElement, options: ChatOptions, room: string): Promise<ChatElement> {
  chat.parentElement!.remove();
  const again = await mountChat(options);
  again.openRoom(room);
  await joined(again, room);
  return again;
}

describe('integration: drafts', function () {
  this.timeout(60000);

  it('survive switching rooms and a reload, are cleared on send, and another account never sees them', async () => {
    const [user, other] = await Promise.all([newUser('drafter'), newUser('other')]);
    const [a, b] = await Promise.all([newRoom('Draft A'), newRoom('Draft B')]);
    const options = { jid: user.jid, password: user.password, rooms: `${a} ${b}` };
    let chat = await mountChat(options);
    chat.openRoom(a);
    await joined(chat, a);
    typeOnly(chat, 'half a thought in A');
    chat.openRoom(b);
    await joined(chat, b);
    expect(composerText(chat)).to.equal('');
    typeOnly(chat, 'something for B');
    chat.openRoom(a);
    await until(() => composerText(chat) === 'half a thought in A', 'the draft of A back');
    chat.openRoom(b);
    await until(() => composerText(chat) === 'something for B', 'the draft of B back');

    chat = await reload(chat, options, b);
    await until(() => composerText(chat) === 'something for B', 'the draft of B after a reload');
    chat.openRoom(a);
    await until(() => composerText(chat) === 'half a thought in A', 'the draft of A after a reload');

    type(chat, 'half a thought in A, sent');
    await until(() => bodies(chat).includes('half a thought in A, sent'), 'the message sent');
    expect(composerText(chat)).to.equal('');
    expect(stored(user.jid)).not.to.include('half a thought');
    chat = await reload(chat, options, a);
    await until(() => composerText(chat) === '', 'no draft in A');
    chat.openRoom(b);
    await until(() => composerText(chat) === 'something for B', 'B still has its draft');

    const otherChat = await mountChat({ jid: other.jid, password: other.password, rooms: `${a} ${b}` });
    otherChat.openRoom(b);
    await joined(otherChat, b);
    await new Promise((r) => setTimeout(r, 300));
    expect(composerText(otherChat)).to.equal('');

    await chat.signOut();
    expect(stored(user.jid)).to.equal(null);
  });

  it('a pending reply and a pending edit survive a reload', async () => {
    const user = await newUser('drafter');
    const room = await newRoom('Draft modes');
    const options = { jid: user.jid, password: user.password, rooms: room };
    let chat = await mountChat(options);
    await joined(chat, room);
    type(chat, 'the question');
    type(chat, 'my typo');
    await until(() => bodies(chat).includes('my typo'), 'both sent');

    await menuAction(chat, 'the question', 'Reply');
    await until(() => modeLine(chat).startsWith('Replying to'), 'the reply bar');
    typeOnly(chat, 'the answer');
    chat = await reload(chat, options, room);
    await until(() => modeLine(chat).includes('the question') && composerText(chat) === 'the answer', 'the reply and its text after a reload');
    await until(() => bodies(chat).includes('the question'), 'the replied-to message shown'); // what the user sees before sending
    type(chat, 'the answer');
    await until(() => bodies(chat).includes('the answer'), 'the reply sent');
    const quote = () =>
      [...(roomView(chat)?.querySelectorAll('ethora-message') ?? [])]
        .map((m) => shadow(m))
        .find((m) => m?.querySelector('[part=body]')?.textContent === 'the answer')
        ?.querySelector('[part=quote]')?.textContent ?? '';
    await until(() => quote().includes('the question'), 'the answer sent as a reply to the question');
    expect(modeLine(chat)).to.equal('');

    await menuAction(chat, 'my typo', 'Edit');
    await until(() => modeLine(chat).startsWith('Editing') && composerText(chat) === 'my typo', 'the edit bar');
    typeOnly(chat, 'my fixed text');
    chat = await reload(chat, options, room);
    await until(() => modeLine(chat).startsWith('Editing') && composerText(chat) === 'my fixed text', 'the edit and its text after a reload');
    await until(() => bodies(chat).includes('my typo'), 'the edited message shown');
    type(chat, 'my fixed text');
    await until(() => bodies(chat).includes('my fixed text') && !bodies(chat).includes('my typo'), 'the edit applied');
    expect(stored(user.jid)).to.equal(null);
  });

  it('with persist-outbox="false" drafts stay in memory only, and what was stored is erased', async () => {
    const user = await newUser('drafter');
    const [a, b] = await Promise.all([newRoom('Memory A'), newRoom('Memory B')]);
    localStorage.setItem(`ethora-chat:drafts:${user.jid}`, JSON.stringify({ [a]: { text: 'left by an earlier page' } }));
    const options = { jid: user.jid, password: user.password, rooms: `${a} ${b}`, persistOutbox: false };
    let chat = await mountChat(options);
    chat.openRoom(a);
    await joined(chat, a);
    expect(stored(user.jid)).to.equal(null);
    expect(composerText(chat)).to.equal('');
    typeOnly(chat, 'kept in memory');
    chat.openRoom(b);
    await joined(chat, b);
    chat.openRoom(a);
    await until(() => composerText(chat) === 'kept in memory', 'the draft back after switching rooms');
    expect(stored(user.jid)).to.equal(null);
    chat = await reload(chat, options, a);
    await new Promise((r) => setTimeout(r, 300));
    expect(composerText(chat)).to.equal('');
  });
});
