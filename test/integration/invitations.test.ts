import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, mountChat, online, recordStatuses, sessionOf, type } from './harness.js';
import { click } from './room-admin-harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { sleep, until } from '../support/wait.js';
import { directInvite, disconnect, rawClient } from '../support/raw-client.js';

const invitations = (chat: ChatElement) => chat.shadowRoot?.querySelector('ethora-invitations')?.shadowRoot ?? undefined;
const rows = (chat: ChatElement) => [...(invitations(chat)?.querySelectorAll('li') ?? [])];
const invitation = (chat: ChatElement, room: string) => rows(chat).find((li) => li.querySelector('.text')?.textContent?.includes(room));

/** What the widget made of an address it was invited to: listed or not, its join state, what it shows. */
function fate(chat: ChatElement, room: string): string {
  const r = sessionOf(chat).store.room(room);
  return r ? `listed, ${r.join}${r.joinError ? ` (${r.joinError})` : ''}, messages [${r.timeline.messages.map((m) => m.body).join(',')}]` : 'not listed';
}

describe('integration: invitations name real rooms', function () {
  this.timeout(90000);

  it('an invitation whose “room” is a user’s account is refused, even when the account answers like a room; full addresses are shown', async () => {
    const [alice, mal] = await Promise.all([newUser('inv-a'), newUser('inv-m')]);
    const a = await mountChat({ jid: alice.jid, password: alice.password });
    await online(a);
    // Mallory's second session plays the room: its resource is the nick Alice would join with,
    // and it answers a join with a MUC self-presence (status 110) and a groupchat message.
    const [fakeRoom, mallory] = await Promise.all([rawClient(mal.jid, mal.password, alice.user), rawClient(mal.jid, mal.password)]);
    const asked: string[] = [];
    fakeRoom.on('presence', (p: Stanzas.ReceivedPresence) => {
      if (!p.from?.startsWith(`${alice.jid}/`)) return;
      asked.push(p.type ?? 'available');
      if (p.type === 'unavailable') return;
      fakeRoom.sendPresence({ to: p.from, muc: { type: 'info', statusCodes: ['110'], affiliation: 'owner', role: 'moderator' } });
      fakeRoom.sendMessage({ to: p.from, type: 'groupchat', body: 'the room speaks' });
    });
    try {
      directInvite(mallory, alice.jid, mal.jid, 'Come in');
      const row = await until(() => invitation(a, mal.user), 'the invitation');
      const text = row.querySelector('.text')!.textContent;
      await click(() => row, 'Join');
      await sleep(2000);
      const refusal = row.querySelector('[role=alert]')?.textContent ?? '';
      expect({ text, refusal, asked, fate: fate(a, mal.jid) }, 'what the widget did with the account').to.deep.equal({
        text: `${mal.jid} invited you to ${mal.jid} — Come in`,
        refusal: `Not a chat room: ${mal.jid}`,
        asked: [],
        fate: 'not listed',
      });
      expect(bodies(a)).to.not.include('the room speaks');
    } finally {
      await Promise.all([disconnect(fakeRoom), disconnect(mallory)]);
    }
  });

  it('an invitation to a room of an unknown domain is refused before anything is sent there', async () => {
    const [alice, mal] = await Promise.all([newUser('inv2-a'), newUser('inv2-m')]);
    const a = await mountChat({ jid: alice.jid, password: alice.password });
    await online(a);
    const mallory = await rawClient(mal.jid, mal.password);
    const foreign = 'lounge@conference.unknown-domain.example';
    try {
      directInvite(mallory, alice.jid, foreign);
      const row = await until(() => invitation(a, 'lounge'), 'the invitation');
      const text = row.querySelector('.text')!.textContent;
      await click(() => row, 'Join');
      await until(() => row.querySelector('[role=alert]')?.textContent, 'the refusal').catch(() => undefined);
      expect({ text, refusal: row.querySelector('[role=alert]')?.textContent, fate: fate(a, foreign) }).to.deep.equal({
        text: `${mal.jid} invited you to ${foreign}`,
        refusal: `Not a chat room: ${foreign}`,
        fate: 'not listed',
      });
    } finally {
      await disconnect(mallory);
    }
  });

  it('a flood of 10,000 invitations keeps at most 20, one per room, the newest last, and the widget keeps chatting', async function () {
    this.timeout(180000);
    const [alice, bob, mal] = await Promise.all([newUser('flood-a'), newUser('flood-b'), newUser('flood-m')]);
    const room = await newRoom('Flooded');
    const a = await mountChat({ jid: alice.jid, password: alice.password, rooms: room });
    const b = await mountChat({ jid: bob.jid, password: bob.password, rooms: room });
    await Promise.all([joined(a, room), joined(b, room)]);
    const store = sessionOf(a).store;
    let most = 0;
    store.subscribe('rooms', () => (most = Math.max(most, store.invitations.length)));
    const statuses = recordStatuses(a);
    const mallory = await rawClient(mal.jid, mal.password);
    try {
      // Rooms 0..9989, then 0..9 again (one row per room); one last invitation once Bob is read.
      for (let i = 0; i < 10000; i++) {
        directInvite(mallory, alice.jid, `flood-${i % 9990}@conference.localhost`, `wave ${i}`);
        if (i % 500 === 499) await sleep(0);
      }
      type(b, 'still here');
      await until(() => bodies(a).includes('still here'), 'Bob’s message after the flood', 120000);
      // Under load a flood can outrun the client's acknowledgements and the session is replaced
      // (then invitations in flight are lost): the bound holds either way, and the newest is last.
      // The last invitation is sent again until it arrives (one row per room, so never twice).
      const shown = () => rows(a).map((li) => /(flood-\d+|last-one)@/.exec(li.querySelector('.text')?.textContent ?? '')?.[1]);
      const arrived = () => shown()[shown().length - 1] === 'last-one';
      for (const deadline = Date.now() + 120000; !arrived() && Date.now() < deadline;) {
        directInvite(mallory, alice.jid, 'last-one@conference.localhost');
        await until(arrived, 'the newest invitation, last', 5000).catch(() => undefined);
      }
      if (!arrived()) throw new Error(`shown: ${shown().join()}; connection: ${statuses.join()}`);
      expect(shown()).to.have.length(20);
      expect(new Set(shown()).size, 'one row per room').to.equal(20);
      expect(most, 'invitations ever kept at once').to.equal(20);
    } finally {
      await disconnect(mallory);
    }
  });
});
