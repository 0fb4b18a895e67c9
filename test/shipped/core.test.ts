// The integration core (sign-in, history, sending, reconnecting, a language from beside the
// script) against the minified dist/ethora-chat.js itself: the code that ships, not src/.
import { expect } from '@open-wc/testing';
import { bodies, joined, mountChat, renderedMessages, roomNames, roomView, statusText, type } from '../integration/harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';
import { loadShippedScript } from './load-script.js';

describe('shipped: dist/ethora-chat.js', function () {
  this.timeout(90000);
  before(async () => {
    await loadShippedScript('/dist/ethora-chat.js');
    // Nothing from src/ on this page: the elements are the script's.
    expect(customElements.get('ethora-chat')).to.exist;
  });
  afterEach(async () => {
    await server('server-start'); // never leave the shared server down
  });

  it('refuses a wrong password, then signs in through the form', async () => {
    const u = await newUser('sh-form');
    const room = await newRoom('Shipped form');
    const wrong = await mountChat({ jid: u.jid, password: 'not-the-password' });
    await until(() => statusText(wrong).startsWith('Error'), 'the error state');
    expect(statusText(wrong)).to.match(/wrong (username or )?password/i);

    const chat = await mountChat({ rooms: room });
    const login = await until(() => chat.shadowRoot!.querySelector('ethora-login'), 'the sign-in form');
    const form = login.shadowRoot!.querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name=jid]')!.value = u.jid;
    form.querySelector<HTMLInputElement>('[name=password]')!.value = u.password;
    form.requestSubmit();
    await joined(chat, room);
    expect(roomNames(chat)).to.deep.equal(['Shipped form']);
  });

  it('sends and receives through the real server, each message once, confirmed', async () => {
    const [a, b] = await Promise.all([newUser('sh-a'), newUser('sh-b')]);
    const room = await newRoom('Shipped');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(alice, 'from the script <b>not bold</b>');
    type(bob, 'é ü 日本 🎉');
    await until(() => bodies(bob).includes('from the script <b>not bold</b>'), 'Bob to receive it');
    await until(() => bodies(alice).includes('é ü 日本 🎉'), 'Alice to receive non-ASCII text intact');
    await until(() => renderedMessages(alice).every((m) => m.status === 'sent'), 'the echo to confirm it');
    expect(bodies(alice)).to.deep.equal(['from the script <b>not bold</b>', 'é ü 日本 🎉']);
    expect(roomView(bob)!.querySelector('b')).to.equal(null);
  });

  it('pages back through the archive to the start of a 60-message room', async () => {
    const [writer, reader] = await Promise.all([newUser('sh-writer'), newUser('sh-reader')]);
    const room = await newRoom('Shipped history');
    await server('server-send-messages', { room, user: writer.jid, count: 60 });
    const chat = await mountChat({ jid: reader.jid, password: reader.password, rooms: room });
    await joined(chat, room);
    await until(() => bodies(chat).slice(-1)[0] === 'Message 60', 'the newest page');
    const log = roomView(chat)!.querySelector<HTMLElement>('[part=timeline]')!;
    await until(
      () => {
        log.scrollTop = 0;
        log.dispatchEvent(new Event('scroll'));
        return roomView(chat)!.querySelector('.notice')?.textContent?.includes('Start of the conversation');
      },
      'the start of the conversation',
      30000,
    );
    expect(bodies(chat)).to.deep.equal(Array.from({ length: 60 }, (_, i) => `Message ${i + 1}`));
  });

  it('survives a server restart: what was typed meanwhile arrives once', async () => {
    const [a, b] = await Promise.all([newUser('sh-ra'), newUser('sh-rb')]);
    const room = await newRoom('Shipped restart');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room, maxReconnectAttempts: 8 });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room, maxReconnectAttempts: 8 });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(alice, 'before');
    await until(() => bodies(bob).includes('before'), 'the first message');
    await server('server-stop');
    await until(() => /Reconnecting|Error/.test(statusText(alice)), 'Alice to notice the outage', 20000);
    type(alice, 'during');
    await server('server-start');
    await until(() => bodies(bob).join('|') === 'before|during', 'Bob to see both messages once', 60000);
    await until(() => renderedMessages(alice).every((m) => m.status === 'sent'), 'Alice’s message confirmed', 20000);
    expect(statusText(alice)).to.equal('Online');
  });

  it('speaks Spanish with the catalogue fetched from beside the script', async () => {
    const u = await newUser('sh-es');
    const wrap = await mountChat({ jid: u.jid, password: u.password });
    wrap.lang = 'es';
    await until(() => statusText(wrap) === 'En línea', 'the Spanish status');
    const fetched = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    expect(fetched).to.include('/dist/ethora-chat-es.json');
    expect(fetched).not.to.include('/dist/ethora-chat-ar.json');
  });
});
