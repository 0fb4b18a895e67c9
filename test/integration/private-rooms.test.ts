import { expect } from '@open-wc/testing';
import type { Agent } from 'stanza';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { privateRoomName } from '../../src/session/private-rooms.js';
import { bodies, joined, mountChat, online, sessionOf, type } from './harness.js';
import { click, createRoom } from './room-admin-harness.js';
import { newUser } from '../support/kit.js';
import { sleep, until } from '../support/wait.js';
import { configure, directInvite, disconnect, enter, overhear, rawClient, subscribe } from '../support/raw-client.js';

const SERVICE = 'conference.localhost';
const invitations = (chat: ChatElement) => chat.shadowRoot?.querySelector('ethora-invitations')?.shadowRoot ?? undefined;
/** The invitation row that names this room. */
const invitation = (chat: ChatElement, room: string) =>
  [...(invitations(chat)?.querySelectorAll('li') ?? [])].find((li) => li.querySelector('.text')?.textContent?.includes(room));

/**
 * Mallory prepares the pair's room before Alice and Bob ever talk: members-only and hidden, as
 * a private room would be, MucSub-subscribed herself; then `handOver` makes the two its owners
 * and drops her own affiliation (the room looks like theirs, she still gets every message),
 * else she bans the two and stays (they cannot get in).
 */
async function squat(mallory: Agent, room: string, two: string[], handOver: boolean): Promise<void> {
  const me = await enter(mallory, room, 'mallory');
  expect(me.muc && 'statusCodes' in me.muc ? me.muc.statusCodes : [], 'Mallory created the room').to.include('201');
  await configure(mallory, room, {
    'muc#roomconfig_membersonly': true,
    'muc#roomconfig_publicroom': false,
    'muc#roomconfig_persistentroom': true,
    allow_subscription: true,
    mam: true,
    'muc#roomconfig_whois': 'anyone',
  });
  await subscribe(mallory, room, 'mallory');
  for (const jid of two) await mallory.setRoomAffiliation(room, jid, handOver ? 'owner' : 'outcast');
  if (handOver) {
    await mallory.setRoomAffiliation(room, mallory.jid.split('/')[0], 'none');
    mallory.sendPresence({ to: `${room}/mallory`, type: 'unavailable' });
  }
}

/** What Mallory tries with the room Alice and Bob chat in: "what: outcome" (ejabberd says registration-required or forbidden). */
async function malloryTries(mallory: Agent, room: string): Promise<string[]> {
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'allowed',
      (e: { error?: { condition?: string } }) => e?.error?.condition ?? 'refused',
    );
  const joinAnswer = await enter(mallory, room, 'lurker');
  return [
    `join: ${joinAnswer.type === 'error' ? joinAnswer.error?.condition : 'allowed'}`,
    `archive: ${await outcome(mallory.searchHistory(room, {}))}`,
    `subscribe: ${await outcome(subscribe(mallory, room, 'lurker'))}`,
  ];
}

describe('integration: private chats nobody else can prepare or sit in', function () {
  this.timeout(90000);

  it('a room prepared under the pair’s name (handed to the two, its preparer still subscribed) is not used; the two chat alone, also after a reload', async () => {
    const [alice, bob, mal] = await Promise.all([newUser('sq-a'), newUser('sq-b'), newUser('sq-m')]);
    const mallory = await rawClient(mal.jid, mal.password);
    const pair = `${privateRoomName(alice.jid, bob.jid)}@${SERVICE}`;
    await squat(mallory, pair, [alice.jid, bob.jid], true);
    const heard = overhear(mallory);
    try {
      const a = await mountChat({ jid: alice.jid, password: alice.password });
      const b = await mountChat({ jid: bob.jid, password: bob.password });
      await Promise.all([online(a), online(b)]);
      // Mallory also invites Bob herself, to the room she prepared.
      directInvite(mallory, bob.jid, pair, 'Private chat');
      const room = await createRoom(a, 'private', bob.jid);
      await joined(a, room);
      expect(room, 'not the prepared room').to.not.equal(pair);
      expect(room).to.match(new RegExp(`^${pair.split('@')[0]}-[0-9a-f]{32}@${SERVICE}$`));

      // Bob sees both invitations with their full addresses; Mallory's is refused, Alice's taken.
      const fake = await until(() => invitation(b, pair), 'Mallory’s invitation, with the full room address');
      expect(fake.textContent).to.contain(mal.jid);
      await click(() => fake, 'Join');
      await until(() => /not private/.test(fake.querySelector('[role=alert]')?.textContent ?? ''), 'the refusal, where Bob acted');
      const real = await until(() => invitation(b, room), 'Alice’s invitation');
      expect(real.textContent).to.contain(alice.jid);
      await click(() => real, 'Join');
      await joined(b, room);

      type(a, 'for bob only');
      await until(() => bodies(b).includes('for bob only'), 'Bob to read Alice');
      type(b, 'for alice only');
      await until(() => bodies(a).includes('for alice only'), 'Alice to read Bob');
      await sleep(1000);
      expect(
        heard.filter((m) => m.includes('for bob only') || m.includes('for alice only')),
        'Mallory overheard',
      ).to.deep.equal([]);
      expect(
        (await malloryTries(mallory, room)).filter((t) => t.endsWith(': allowed')),
        'what Mallory may still do',
      ).to.deep.equal([]);

      a.remove();
      b.remove();
      for (const user of [alice, bob]) {
        const again = await mountChat({ jid: user.jid, password: user.password });
        await until(() => sessionOf(again).store.room(room), `${user.user}'s list to keep the private room after a reload`);
        again.openRoom(room);
        await joined(again, room);
        await until(() => ['for bob only', 'for alice only'].every((t) => bodies(again).includes(t)), 'the conversation after a reload');
        expect(sessionOf(again).store.room(pair), 'the prepared room is not listed').to.equal(undefined);
      }
    } finally {
      await disconnect(mallory);
    }
  });

  it('a room prepared under the pair’s name that bans the two does not block them; whoever starts, both end in the same room', async () => {
    const [alice, bob, mal] = await Promise.all([newUser('sq2-a'), newUser('sq2-b'), newUser('sq2-m')]);
    const mallory = await rawClient(mal.jid, mal.password);
    const pair = `${privateRoomName(alice.jid, bob.jid)}@${SERVICE}`;
    await squat(mallory, pair, [alice.jid, bob.jid], false);
    const heard = overhear(mallory);
    try {
      const a = await mountChat({ jid: alice.jid, password: alice.password });
      const b = await mountChat({ jid: bob.jid, password: bob.password });
      await Promise.all([online(a), online(b)]);
      const fromAlice = await createRoom(a, 'private', bob.jid);
      await joined(a, fromAlice);
      expect(fromAlice).to.not.equal(pair);
      // Bob starts a private chat with Alice himself, after her invitation came: the same room.
      await until(() => invitation(b, fromAlice), 'Alice’s invitation');
      const fromBob = await createRoom(b, 'private', alice.jid);
      expect(fromBob).to.equal(fromAlice);
      await joined(b, fromBob);
      type(b, 'only us two');
      await until(() => bodies(a).includes('only us two'), 'Alice to read Bob');
      await sleep(1000);
      expect(
        heard.filter((m) => m.includes('only us two')),
        'Mallory overheard',
      ).to.deep.equal([]);
      expect(
        (await malloryTries(mallory, fromAlice)).filter((t) => t.endsWith(': allowed')),
        'what Mallory may still do',
      ).to.deep.equal([]);

      b.remove();
      const again = await mountChat({ jid: bob.jid, password: bob.password });
      await until(() => sessionOf(again).store.room(fromAlice), 'Bob’s list to keep the private room after a reload');
    } finally {
      await disconnect(mallory);
    }
  });
});
