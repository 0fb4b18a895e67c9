/**
 * What the server acknowledged survives a crash: a room echoes a burst of messages while the node
 * is killed (SIGKILL); after the restart, every message that was echoed is in the room's archive,
 * exactly once. (On the old Mnesia storage the last echoed messages were missing.)
 */
import { expect } from '@open-wc/testing';
import { newRoom, server } from '../support/kit.js';
import { archive, bodyOf, connect, freshClient, join, xmlAttr } from '../support/raw-client.js';

describe('server: storage keeps what it acknowledged', () => {
  it('has every echoed message in the archive once after kill -9 during a burst', async function () {
    this.timeout(180000);
    const sender = await freshClient('burst');
    const room = await newRoom('Burst');
    await join(sender, room);
    const echoed = new Set<string>();
    sender.client.on('raw:incoming', (data: string) => {
      for (const m of data.matchAll(/<body>(burst-\d+)<\/body>/g)) echoed.add(m[1]);
    });
    // Enough that the kill (a command of the kit, some ms away) lands while the room still echoes,
    // on a fast machine too: with 400 a busy moment let the whole burst through first.
    const N = 1000;
    for (let i = 0; i < N; i++) {
      sender.send(`<message type="groupchat" to="${xmlAttr(room)}" id="b${i}"><body>burst-${i}</body></message>`);
    }
    // Kill the node while the room is still echoing the burst.
    const t0 = Date.now();
    while (echoed.size < 40 && Date.now() - t0 < 30000) await new Promise((r) => setTimeout(r, 5));
    await server('server-kill');
    const atKill = echoed.size;
    expect(atKill, 'echoes before the kill').to.be.greaterThan(0);
    sender.close();
    await server('server-start');

    const reader = await connect(sender.jid, sender.password, sender.user);
    try {
      const rows = await archive(reader, room);
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(bodyOf(r.message), (counts.get(bodyOf(r.message)) ?? 0) + 1);
      const missing = [...echoed].filter((b) => !counts.has(b));
      const doubled = [...counts].filter(([, n]) => n > 1).map(([b]) => b);
      expect(missing, `echoed (${echoed.size}, ${atKill} when killed) but not archived`).to.deep.equal([]);
      expect(doubled, 'archived twice').to.deep.equal([]);
      // The kill came during the burst: not all of it was echoed (else the test proves nothing).
      expect(echoed.size, 'echoed before the node died').to.be.lessThan(N);
    } finally {
      reader.close();
    }
  });
});
