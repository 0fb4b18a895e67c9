// Faults on the link between the browser and the real ejabberd, injected by the fault proxy
// (server/fault-proxy.mjs): every message must still be shown exactly once, in order, for
// every user, and the widget must come back by itself.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { allDelivered, bodies, joined, mountChat, recordJoinStates, recordStatuses, statusText, timelineMessages, type, type ChatOptions } from './harness.js';
import { fault, newRoom, newUser, PROXY, server } from '../support/kit.js';
import { sleep, until } from '../support/wait.js';

/** Short bounds so a dead link is noticed within 2 s. */
const FAST = { interval: 1, timeout: 1, connectTimeout: 20 };
const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

async function pair(title: string, alice: Partial<ChatOptions>, bob: Partial<ChatOptions> = {}) {
  const [a, b] = await Promise.all([newUser('fa'), newUser('fb')]);
  const room = await newRoom(title);
  const base = { rooms: room, maxReconnectAttempts: 8, keepAlive: FAST };
  const chats = await Promise.all([
    mountChat({ ...base, jid: a.jid, password: a.password, ...alice }),
    mountChat({ ...base, jid: b.jid, password: b.password, ...bob }),
  ]);
  await Promise.all(chats.map((c) => joined(c, room)));
  return { alice: chats[0], bob: chats[1], room };
}

describe('integration: link faults (fault proxy)', () => {
  afterEach(async () => {
    await fault('heal');
    await server('server-start');
  });

  it('cut during a burst of 100 sends from each of two users: all 200 shown once, in order, for both', async function () {
    this.timeout(120000);
    const { alice, bob } = await pair('Burst cut', { service: PROXY }, { service: PROXY });
    const joins = recordJoinStates(alice);
    const fromAlice = range(100, 'alice');
    const fromBob = range(100, 'bob');
    let cut = 0;
    for (let i = 0; i < 100; i++) {
      type(alice, fromAlice[i]);
      type(bob, fromBob[i]);
      if (i === 40) cut = await fault('cut');
      if (i % 5 === 4) await sleep(10);
    }
    expect(cut, 'links cut').to.be.at.least(2);
    await allDelivered([alice, bob], [fromAlice, fromBob], 90000);
    expect(statusText(alice)).to.equal('Online');
    // A short drop is resumed (XEP-0198): the room was never left.
    expect(joins).to.not.include('joining');
  });

  it('a stalled link (open but silent) is detected by the keepalive and recovered, hanging connects abandoned', async function () {
    this.timeout(90000);
    const { alice, bob } = await pair('Stall', { service: PROXY, keepAlive: { ...FAST, connectTimeout: 3 } });
    const statuses = recordStatuses(alice);
    const joins = recordJoinStates(alice);
    await fault('stall');
    type(alice, 'sent into the stall');
    type(bob, 'bob during the stall');
    await until(() => statusText(alice).startsWith('Reconnecting'), 'the keepalive to notice the stall', 10000);
    // The next attempt's handshake hangs in the stall too: it must be given up, not waited on forever.
    await until(() => statuses.some((s) => s === 'reconnecting:2'), 'a hanging connect attempt to be abandoned', 30000);
    await fault('heal');
    await allDelivered([alice, bob], [['sent into the stall'], ['bob during the stall']]).catch((e: Error) => {
      // What each side has, and the path Alice's connection took, for a failure that is rare.
      const has = (chat: typeof alice) =>
        timelineMessages(chat)
          .map((m) => `${m.body}:${m.status}`)
          .join(', ');
      throw new Error(
        `${e.message}; alice has [${has(alice)}], bob has [${has(bob)}], alice's statuses ${statuses.join(' ')}, room states ${joins.join(' ') || '(none: resumed)'}`,
      );
    });
    expect(statusText(alice)).to.equal('Online');
  });

  it('a slow link (latency on every frame) still delivers everything in order and is not declared dead', async function () {
    this.timeout(90000);
    await fault('slow', { latencyMs: 300 });
    const { alice, bob } = await pair('Slow', { service: PROXY, keepAlive: { ...FAST, timeout: 2 } });
    const statuses = recordStatuses(alice);
    const fromAlice = range(30, 'slow alice');
    const fromBob = range(10, 'slow bob');
    for (let i = 0; i < 30; i++) {
      type(alice, fromAlice[i]);
      if (i % 3 === 0) type(bob, fromBob[i / 3]);
      await sleep(20);
    }
    await allDelivered([alice, bob], [fromAlice, fromBob]);
    // 600 ms round trips are slow, not dead (the check waits 2 s: headroom for a busy machine).
    expect(statuses, 'status changes on a slow link').to.deep.equal([]);
  });

  for (const direction of ['drop-up', 'drop-down'] as const) {
    it(`${direction}: a link that silently loses one direction is detected and nothing is lost`, async function () {
      this.timeout(90000);
      const { alice, bob } = await pair(`Drop ${direction}`, { service: PROXY });
      const joins = recordJoinStates(alice);
      type(alice, 'before');
      await until(() => bodies(bob).includes('before'), 'the first message');
      expect(await fault(direction)).to.be.at.least(1);
      type(alice, `alice into ${direction}`);
      type(bob, `bob into ${direction}`);
      await until(() => statusText(alice).startsWith('Reconnecting'), 'the keepalive to notice', 10000);
      await allDelivered([alice, bob], [['before', `alice into ${direction}`], [`bob into ${direction}`]]);
      expect(joins, 'resumed, not rejoined').to.not.include('joining');
    });
  }
});
