/**
 * A host page vetoes what the user is about to do: its listener on <ethora-chat> calls
 * preventDefault() on the cancelable ethora-send / ethora-room-leave, and the widget does not
 * send or leave (the peers observe nothing); without the veto the same action goes through.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import type { EthoraRoomLeaveEvent, EthoraSendEvent } from '../../src/events/index.js';
import { bodies, joined, mountChat, openRoom, roomNames, roomView, systemLines, type } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;

function composerText(chat: ChatElement): string {
  return shadow(roomView(chat)?.querySelector('ethora-composer'))?.querySelector('textarea')?.value ?? '';
}

async function roomAction(chat: ChatElement, label: string | RegExp): Promise<HTMLButtonElement> {
  const actions = await until(() => roomView(chat)?.querySelector('ethora-room-actions'), 'the room actions');
  const items = () => [...(shadow(actions)?.querySelectorAll<HTMLButtonElement>('.item') ?? [])];
  if (!items().length) shadow(actions)!.querySelector<HTMLButtonElement>('[part=button]')!.click();
  const match = (b: HTMLButtonElement) => (typeof label === 'string' ? b.textContent.trim() === label : label.test(b.textContent.trim()));
  return until(() => items().find(match), `room action ${label}`);
}

describe('integration: the host page vetoes a send or a leave', function () {
  this.timeout(60000);

  it('a prevented ethora-send sends nothing (the composer keeps the text); sendMessage() is vetoed alike', async () => {
    const [a, b] = await Promise.all([newUser('veto-a'), newUser('veto-b')]);
    const room = await newRoom('Veto room');
    const [alice, bob] = await Promise.all([
      mountChat({ jid: a.jid, password: a.password, rooms: room }),
      mountChat({ jid: b.jid, password: b.password, rooms: room }),
    ]);
    await Promise.all([joined(alice, room), joined(bob, room)]);
    const seen: EthoraSendEvent['detail'][] = [];
    alice.addEventListener('ethora-send', (e) => {
      seen.push(e.detail);
      if (/secret/.test(e.detail.text)) e.preventDefault();
    });

    type(alice, 'the secret plan');
    expect(seen).to.deep.equal([{ room, text: 'the secret plan' }]);
    expect(composerText(alice)).to.equal('the secret plan');
    expect(alice.sendMessage(room, 'another secret')).to.equal(undefined);
    type(alice, 'nothing to hide');
    await until(() => bodies(bob).includes('nothing to hide'), 'Bob to get the allowed message');
    // The vetoed ones were never sent: Bob got the allowed one only, and Alice shows no trace of them.
    expect(bodies(bob)).to.deep.equal(['nothing to hide']);
    expect(bodies(alice)).to.deep.equal(['nothing to hide']);
    expect(composerText(alice)).to.equal('');
    expect(seen.map((d) => d.text)).to.deep.equal(['the secret plan', 'another secret', 'nothing to hide']);
    alice.parentElement!.remove();
    bob.parentElement!.remove();
  });

  it('a prevented ethora-room-leave keeps the user in the room; without the veto the room is left', async () => {
    const [a, b] = await Promise.all([newUser('veto-l'), newUser('veto-m')]);
    const [pinned, room] = await Promise.all([newRoom('Veto pinned'), newRoom('Veto leave')]);
    await server('server-subscribe', { user: a.jid, nick: a.user, room });
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: pinned });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await joined(bob, room);
    await joined(alice, pinned);
    await openRoom(alice, 'Veto leave');
    await joined(alice, room);
    let veto = true;
    const asked: string[] = [];
    alice.addEventListener('ethora-room-leave', (e: EthoraRoomLeaveEvent) => {
      asked.push(e.detail.room);
      if (veto) e.preventDefault();
    });

    (await roomAction(alice, 'Leave room…')).click();
    (await roomAction(alice, /^Yes, leave/)).click();
    expect(asked).to.deep.equal([room]);
    veto = false;
    (await roomAction(alice, 'Leave room…')).click();
    (await roomAction(alice, /^Yes, leave/)).click();
    await until(() => !roomNames(alice).includes('Veto leave'), 'the room gone from the list');
    await until(() => systemLines(bob).includes(`${a.user} left`), 'Bob to see Alice leave');
    expect(asked).to.deep.equal([room, room]);
    // Alice left once: the vetoed attempt did not make her leave (and rejoin) the room.
    expect(systemLines(bob).filter((l) => l === `${a.user} left`)).to.have.length(1);
    alice.parentElement!.remove();
    bob.parentElement!.remove();
  });
});
