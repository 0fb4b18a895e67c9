import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { joined, mountChat, recordStatuses, statusText } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';
import { surviveRestart } from './core-scenarios.js';

describe('integration: reconnect', function () {
  // The server stops and starts (Erlang boots in seconds) and StanzaJS backs off up to 16 s.
  this.timeout(90000);
  afterEach(async () => {
    await server('server-start'); // never leave the shared server down
  });

  it('survives a server restart: messages sent during the outage arrive exactly once, nothing missing', () => surviveRestart('restart', 'Restart'));

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
