/**
 * server/modules/mod_ethora_push.erl and mod_ethora_stats.erl through the kit's server and its
 * local receiver (server/receiver.mjs, started by the test runner's server commands): a room
 * message for an offline subscriber is POSTed as a push; every room message is counted by room.
 */
import { expect } from '@open-wc/testing';
import { newRoom, newUser, server } from '../support/kit.js';
import { freshClient, join, say } from '../support/raw-client.js';
import { sleep } from '../support/wait.js';

type Push = Record<string, string>;

async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 15000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 300)}`);
    await sleep(200);
  }
}

describe('server modules: offline push and stats', () => {
  it('POSTs a room message for an offline MucSub subscriber to the push endpoint, not chat states', async () => {
    const room = await newRoom('Push');
    const offline = await newUser('off');
    await server('server-subscribe', { user: offline.jid, room });
    const bob = await freshClient('pushb');
    try {
      await join(bob, room);
      await say(bob, room, '<composing xmlns="http://jabber.org/protocol/chatstates"/>');
      const sent = await say(
        bob,
        room,
        '<body>are you there?</body><data xmlns="jabber:client" fullName="Bob Builder" photo="https://cdn.example.com/b.png"/>',
      );
      const [push] = await poll(
        () => server<Push[]>('server-pushes', { jid: offline.jid }),
        (p) => p.length > 0,
        'the push',
      );
      expect(push).to.include({
        jid: offline.jid,
        MUCID: room,
        msgText: 'are you there?',
        msgID: sent.stanzaId,
        fullName: 'Bob Builder',
        image: 'https://cdn.example.com/b.png',
        project: 'ethora-kit',
      });
      await sleep(1000);
      expect(await server<Push[]>('server-pushes', { jid: offline.jid }), 'one push: the chat state was not pushed').to.have.length(1);
    } finally {
      bob.close();
    }
  });

  it('counts each room message in the stats receiver, which serves a chart page', async () => {
    const [roomA, roomB] = [await newRoom('Stats A'), await newRoom('Stats B')];
    const alice = await freshClient('stat');
    try {
      await join(alice, roomA);
      await join(alice, roomB);
      for (let i = 0; i < 3; i++) await say(alice, roomA, `<body>a${i}</body>`);
      await say(alice, roomB, '<body>b0</body>');
      await say(alice, roomB, '<composing xmlns="http://jabber.org/protocol/chatstates"/>');
      type Stats = { rooms: Record<string, { total: number }> };
      const stats = await poll(
        () => server<Stats>('server-stats'),
        (s) => s.rooms[roomA]?.total === 3 && s.rooms[roomB]?.total === 1,
        'the counts',
      );
      expect(stats.rooms[roomA].total).to.equal(3);
      await sleep(1000);
      expect((await server<Stats>('server-stats')).rooms[roomB].total, 'the chat state is not a message').to.equal(1);
      const page = await server<{ status: number; type: string; text: string }>('server-receiver-get', { path: '/stats' });
      expect(page.status).to.equal(200);
      expect(page.type).to.contain('text/html');
      expect(page.text).to.contain('<svg').and.contain(roomA);
    } finally {
      alice.close();
    }
  });
});
