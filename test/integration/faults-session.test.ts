// After a lost link the widget either resumes the XMPP session (XEP-0198: nothing to redo) or,
// when the server no longer has it, starts a new one: rejoin, then a MAM catch-up from the
// last archived message per room, so nothing said meanwhile is missing or shown twice.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { allDelivered, bodies, connectionOf, joined, messageEl, mountChat, recordJoinStates, type } from './harness.js';
import { PROXY, fault, newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

const FAST = { interval: 1, timeout: 1 };
const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('integration: session after a lost link', () => {
  afterEach(() => fault('heal'));

  async function pair(title: string) {
    const [a, b] = await Promise.all([newUser('sa'), newUser('sb')]);
    const room = await newRoom(title);
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room, service: PROXY, keepAlive: FAST, maxReconnectAttempts: 8 });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(alice, 'before, from alice');
    type(bob, 'before, from bob');
    await until(() => bodies(alice).length === 2 && bodies(bob).length === 2, 'the first messages');
    return { a, alice, bob };
  }

  it('a short drop is resumed: no rejoin, what was said meanwhile arrives once', async function () {
    this.timeout(90000);
    const { alice, bob } = await pair('Resume');
    const joins = recordJoinStates(alice);
    // The server's stream-management answers (for a failure: was a resume refused, and why).
    const sm: string[] = [];
    const client = (connectionOf(alice) as unknown as { client: { on(e: 'sm', f: (x: { type: string; error?: { condition?: string } }) => void): void } })
      .client;
    client.on('sm', (x) => x.type !== 'ack' && x.type !== 'request' && sm.push(x.error?.condition ? `${x.type}:${x.error.condition}` : x.type));
    await fault('cut');
    const gap = range(5, 'during the drop');
    for (const t of gap) type(bob, t);
    type(alice, 'alice during the drop');
    await allDelivered(
      [alice, bob],
      [
        ['before, from alice', 'alice during the drop'],
        ['before, from bob', ...gap],
      ],
    );
    expect(joins, `join states of the resumed session (the server's stream-management answers: ${sm.join(', ') || 'none'})`).to.deep.equal([]);
  });

  it('when the server dropped the session: a new one rejoins and catches up from the archive, no gap, no duplicate', async function () {
    this.timeout(90000);
    const { a, alice, bob } = await pair('New session');
    const joins = recordJoinStates(alice);
    // Alice's link goes silent and the server ends her session: nothing can be resumed, and
    // only the room's archive has what Bob says now.
    await fault('stall');
    await server('server-kick', { user: a.jid });
    const gap = range(5, 'while alice is away');
    for (const t of gap) type(bob, t);
    await until(() => gap.every((t) => messageEl(bob, t)?.getAttribute('status') === 'sent'), 'Bob’s messages to be in the room (echoed)');
    await fault('heal');
    type(alice, 'alice is back');
    await allDelivered(
      [alice, bob],
      [
        ['before, from alice', 'alice is back'],
        ['before, from bob', ...gap],
      ],
    );
    expect(joins, 'join states of the new session').to.include('joining');
    expect(joins[joins.length - 1]).to.equal('joined');
  });
});
