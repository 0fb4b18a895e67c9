/**
 * <ethora-chat>'s session lifecycle without a server: the session's start is replaced by a
 * recorder (the network part is not under test), so what is observed is when the element
 * (re)starts its session, and the floating panel's open state on a first and a later visit.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { RESTART_KEYS, type ChatElement } from '../../src/elements/chat-element.js';
import type { RestartKey } from '../../src/controllers/session-lifecycle-controller.js';
import type { ChatSession, SessionOptions } from '../../src/session/chat-session.js';

const sessionOf = (chat: ChatElement) => (chat as unknown as { session: ChatSession }).session;

/** A widget with complete settings whose session records its starts instead of connecting. */
async function recordingChat(): Promise<{ chat: ChatElement; starts: SessionOptions[]; settle: () => Promise<void> }> {
  const chat = document.createElement('ethora-chat');
  const starts: SessionOptions[] = [];
  const session = sessionOf(chat);
  session.start = async (options) => void starts.push(options);
  session.stop = async () => undefined;
  chat.service = 'ws://127.0.0.1:1/ws';
  chat.jid = 'alice@localhost';
  chat.password = 'secret';
  chat.rooms = 'lobby@conference.localhost';
  await fixture(html`<div>${chat}</div>`);
  const settle = async () => {
    // A start awaits the account (a callback may be asked): let it get there.
    for (let i = 0; i < 3; i++) {
      await chat.updateComplete;
      await new Promise((r) => setTimeout(r));
    }
  };
  await settle();
  return { chat, starts, settle };
}

/** A new value for every restart key: the type makes a key added to RESTART_KEYS need one here. */
const newValues: Record<RestartKey, unknown> = {
  service: 'ws://127.0.0.1:2/ws',
  jid: 'bob@localhost',
  password: 'another',
  credentials: () => ({ jid: 'carol@localhost', password: 'token' }),
  rooms: 'lobby@conference.localhost design@conference.localhost',
  room: 'support@conference.localhost',
  nick: 'ally',
  maxReconnectAttempts: 7,
  dialect: 'ethora',
  upload: 'rest',
};

describe('<ethora-chat> session lifecycle', () => {
  it('starts once with complete settings and the password taken out of the element', async () => {
    const { chat, starts } = await recordingChat();
    expect(starts.length).to.equal(1);
    expect(starts[0]).to.include({ service: 'ws://127.0.0.1:1/ws', jid: 'alice@localhost', password: 'secret' });
    expect(chat.password).to.equal('');
    chat.remove();
  });

  for (const key of RESTART_KEYS) {
    it(`restarts the session when ${key} changes`, async () => {
      const { chat, starts, settle } = await recordingChat();
      (chat as unknown as Record<string, unknown>)[key] = newValues[key];
      await settle();
      expect(starts.length, `starts after ${key} changed`).to.equal(2);
      if (key === 'credentials') expect(starts[1].jid).to.equal('carol@localhost');
      chat.remove();
    });
  }

  it('keeps the session when a live or next-connect setting changes', async () => {
    const { chat, starts, settle } = await recordingChat();
    chat.messageFilter = (text) => text.toUpperCase();
    chat.lang = 'es';
    chat.inlineMediaHosts = 'files.example.com';
    chat.keepAlive = { interval: 30 };
    chat.persistOutbox = false;
    chat.view = 'floating';
    chat.open = true;
    chat.appToken = 'app';
    chat.xmppDomain = 'example.com';
    await settle();
    expect(starts.length).to.equal(1);
    // ...and they did reach the session.
    expect(sessionOf(chat).messageFilter?.('hi', 'r')).to.equal('HI');
    expect([...(sessionOf(chat).mediaHosts ?? [])]).to.deep.equal(['files.example.com']);
    chat.remove();
  });

  it('setting a value equal to the running one does not restart', async () => {
    const { chat, starts, settle } = await recordingChat();
    chat.service = 'ws://127.0.0.1:1/ws';
    chat.rooms = 'lobby@conference.localhost';
    await settle();
    expect(starts.length).to.equal(1);
    chat.remove();
  });

  it('the README names the same attributes as restarting the session', async () => {
    const readme = await (await fetch('/README.md')).text();
    const sentence = /^Changing (.+) restarts the session\.$/m.exec(readme);
    expect(sentence, 'the README sentence "Changing … restarts the session."').to.not.equal(null);
    const named = [...sentence![1].matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
    const attribute = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    expect(named).to.deep.equal(RESTART_KEYS.map(attribute).sort());
  });
});

describe('<ethora-chat view="floating"> open state', () => {
  const key = 'ethora-chat:open:floating-test';
  afterEach(() => localStorage.removeItem(key));

  const frameShown = (chat: ChatElement) => getComputedStyle(chat.shadowRoot!.querySelector('[part=frame]')!).display !== 'none';

  it('a first visit shows the panel the page opened', async () => {
    localStorage.removeItem(key);
    const chat = await fixture<ChatElement>(html`<ethora-chat id="floating-test" view="floating" open></ethora-chat>`);
    expect(chat.open).to.equal(true);
    expect(frameShown(chat)).to.equal(true);
  });

  it('a first visit without open shows the launcher only', async () => {
    localStorage.removeItem(key);
    const chat = await fixture<ChatElement>(html`<ethora-chat id="floating-test" view="floating"></ethora-chat>`);
    expect(chat.open).to.equal(false);
    expect(frameShown(chat)).to.equal(false);
  });

  it('once the user closed the panel, it stays closed on the next visit though the page says open', async () => {
    localStorage.removeItem(key);
    const first = await fixture<ChatElement>(html`<ethora-chat id="floating-test" view="floating" open></ethora-chat>`);
    first.shadowRoot!.querySelector<HTMLButtonElement>('[part=launcher]')!.click();
    await first.updateComplete;
    expect(frameShown(first)).to.equal(false);
    first.remove();
    const again = await fixture<ChatElement>(html`<ethora-chat id="floating-test" view="floating" open></ethora-chat>`);
    expect(again.open).to.equal(false);
    again.remove();
  });

  it('once the user opened the panel, it is open on the next visit though the page does not say so', async () => {
    localStorage.removeItem(key);
    const first = await fixture<ChatElement>(html`<ethora-chat id="floating-test" view="floating"></ethora-chat>`);
    first.shadowRoot!.querySelector<HTMLButtonElement>('[part=launcher]')!.click();
    await first.updateComplete;
    first.remove();
    const again = await fixture<ChatElement>(html`<ethora-chat id="floating-test" view="floating"></ethora-chat>`);
    expect(again.open).to.equal(true);
    expect(frameShown(again)).to.equal(true);
    again.remove();
  });
});
