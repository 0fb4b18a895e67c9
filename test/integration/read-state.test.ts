import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, mountChat, openRoom, roomNames, roomView, type, unreadBadges } from './harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';

const divider = (chat: ChatElement) => roomView(chat)?.querySelector('[part=unread-divider]');

/** The message bodies rendered after the "new messages" divider. */
function afterDivider(chat: ChatElement): string[] {
  const items = [...(roomView(chat)?.querySelectorAll('ol > li') ?? [])];
  const at = items.findIndex((li) => li.matches('[part=unread-divider]'));
  return items
    .slice(at + 1)
    .map((li) => li.querySelector('ethora-message')?.shadowRoot?.querySelector('[part=body]')?.textContent ?? '')
    .filter(Boolean);
}

describe('integration: read state', function () {
  this.timeout(60000);

  it('counts unread per room, shows a divider at the first unread, and remembers it across sessions', async () => {
    const [a, b] = await Promise.all([newUser('reader'), newUser('talker')]);
    const [r1, r2] = await Promise.all([newRoom('A first room'), newRoom('B second room')]);
    const rooms = `${r1} ${r2}`;
    let alice = await mountChat({ jid: a.jid, password: a.password, rooms });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: r2 });
    await Promise.all([joined(alice, r1), joined(bob, r2)]);
    await until(() => roomNames(alice).length === 2, 'both rooms listed');

    // Alice reads room B once (a read mark is stored), then goes back to room A.
    type(bob, 'seen before');
    await openRoom(alice, 'B second room');
    await joined(alice, r2);
    await until(() => bodies(alice).includes('seen before'), 'Alice reads room B');
    await openRoom(alice, 'A first room');
    await joined(alice, r1);

    for (const t of ['new 1', 'new 2', 'new 3']) type(bob, t);
    await until(() => unreadBadges(alice)['B second room'] === '3', 'a badge of 3 on room B');
    expect(unreadBadges(alice)['A first room']).to.equal(undefined);

    await openRoom(alice, 'B second room');
    await until(() => divider(alice), 'the new messages divider');
    await until(() => afterDivider(alice).join() === 'new 1,new 2,new 3', 'the divider before the first unread');
    await until(() => unreadBadges(alice)['B second room'] === undefined, 'the badge cleared once read');

    // Another device (a new session) knows the mark: only what came after it is unread.
    await openRoom(alice, 'A first room');
    await joined(alice, r1);
    // The mark is stored 1.5 s after reading, or at once when the session stops: disconnect()
    // resolves once it is stored.
    await alice.disconnect();
    alice.remove();
    type(bob, 'while away');
    await until(() => bodies(bob).includes('while away'), 'Bob’s message');
    alice = await mountChat({ jid: a.jid, password: a.password, rooms });
    await until(() => unreadBadges(alice)['B second room'] === '1', 'one unread after the reload', 20000);
  });
});
