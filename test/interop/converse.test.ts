/**
 * Interop with Converse.js 14 (issue 16): the widget (this page, dialect "standard") and
 * Converse (an iframe, test/pages/converse.html) as two users in one room of the local kit.
 * Every action both ways, each checked in the other client's own UI: the widget through its
 * shadow roots, Converse through its `converse-chat-message` elements. Then both reload and
 * must show the same from the archive alone.
 *
 * The tests of one describe share the two clients and build on each other in order (a reload
 * at the end checks what the earlier ones did); each sends its own messages.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, menuAction, messageEl, messageMenu, reactionChips, roomView, type, typeOnly, typingLine } from '../integration/harness.js';
import { SERVICE, newRoom, newUser, server } from '../support/kit.js';
import { sleep, until } from '../support/wait.js';
import {
  closeConverse,
  converseEdit,
  converseMessage,
  converseMessages,
  converseModerate,
  converseReact,
  converseReply,
  converseRetract,
  converseType,
  converseTypeOnly,
  converseTyping,
  openConverse,
  reloadConverse,
  type ConverseView,
} from './converse-driver.js';

/** The tombstone line the widget shows for a deleted message, for each deleted message. */
const tombstones = (chat: ChatElement) =>
  [...(roomView(chat)?.querySelectorAll('ethora-message') ?? [])]
    .map((m) => m.shadowRoot?.querySelector('[part=tombstone]')?.textContent?.trim() ?? '')
    .filter(Boolean);

const quoteOf = (chat: ChatElement, text: string) => messageEl(chat, text)?.shadowRoot?.querySelector('[part=quote]')?.textContent ?? '';
const editedMark = (chat: ChatElement, text: string) => !!messageEl(chat, text)?.shadowRoot?.querySelector('[part=edited]');

/** Converse shows a retracted message as a retraction line, not its text; returns those lines. */
/**
 * Mounts a widget that outlives one test (open-wc's fixture() is removed after each): in the
 * standard dialect, the one other clients read.
 */
async function mountWidget(u: { jid: string; password: string; user: string }, room: string): Promise<ChatElement> {
  const wrap = document.createElement('div');
  wrap.style.cssText = 'height:500px;width:800px;display:flex';
  const chat = document.createElement('ethora-chat');
  const attrs = { service: SERVICE, jid: u.jid, password: u.password, rooms: room, nick: u.user, dialect: 'standard' };
  for (const [k, v] of Object.entries(attrs)) chat.setAttribute(k, v);
  wrap.append(chat);
  document.body.append(wrap);
  await joined(chat, room);
  return chat;
}

const retractions = (c: ConverseView) =>
  converseMessages(c)
    .filter((m) => m.retracted)
    .map((m) => m.retraction);
const converseTexts = (c: ConverseView) => converseMessages(c).map((m) => m.text);

describe('interop: the widget and Converse.js 14 in one room, every action both ways', function () {
  this.timeout(90000);
  let room: string;
  let a: { jid: string; password: string; user: string };
  let b: { jid: string; password: string; user: string };
  let alice: ChatElement;
  let bob: ConverseView;

  before(async function () {
    this.timeout(90000);
    [a, b] = await Promise.all([newUser('wa'), newUser('cb')]);
    room = await newRoom('Interop with Converse');
    // Both may moderate (XEP-0425): an admin of the room is a moderator in it.
    await server('server-set-affiliation', { room, user: b.jid, affiliation: 'admin' });
    await server('server-set-affiliation', { room, user: a.jid, affiliation: 'admin' });
    alice = await mountWidget(a, room);
    bob = await openConverse({ jid: b.jid, password: b.password, nick: b.user }, room);
  });

  after(async () => {
    alice?.parentElement?.remove();
    if (bob) await closeConverse(bob);
  });

  it('messages: each shows the other’s, with its author', async () => {
    type(alice, 'w: hello');
    converseType(bob, 'c: hello');
    await until(() => bodies(alice).includes('c: hello'), 'the widget shows Converse’s message');
    await until(() => converseMessage(bob, 'w: hello'), 'Converse shows the widget’s message');
    expect(converseMessage(bob, 'w: hello')!.author).to.equal(a.user);
    expect(messageEl(alice, 'c: hello')!.shadowRoot!.querySelector('[part=author]')?.textContent).to.contain(b.user);
  });

  it('edit (XEP-0308): widget → Converse', async () => {
    type(alice, 'w: draft');
    await until(() => converseMessage(bob, 'w: draft'), 'Converse shows the draft');
    await menuAction(alice, 'w: draft', 'Edit');
    const input = roomView(alice)!.querySelector('ethora-composer')!.shadowRoot!.querySelector('textarea')!;
    await until(() => input.value === 'w: draft', 'the composer in edit mode');
    type(alice, 'w: final');
    await until(() => converseMessage(bob, 'w: final')?.edited, 'Converse shows the edit, marked edited');
    expect(converseTexts(bob)).to.not.include('w: draft');
  });

  it('edit (XEP-0308): Converse → widget', async () => {
    converseType(bob, 'c: draft');
    await until(() => bodies(alice).includes('c: draft'), 'the widget shows the draft');
    await converseEdit(bob, 'c: draft', 'c: final');
    await until(() => bodies(alice).includes('c: final') && !bodies(alice).includes('c: draft'), 'the widget shows the edit');
    expect(editedMark(alice, 'c: final')).to.equal(true);
  });

  it('delete for everyone (XEP-0424): widget → Converse', async () => {
    type(alice, 'w: doomed');
    await until(() => converseMessage(bob, 'w: doomed'), 'Converse shows the message');
    await menuAction(alice, 'w: doomed', 'Delete…');
    await menuAction(alice, 'w: doomed', 'Yes, delete for everyone');
    await until(() => !converseTexts(bob).includes('w: doomed'), 'the text gone from Converse');
    await until(() => retractions(bob).some((r) => r.includes(a.user)), 'Converse shows the retraction');
  });

  it('delete for everyone (XEP-0424): Converse → widget', async () => {
    converseType(bob, 'c: doomed');
    await until(() => bodies(alice).includes('c: doomed'), 'the widget shows the message');
    const before = tombstones(alice).length;
    await converseRetract(bob, 'c: doomed');
    await until(() => !bodies(alice).includes('c: doomed') && tombstones(alice).length === before + 1, 'the widget shows a tombstone');
  });

  it('reactions (XEP-0444): both ways, and taken back', async () => {
    type(alice, 'w: react to me');
    converseType(bob, 'c: react to me');
    await until(() => converseMessage(bob, 'w: react to me') && bodies(alice).includes('c: react to me'), 'both messages on both sides');
    await converseReact(bob, 'w: react to me', '👍');
    await until(() => reactionChips(alice, 'w: react to me').join() === '👍 1', 'the widget shows Converse’s reaction');
    await menuAction(alice, 'c: react to me', '🎉');
    await until(() => converseMessage(bob, 'c: react to me')?.reactions.join() === '🎉 1', 'Converse shows the widget’s reaction');
    // Taking one back: Converse toggles its 👍 off, the widget clicks its own chip.
    await converseReact(bob, 'w: react to me', '👍');
    await until(() => reactionChips(alice, 'w: react to me').length === 0, 'the widget shows the reaction taken back');
    const chip = messageEl(alice, 'c: react to me')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=reaction]')!;
    chip.click();
    await until(() => converseMessage(bob, 'c: react to me')?.reactions.length === 0, 'Converse shows the reaction taken back');
    // And one that stays, for the reload.
    await converseReact(bob, 'w: react to me', '❤️');
    await menuAction(alice, 'c: react to me', '👍');
    await until(() => reactionChips(alice, 'w: react to me').join() === '❤️ 1', 'the widget shows ❤️');
    await until(() => converseMessage(bob, 'c: react to me')?.reactions.join() === '👍 1', 'Converse shows 👍');
  });

  it('replies (XEP-0461): both ways, the quote shown once', async () => {
    converseType(bob, 'c: question');
    await until(() => bodies(alice).includes('c: question'), 'the widget shows the question');
    await menuAction(alice, 'c: question', 'Reply');
    type(alice, 'w: answer');
    await until(() => converseMessage(bob, 'w: answer')?.replyContext.includes('c: question'), 'Converse shows the reply with its context');

    type(alice, 'w: question');
    await until(() => converseMessage(bob, 'w: question'), 'Converse shows the question');
    await converseReply(bob, 'w: question', 'c: answer');
    // The widget strips Converse's "> author:\n> quote" fallback and shows the quote from <reply>.
    await until(() => quoteOf(alice, 'c: answer').includes('w: question'), 'the widget shows the reply with its quote');
  });

  it('typing (XEP-0085): both ways', async () => {
    typeOnly(alice, 'w: typing…');
    await until(() => converseTyping(bob).includes(`${a.user} is typing`), 'Converse shows the widget user typing');
    converseTypeOnly(bob, 'c: typing…');
    await until(() => typingLine(alice).includes(b.user), 'the widget shows the Converse user typing');
  });

  it('moderation (XEP-0425): a Converse moderator removes a widget user’s message', async () => {
    type(alice, 'w: spam');
    await until(() => converseMessage(bob, 'w: spam'), 'Converse shows the message');
    await converseModerate(bob, 'w: spam', 'off topic');
    await until(
      () => !bodies(alice).includes('w: spam') && tombstones(alice).some((t) => t.includes('off topic')),
      'the widget shows the moderator’s tombstone',
    );
    await until(() => !converseTexts(bob).includes('w: spam'), 'gone from Converse too');
  });

  it('moderation (XEP-0425): a widget moderator removes a Converse user’s message, with a reason', async () => {
    converseType(bob, 'c: spam');
    await until(() => bodies(alice).includes('c: spam'), 'the widget shows the message');
    await menuAction(alice, 'c: spam', 'Remove as moderator…');
    const menu = await messageMenu(alice, 'c: spam');
    const reason = await until(() => menu.shadowRoot!.querySelector<HTMLInputElement>('input.reason'), 'the reason field');
    reason.value = 'advertising';
    await menuAction(alice, 'c: spam', 'Remove for everyone');
    await until(() => !converseTexts(bob).includes('c: spam'), 'the text gone from Converse');
    await until(() => retractions(bob).some((r) => r.includes('advertising')), 'Converse shows the moderator’s reason');
  });

  it('read markers (XEP-0333): what the widget sends shows nothing in Converse', async () => {
    // The widget sends "displayed" for what its user has read; Converse has no UI for markers
    // (its #324), so all there is to check is that they do not appear as messages.
    const count = converseMessages(bob).length;
    converseType(bob, 'c: read me');
    await until(() => bodies(alice).includes('c: read me'), 'the widget shows it');
    await sleep(1000);
    expect(converseMessages(bob).length).to.equal(count + 1);
  });

  it('after a reload of both: the same, from the archive alone', async () => {
    alice.parentElement!.remove();
    alice = await mountWidget(a, room);
    bob = await reloadConverse(bob);

    // The widget.
    await until(() => bodies(alice).includes('c: answer'), 'the widget’s history');
    const wb = bodies(alice);
    expect(wb).to.include.members(['w: hello', 'c: hello', 'w: final', 'c: final', 'w: answer', 'c: answer']);
    for (const gone of ['w: draft', 'c: draft', 'w: doomed', 'c: doomed', 'w: spam', 'c: spam']) expect(wb, gone).to.not.include(gone);
    expect(editedMark(alice, 'c: final')).to.equal(true);
    await until(() => reactionChips(alice, 'w: react to me').join() === '❤️ 1', 'the widget’s reactions');
    expect(reactionChips(alice, 'c: react to me').join()).to.equal('👍 1');
    expect(quoteOf(alice, 'c: answer')).to.contain('w: question');
    expect(quoteOf(alice, 'w: answer')).to.contain('c: question');
    // Two deletions and two removals by a moderator, with their reasons (the kit's tombstones).
    await until(() => tombstones(alice).length === 4, 'the widget’s four tombstones').catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(tombstones(alice))}`, { cause: e });
    });
    expect(tombstones(alice).filter((t) => t.includes('advertising') || t.includes('off topic')).length, 'the moderators’ reasons').to.equal(2);

    // Converse.
    await until(() => converseMessage(bob, 'c: answer'), 'Converse’s history');
    const cb = converseTexts(bob);
    expect(cb).to.include.members(['w: hello', 'c: hello', 'w: final', 'c: final', 'w: answer', 'c: answer']);
    for (const gone of ['w: draft', 'c: draft', 'w: doomed', 'c: doomed', 'w: spam', 'c: spam']) expect(cb, gone).to.not.include(gone);
    expect(converseMessage(bob, 'w: final')!.edited).to.equal(true);
    await until(() => converseMessage(bob, 'c: react to me')?.reactions.join() === '👍 1', 'Converse’s reactions');
    expect(converseMessage(bob, 'w: react to me')!.reactions.join()).to.equal('❤️ 1');
    expect(converseMessage(bob, 'w: answer')!.replyContext).to.contain('c: question');
    expect(converseMessage(bob, 'c: answer')!.replyContext).to.contain('w: question');
    await until(() => retractions(bob).length === 4, 'Converse’s four retractions').catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(retractions(bob))}`, { cause: e });
    });
    expect(retractions(bob).filter((r) => r.includes('advertising') || r.includes('off topic')).length, 'the moderators’ reasons').to.equal(2);
  });
});
