/**
 * Widgets on both nodes of the two-node ejabberd cluster (server kit profile "cluster", shared
 * PostgreSQL): cross-node chat, one history, and the loss of the node that hosts the room
 * (graceful stop and crash) while both users keep typing. Run by `npm run test:cluster`.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, mountChat, renderedMessages, statusText, type } from '../integration/harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { sleep, until } from '../support/wait.js';

const SERVICES: string[] = (globalThis as { ETHORA_TEST_SERVICES?: string[] }).ETHORA_TEST_SERVICES ?? [];

/** A fresh user signed in on node `node` (1 or 2) with `room` open. */
async function widgetOn(node: 1 | 2, room: string, prefix: string): Promise<ChatElement> {
  const u = await newUser(prefix);
  const chat = await mountChat({ service: SERVICES[node - 1], jid: u.jid, password: u.password, rooms: room, maxReconnectAttempts: 20 });
  await joined(chat, room);
  return chat;
}

const roomEl = (chat: ChatElement) => chat.shadowRoot!.querySelector('ethora-room')!;

/** Every join state the widget's room shows from now on (a rejoin shows 'joining' again), with its time. */
function joinStates(chat: ChatElement): { state: string; at: number }[] {
  const seen: { state: string; at: number }[] = [];
  const el = roomEl(chat);
  new MutationObserver(() => seen.push({ state: el.getAttribute('join-state') ?? '', at: Date.now() })).observe(el, {
    attributes: true,
    attributeFilter: ['join-state'],
  });
  return seen;
}

/** Types `count` messages "<who> <i>", one every `everyMs`; resolves with what was typed. */
async function keepTyping(chat: ChatElement, who: string, count: number, everyMs: number): Promise<string[]> {
  const typed: string[] = [];
  for (let i = 1; i <= count; i++) {
    const text = `${who} ${i}`;
    type(chat, text);
    typed.push(text);
    await sleep(everyMs);
  }
  return typed;
}

/** Each expected text shown exactly once, and nothing else. */
function exactlyOnce(chat: ChatElement, expected: string[]): boolean {
  const shown = bodies(chat);
  return shown.length === expected.length && expected.every((t) => shown.filter((x) => x === t).length === 1);
}

const ownAllSent = (chat: ChatElement, who: string) =>
  renderedMessages(chat)
    .filter((m) => m.body.startsWith(who))
    .every((m) => m.status === 'sent');

describe('cluster: two nodes, one room', () => {
  before(() => expect(SERVICES, "the runner gives both nodes' WebSocket URLs").to.have.length(2));
  afterEach(async () => {
    await server('cluster-node-start', { node: 1 }); // never leave node 1 down for the next test
  });

  it('widgets on node 1 and node 2 chat; history is the same through either node and stored once', async () => {
    const room = await newRoom('Two nodes'); // created through node 1: it lives there
    const alice = await widgetOn(1, room, 'c1a');
    const bob = await widgetOn(2, room, 'c2b');
    const sent: string[] = [];
    for (let i = 1; i <= 5; i++) {
      type(alice, `alice ${i}`);
      type(bob, `bob ${i}`);
      sent.push(`alice ${i}`, `bob ${i}`);
    }
    await until(() => exactlyOnce(alice, sent) && exactlyOnce(bob, sent), 'both to show all 10 messages once');
    await until(() => ownAllSent(alice, 'alice') && ownAllSent(bob, 'bob'), 'every message confirmed by the room');

    // Fresh widgets load the room's archive (MAM) through each node: the same history, same order.
    const carol = await widgetOn(1, room, 'c1c');
    const dave = await widgetOn(2, room, 'c2d');
    await until(() => exactlyOnce(carol, sent) && exactlyOnce(dave, sent), 'history through both nodes');
    expect(bodies(carol)).to.deep.equal(bodies(dave));

    const archive = await server<Record<string, number>>('cluster-archive', { room });
    expect(Object.keys(archive).sort()).to.deep.equal([...sent].sort());
    expect(
      Object.values(archive).every((n) => n === 1),
      JSON.stringify(archive),
    ).to.equal(true);
  });

  for (const how of ['stop', 'kill'] as const) {
    it(`node 1 ${how === 'stop' ? 'stops gracefully' : 'is killed'} while both type: the node-2 widget recovers by itself, nothing lost or doubled`, async () => {
      const room = await newRoom(`Failover ${how}`);
      const alice = await widgetOn(1, room, `f${how}a`);
      const bob = await widgetOn(2, room, `f${how}b`);
      type(alice, 'alice hello');
      type(bob, 'bob hello');
      const before = ['alice hello', 'bob hello'];
      await until(() => exactlyOnce(alice, before) && exactlyOnce(bob, before), 'the first messages');

      const bobStates = joinStates(bob);
      const typing = Promise.all([keepTyping(alice, 'alice', 15, 200), keepTyping(bob, 'bob', 15, 200)]);
      await sleep(1000);
      const lost = Date.now();
      await server(`cluster-node-${how}`, { node: 1 });
      const [aliceTyped, bobTyped] = await typing;

      // Bob (node 2) rejoins by himself while node 1 is still down, and all his messages get through.
      await until(() => bobStates.some((s) => s.state === 'joining') && roomEl(bob).getAttribute('join-state') === 'joined', 'Bob to rejoin the room', 30000);
      await until(() => ownAllSent(bob, 'bob'), 'all of Bob’s messages confirmed', 30000);
      const recoveredMs = Date.now() - lost;
      expect((await server<{ up: boolean }[]>('cluster-nodes'))[0].up, 'node 1 is still down').to.equal(false);
      expect(statusText(bob)).to.equal('Online');
      type(bob, 'bob after');
      await until(() => ownAllSent(bob, 'bob') && bodies(bob).includes('bob after'), 'Bob’s message after the recovery');
      const rejoining = bobStates.find((s) => s.state === 'joining')!;
      const rejoined = bobStates.find((s) => s.state === 'joined' && s.at >= rejoining.at)!;
      console.log(
        `node 1 ${how}: Bob's widget noticed ${rejoining.at - lost} ms after the ${how} began, showed "Reconnecting to room" for ` +
          `${rejoined.at - rejoining.at} ms, all his messages confirmed ${recoveredMs} ms after it (states: ${bobStates.map((s) => s.state).join(' > ')})`,
      );

      // Node 1 comes back: Alice's widget reconnects, rejoins (the room is on node 2 now) and
      // sends what she typed meanwhile. Both show everything exactly once.
      await server('cluster-node-start', { node: 1 });
      const all = [...before, ...aliceTyped, ...bobTyped, 'bob after'];
      await until(() => exactlyOnce(alice, all) && exactlyOnce(bob, all), 'both to show every message exactly once', 60000);
      await until(() => ownAllSent(alice, 'alice') && ownAllSent(bob, 'bob'), 'every message confirmed', 30000);
      expect(exactlyOnce(alice, all), bodies(alice).join(', ')).to.equal(true);
      expect(exactlyOnce(bob, all), bodies(bob).join(', ')).to.equal(true);

      const archive = await server<Record<string, number>>('cluster-archive', { room });
      expect(Object.keys(archive).sort()).to.deep.equal([...all].sort());
      expect(
        Object.entries(archive).filter(([, n]) => n !== 1),
        'archived more than once',
      ).to.deep.equal([]);
    });
  }
});
