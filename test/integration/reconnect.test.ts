import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { bodies, joined, mountChat, recordStatuses, renderedMessages, statusText, systemLines, type } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

describe('integration: reconnect', function () {
  // The server stops and starts (Erlang boots in seconds) and StanzaJS backs off up to 16 s.
  this.timeout(90000);
  afterEach(async () => {
    await server('server-start'); // never leave the shared server down
  });

  it('survives a server restart: messages sent during the outage arrive exactly once, nothing missing', async () => {
    const [a, b] = await Promise.all([newUser('ra'), newUser('rb')]);
    const room = await newRoom('Restart');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room, maxReconnectAttempts: 8 });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room, maxReconnectAttempts: 8 });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(alice, 'before');
    await until(() => bodies(bob).includes('before'), 'the first message');

    await server('server-stop');
    await until(() => /Reconnecting|Error/.test(statusText(alice)), 'Alice to notice the outage', 20000);
    type(alice, 'during 1');
    type(alice, 'during 2');
    type(bob, 'bob during');
    const pending = () =>
      renderedMessages(alice)
        .filter((m) => m.status === 'pending')
        .map((m) => m.body);
    await until(() => pending().length === 2, 'the messages typed offline to show as pending');
    expect(pending()).to.deep.equal(['during 1', 'during 2']);

    await server('server-start');
    const all = ['before', 'during 1', 'during 2', 'bob during'];
    const sameSet = (list: string[]) => all.every((t) => list.filter((x) => x === t).length === 1) && list.length === all.length;
    await until(() => sameSet(bodies(alice)) && sameSet(bodies(bob)), 'both to see every message once', 60000).catch((e: Error) => {
      const seen = (chat: typeof alice) => `"${statusText(chat)}" ${JSON.stringify(renderedMessages(chat).map((m) => `${m.body}:${m.status}`))}`;
      throw new Error(`${e.message}: Alice ${seen(alice)}, Bob ${seen(bob)}`);
    });
    await until(() => renderedMessages(alice).every((m) => m.status === 'sent'), 'Alice’s messages confirmed', 20000);
    expect(statusText(alice)).to.equal('Online');
    // Alice's own messages keep their order.
    expect(bodies(bob).filter((t) => t !== 'bob during')).to.deep.equal(['before', 'during 1', 'during 2']);
    // The rooms were joined again (a new session) and sent their unchanged subject again: no news.
    expect(systemLines(alice).filter((l) => /subject/.test(l))).to.deep.equal([]);
  });

  it('after three failed attempts shows the error state with a Retry button that works', async function () {
    const u = await newUser('retry');
    const room = await newRoom('Retry');
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room, maxReconnectAttempts: 3 });
    await joined(chat, room);
    const statuses = recordStatuses(chat);
    await server('server-stop');
    await until(() => statusText(chat).startsWith('Error'), 'the error state', 45000);
    expect(
      statuses.filter((s) => s.startsWith('reconnecting')),
      'the attempts shown',
    ).to.deep.equal(['reconnecting:1', 'reconnecting:2', 'reconnecting:3']);
    const retry = chat.shadowRoot!.querySelector('ethora-connection-status')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]');
    expect(retry).to.exist;
    await server('server-start');
    retry!.click();
    await until(() => statusText(chat) === 'Online', 'online again after Retry', 30000);
  });

  it('tries again by itself when the browser says the network is back', async () => {
    const u = await newUser('online');
    const room = await newRoom('Online event');
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room, maxReconnectAttempts: 1 });
    await joined(chat, room);
    await server('server-stop');
    await until(() => statusText(chat).startsWith('Error'), 'the error state', 30000);
    await server('server-start');
    window.dispatchEvent(new Event('online'));
    await until(() => statusText(chat) === 'Online', 'online again without Retry', 30000);
    await joined(chat, room);
  });
});
