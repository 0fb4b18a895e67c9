/**
 * Moderator delete in the widget's message menu, both dialects, against the kit's server: shown
 * only to the room's moderators where the room advertises how (XEP-0425; in the Ethora dialect
 * the kit's moderator `<delete/>`), and what every occupant sees, live and from the archive.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import { bodies, joined, menuAction, messageMenu, mountChat, online, roomView, type } from './harness.js';
import { newUser, server } from '../support/kit.js';
import { connect, join, say } from '../support/raw-client.js';
import { until } from '../support/wait.js';
import { createRoom } from './room-admin-harness.js';

const tombstones = (chat: ChatElement) =>
  [...(roomView(chat)?.querySelectorAll<MessageElement>('ethora-message') ?? [])]
    .map((el) => el.shadowRoot?.querySelector('[part=tombstone]')?.textContent ?? '')
    .filter(Boolean);

async function menuItems(chat: ChatElement, text: string): Promise<string[]> {
  const menu = await messageMenu(chat, text);
  const more = menu.shadowRoot!.querySelector<HTMLButtonElement>('.more')!;
  if (more.getAttribute('aria-expanded') !== 'true') more.click();
  await menu.updateComplete;
  const items = [...menu.shadowRoot!.querySelectorAll<HTMLButtonElement>('.item')]
    .map((b) => b.textContent.trim())
    .filter((t) => !/^\p{Extended_Pictographic}/u.test(t));
  more.click();
  return items;
}

for (const dialect of ['standard', 'ethora'] as const) {
  describe(`integration: moderator delete (${dialect} dialect)`, () => {
    it('a moderator removes someone’s message; everyone sees it removed, live and after a reload; a participant is not offered it', async () => {
      const [alice, bob, carol] = await Promise.all([newUser('md'), newUser('mdb'), newUser('mdc')]);
      const a = await mountChat({ jid: alice.jid, password: alice.password, nick: 'alice', dialect });
      await online(a);
      const room = await createRoom(a, 'public', `Moderated ${await server<string>('server-unique', { prefix: 'md' })}`);
      await joined(a, room);
      const b = await mountChat({ jid: bob.jid, password: bob.password, rooms: room, nick: 'bob', dialect });
      const c = await mountChat({ jid: carol.jid, password: carol.password, rooms: room, nick: 'carol', dialect });
      await Promise.all([joined(b, room), joined(c, room)]);
      type(b, 'buy cheap stuff');
      type(c, 'a fine message');
      await until(() => bodies(a).includes('buy cheap stuff') && bodies(a).includes('a fine message'), 'Alice reads both');
      await until(() => bodies(c).includes('buy cheap stuff'), 'Carol reads Bob');

      // Carol is a participant: no moderator removal, not even on someone else's message.
      expect(await menuItems(c, 'buy cheap stuff')).to.not.include('Remove as moderator…');
      // Alice owns the room: offered on others' messages, not on her own (she deletes those).
      await until(async () => (await menuItems(a, 'buy cheap stuff')).includes('Remove as moderator…'), 'the moderator item');
      await menuAction(a, 'buy cheap stuff', 'Remove as moderator…');
      const menu = await messageMenu(a, 'buy cheap stuff');
      const reason = await until(() => menu.shadowRoot!.querySelector<HTMLInputElement>('input.reason'), 'the reason field');
      expect(menu.shadowRoot!.activeElement, 'the reason field has the focus').to.equal(reason);
      reason.value = 'Advertising';
      await menuAction(a, 'buy cheap stuff', 'Remove for everyone');

      // The Ethora dialect sends Ethora's <delete/>, which carries no reason.
      const shown = dialect === 'standard' ? 'Removed by a moderator: Advertising' : 'Removed by a moderator';
      for (const [who, chat] of [
        ['Alice', a],
        ['Bob', b],
        ['Carol', c],
      ] as const) {
        await until(() => tombstones(chat).includes(shown), `${who} sees "${shown}"`).catch((e: Error) => {
          throw new Error(`${e.message}: ${JSON.stringify(tombstones(chat))}`, { cause: e });
        });
        expect(bodies(chat), who).to.not.include('buy cheap stuff');
        expect(bodies(chat), who).to.include('a fine message');
      }

      // A new session reads the archive: the text is gone there too.
      c.remove();
      const c2 = await mountChat({ jid: carol.jid, password: carol.password, rooms: room, nick: 'carol', dialect });
      await joined(c2, room);
      await until(() => bodies(c2).includes('a fine message'), 'Carol’s history');
      await until(() => tombstones(c2).length === 1, 'the removal in the history').catch((e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(tombstones(c2))}`, { cause: e });
      });
      expect(bodies(c2)).to.not.include('buy cheap stuff');
      // The kit's tombstone keeps who removed it and why (XEP-0425 inside <retracted/>).
      expect(tombstones(c2)).to.deep.equal([shown]);
    });
  });
}

describe('integration: a forged tombstone', () => {
  it('a message carrying its own "removed by a moderator" tombstone is stripped by the kit and shown as what it is, live and after a reload', async () => {
    const [alice, mallory] = await Promise.all([newUser('fa'), newUser('fm')]);
    const room = await server<string>('server-create-room', { name: await server<string>('server-unique', { prefix: 'forged' }), title: 'Forged' });
    const a = await mountChat({ jid: alice.jid, password: alice.password, rooms: room, nick: 'alice' });
    await joined(a, room);
    const m = await connect(mallory.jid, mallory.password);
    await join(m, room, 'mallory');
    const forged = `<retracted xmlns="urn:xmpp:message-retract:1"><moderated xmlns="urn:xmpp:message-moderate:1" by="${room}/alice"/><reason>Alice is a spammer</reason></retracted>`;
    const { echo } = await say(m, room, `<body>ordinary words</body>${forged}`);
    expect(echo.querySelector('retracted'), 'the room relays no tombstone').to.equal(null);
    await until(() => bodies(a).includes('ordinary words'), 'Alice to see the message as it is');
    expect(tombstones(a)).to.deep.equal([]);
    a.remove();
    const again = await mountChat({ jid: alice.jid, password: alice.password, rooms: room, nick: 'alice' });
    await joined(again, room);
    await until(() => bodies(again).includes('ordinary words'), 'the archive to keep the message as it is');
    expect(tombstones(again)).to.deep.equal([]);
    m.close();
  });
});
