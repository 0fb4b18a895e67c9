// The shipped single script, loaded by a plain <script src> as a site owner would: it must
// define the elements and chat through the real server (StanzaJS bundled, Jingle stubbed out).
import { expect } from '@open-wc/testing';
import { bodies, joined, mountChat, renderedMessages, type } from './harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';

describe('integration: dist/ethora-chat.js', () => {
  before(async () => {
    const script = document.createElement('script');
    script.src = '/dist/ethora-chat.js';
    const loaded = new Promise((resolve, reject) => ((script.onload = resolve), (script.onerror = reject)));
    document.head.append(script);
    await loaded;
  });

  it('defines the elements and sends and receives through the real server', async () => {
    expect(customElements.get('ethora-chat')).to.exist;
    const [a, b] = await Promise.all([newUser('ba'), newUser('bb')]);
    const room = await newRoom('Bundle');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(alice, 'from the bundle');
    await until(() => bodies(bob).includes('from the bundle'), 'Bob to receive it');
    await until(() => renderedMessages(alice)[0]?.status === 'sent', 'the echo to confirm it');
  });
});
