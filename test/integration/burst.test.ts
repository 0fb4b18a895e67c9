import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { bodies, joined, mountChat, roomView } from './harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { freshClient, join } from '../support/raw-client.js';
import { until } from '../support/wait.js';

const BURST = 1500;

describe('integration: a burst of messages', function () {
  this.timeout(120000);

  it(`shows the last of ${BURST} messages sent back to back, at the bottom of the view, the reader still following`, async () => {
    const [a, room] = await Promise.all([newUser('burst'), newRoom('Burst')]);
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(alice, room);
    const bob = await freshClient('burstb');
    await join(bob, room);
    for (let i = 1; i <= BURST; i++) bob.send(`<message type="groupchat" to="${room}" id="b${i}"><body>burst ${i}</body></message>`);
    await until(() => bodies(alice).includes(`burst ${BURST}`), 'the last message shown', 90000).catch((e: Error) => {
      const shown = bodies(alice);
      throw new Error(
        `${e.message}: ${shown.length} shown, the last "${shown[shown.length - 1]}"; new-messages button: ${roomView(alice)?.querySelector('.new')?.textContent ?? 'none'}`,
      );
    });
    const view = roomView(alice)!;
    expect(view.querySelector('.new'), 'no "new messages" button: the reader never left the newest').to.equal(null);
    const log = view.querySelector<HTMLElement>('.log')!;
    const below = () => log.scrollHeight - log.scrollTop - log.clientHeight;
    await until(() => below() < 2, 'the view at the newest message', 3000).catch((e: Error) => {
      throw new Error(`${e.message}: ${below()} px below it`);
    });

    bob.close();
  });
});
