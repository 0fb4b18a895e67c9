import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, menuAction, messageEl, messageMenu, mountChat, reactionChips, roomView, type, typeOnly, typingLine } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

type Dialect = 'standard' | 'ethora';

async function pair(da: Dialect, db: Dialect) {
  const [a, b] = await Promise.all([newUser(`a${da[0]}`), newUser(`b${db[0]}`)]);
  const room = await newRoom(`Dialects ${da}/${db}`);
  const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room, dialect: da });
  const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room, dialect: db });
  await Promise.all([joined(alice, room), joined(bob, room)]);
  return { alice, bob, room, a, b };
}

const tombstone = (chat: ChatElement) =>
  [...(roomView(chat)?.querySelectorAll('ethora-message') ?? [])].map((m) => m.shadowRoot?.querySelector('[part=tombstone]')?.textContent).filter(Boolean);

/** Reloads a user's widget: a fresh session that sees the room only through history. */
async function reload(chat: ChatElement, room: string, password: string) {
  const again = await mountChat({ jid: chat.jid, password, rooms: room, dialect: chat.dialect });
  chat.remove();
  await joined(again, room);
  return again;
}

for (const [da, db] of [
  ['standard', 'standard'],
  ['ethora', 'ethora'],
  ['ethora', 'standard'],
  ['standard', 'ethora'],
] as [Dialect, Dialect][]) {
  describe(`integration: messages, Alice writes ${da}, Bob writes ${db}`, function () {
    this.timeout(60000);
    it('edits, deletes, reactions and replies show the same for both, live and after a reload', async () => {
      const { alice, bob, room, b } = await pair(da, db);
      type(alice, 'first draft');
      type(alice, 'to be deleted');
      await until(() => bodies(bob).includes('to be deleted'), 'Bob sees both messages');

      await menuAction(alice, 'first draft', 'Edit');
      const input = roomView(alice)!.querySelector('ethora-composer')!.shadowRoot!.querySelector('textarea')!;
      await until(() => input.value === 'first draft', 'the composer in edit mode');
      type(alice, 'final text');
      await until(() => bodies(bob).includes('final text') && !bodies(bob).includes('first draft'), 'Bob sees the edit');
      expect(messageEl(bob, 'final text')!.shadowRoot!.querySelector('[part=edited]')).to.exist;

      await menuAction(alice, 'to be deleted', 'Delete…');
      await menuAction(alice, 'to be deleted', 'Yes, delete for everyone');
      await until(() => tombstone(bob).length === 1 && !bodies(bob).includes('to be deleted'), 'Bob sees the tombstone');

      await menuAction(bob, 'final text', '👍');
      await menuAction(bob, 'final text', '🎉');
      await until(() => reactionChips(alice, 'final text').join() === '👍 1,🎉 1', 'Alice sees Bob’s reactions');
      // Clicking one's own reaction chip takes it back.
      const chip = await until(
        () => [...messageEl(bob, 'final text')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=reaction]')].find((c) => c.textContent.includes('🎉')),
        'Bob’s chip',
      );
      expect(chip.getAttribute('aria-pressed')).to.equal('true');
      chip.click();
      await until(() => reactionChips(alice, 'final text').join() === '👍 1', 'the reaction taken back');

      await menuAction(bob, 'final text', 'Reply');
      type(bob, 'my answer');
      await until(() => messageEl(alice, 'my answer')?.shadowRoot?.querySelector('[part=quote]')?.textContent?.includes('final text'), 'Alice sees the quote');

      // Nobody else can change Alice's message: Bob's menu has no edit or delete for it.
      const bobsMenu = await messageMenu(bob, 'final text');
      bobsMenu.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
      await bobsMenu.updateComplete;
      const items = [...bobsMenu.shadowRoot!.querySelectorAll('.item')].map((b) => b.textContent.trim());
      expect(items.some((l) => /^(Edit|Delete)/.test(l))).to.equal(false);

      const bob2 = await reload(bob, room, b.password);
      await until(() => bodies(bob2).includes('final text') && bodies(bob2).includes('my answer'), 'history after reload');
      expect(bodies(bob2)).to.not.include('first draft');
      expect(bodies(bob2)).to.not.include('to be deleted');
      await until(() => tombstone(bob2).length === 1, 'the tombstone after reload');
      await until(() => reactionChips(bob2, 'final text').includes('👍 1'), 'the reaction after reload');
      expect(messageEl(bob2, 'my answer')!.shadowRoot!.querySelector('[part=quote]')!.textContent).to.contain('final text');
    });

    it('shows who is typing and clears it on the message', async () => {
      const { alice, bob } = await pair(da, db);
      typeOnly(alice, 'hel');
      await until(() => /is typing/.test(typingLine(bob)), 'Bob sees Alice typing');
      type(alice, 'hello');
      await until(() => bodies(bob).includes('hello') && typingLine(bob) === '', 'the typing line cleared by the message');
    });
  });
}

describe('integration: quick reactions', function () {
  this.timeout(60000);

  it('two reactions in a row, faster than the room echoes them, both count for everyone', async () => {
    const { alice, bob, room } = await pair('ethora', 'standard');
    type(alice, 'react twice');
    const message = await until(
      () => (messageEl(bob, 'react twice')?.message?.stanzaId ? messageEl(bob, 'react twice') : undefined),
      'Bob has the message with its room id',
    );
    const session = bob.shadowRoot!.querySelector('ethora-room')!.session!;
    // Both in the same task: the second is built before the first one's echo can arrive.
    session.toggleReaction(room, message.message!.key, '👍');
    session.toggleReaction(room, message.message!.key, '🎉');
    expect(reactionChips(bob, 'react twice').join()).to.satisfy((s: string) => s === '' || s === '👍 1,🎉 1');
    await until(() => reactionChips(alice, 'react twice').join() === '👍 1,🎉 1', 'Alice sees both reactions');
    await until(() => reactionChips(bob, 'react twice').join() === '👍 1,🎉 1', 'Bob sees both reactions');
  });
});

describe('integration: replies far back in history', function () {
  this.timeout(60000);

  it('clicking a quote loads older history until the original is there and shows it', async () => {
    const [a, b] = await Promise.all([newUser('far-a'), newUser('far-b')]);
    const room = await newRoom('Far replies');
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await joined(bob, room);
    type(bob, 'the original');
    await until(() => messageEl(bob, 'the original')?.getAttribute('status') === 'sent', 'the original confirmed');
    await server('server-send-messages', { room, user: b.jid, count: 45 });
    await until(() => bodies(bob).length === 46, 'Bob has the filler');
    await menuAction(bob, 'the original', 'Reply');
    type(bob, 'answering something old');
    await until(() => messageEl(bob, 'answering something old')?.getAttribute('status') === 'sent', 'the reply confirmed');

    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(alice, room);
    const quote = await until(
      () => messageEl(alice, 'answering something old')?.shadowRoot?.querySelector<HTMLButtonElement>('[part=quote]'),
      'the reply with its quote',
    );
    expect(bodies(alice)).to.not.include('the original');
    quote.click();
    const li = await until(() => roomView(alice)!.querySelector<HTMLElement>('li.highlight'), 'the original highlighted');
    expect(li.querySelector('ethora-message')!.shadowRoot!.querySelector('[part=body]')!.textContent).to.equal('the original');
    const log = roomView(alice)!.querySelector<HTMLElement>('[part=timeline]')!;
    const top = li.offsetTop - log.scrollTop;
    expect(top).to.be.within(-li.offsetHeight, log.clientHeight);
    // It stays in view while the messages around it finish rendering.
    await new Promise((r) => setTimeout(r, 500));
    expect(li.offsetTop - log.scrollTop).to.be.within(-li.offsetHeight, log.clientHeight);
  });
});
