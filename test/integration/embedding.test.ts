import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, mountChat, roomNames, sessionOf, type } from './harness.js';
import { newRoom, newUser, SERVICE } from '../support/kit.js';
import { until } from '../support/wait.js';

describe('integration: JS API and events', function () {
  this.timeout(40000);

  it('reports connection, messages, unread and room changes as DOM events, and sends through the API', async () => {
    const [a, b] = await Promise.all([newUser('api-a'), newUser('api-b')]);
    const [r1, r2] = await Promise.all([newRoom('API one'), newRoom('API two')]);
    const wrap = await fixture<HTMLDivElement>(html`<div style="height:500px;width:800px"></div>`);
    // Details as a page sees them: whatever each event carries (the test reads the fields it expects).
    const events: {
      name: string;
      detail: Record<string, never> & { status: string; room: string; message: { key: string; body: string; room: string }; total: number };
    }[] = [];
    for (const name of ['ethora-connection-change', 'ethora-message-received', 'ethora-message-sent', 'ethora-unread-change', 'ethora-room-open']) {
      wrap.addEventListener(name, (e) => events.push({ name, detail: (e as CustomEvent<(typeof events)[number]['detail']>).detail })); // they bubble
    }
    const alice = document.createElement('ethora-chat');
    Object.assign(alice, { service: SERVICE, jid: a.jid, password: a.password, rooms: `${r1} ${r2}` });
    wrap.append(alice);
    await joined(alice, r1);
    expect(events.filter((e) => e.name === 'ethora-connection-change').map((e) => e.detail.status)).to.include.members(['connecting', 'online']);
    expect(events.find((e) => e.name === 'ethora-room-open')!.detail.room).to.equal(r1);

    // Alice is in r2 too before Bob writes there, so his message comes live, not from history.
    const store = sessionOf(alice).store;
    await until(() => store.room(r2)?.join === 'joined', 'Alice in r2');
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: r2 });
    await joined(bob, r2);
    type(bob, 'hello <i>API</i>');
    const received = await until(() => events.find((e) => e.name === 'ethora-message-received'), 'message-received');
    expect([received.detail.room, received.detail.message.body]).to.deep.equal([r2, 'hello <i>API</i>']);
    await until(() => events.some((e) => e.name === 'ethora-unread-change' && e.detail.total === 1), 'unread-change to 1');
    expect(alice.state.totalUnread).to.equal(1);

    const key = alice.sendMessage(r2, 'sent by the page');
    expect(key).to.be.a('string');
    const sent = await until(() => events.find((e) => e.name === 'ethora-message-sent'), 'message-sent');
    expect([sent.detail.message.key, sent.detail.message.body]).to.deep.equal([key, 'sent by the page']);
    await until(() => bodies(bob).includes('sent by the page'), 'Bob receives it');

    alice.openRoom(r2);
    await until(() => events.some((e) => e.name === 'ethora-room-open' && e.detail.room === r2), 'room-open for room two');
    expect(alice.state.activeRoom).to.equal(r2);
  });

  it('disconnect() goes offline and stays there; connect() comes back', async () => {
    const u = await newUser('api-c');
    const room = await newRoom('API three');
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room });
    await joined(chat, room);
    await chat.disconnect();
    expect(chat.state.connection.status).to.equal('offline');
    await chat.connect();
    await joined(chat, room);
    expect(chat.state.connection.status).to.equal('online');
  });

  it('applies the message filter: transforms or vetoes outgoing text', async () => {
    const [a, b] = await Promise.all([newUser('flt-a'), newUser('flt-b')]);
    const room = await newRoom('Filtered');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    alice.messageFilter = (text) => (/forbidden/i.test(text) ? null : text.replace(/darn/g, 'd**n'));
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(alice, 'this is forbidden');
    type(alice, 'darn it');
    await until(() => bodies(bob).includes('d**n it'), 'the filtered text');
    expect(bodies(bob)).to.deep.equal(['d**n it']);
    expect(bodies(alice)).to.deep.equal(['d**n it']);
  });
});

describe('integration: view modes', () => {
  it('room attribute: one room, no room list', async () => {
    const u = await newUser('single');
    const [room, other] = await Promise.all([newRoom('Support'), newRoom('Elsewhere')]);
    const chat = await fixture<ChatElement>(
      html`<ethora-chat style="height:400px" service=${SERVICE} jid=${u.jid} password=${u.password} room=${room}></ethora-chat>`,
    );
    void other;
    await joined(chat, room);
    expect(chat.shadowRoot!.querySelector('ethora-room-list')).to.equal(null);
    expect(roomNames(chat)).to.deep.equal([]);
    expect(chat.state.rooms.map((r) => r.jid)).to.deep.equal([room]);
  });

  it('floating: a launcher opens and closes the panel and remembers it', async () => {
    const u = await newUser('float');
    const room = await newRoom('Floating');
    localStorage.removeItem('ethora-chat:open:floaty');
    const chat = await fixture<ChatElement>(
      html`<ethora-chat id="floaty" view="floating" service=${SERVICE} jid=${u.jid} password=${u.password} rooms=${room}></ethora-chat>`,
    );
    const launcher = chat.shadowRoot!.querySelector<HTMLButtonElement>('[part=launcher]')!;
    const frame = chat.shadowRoot!.querySelector<HTMLElement>('[part=frame]')!;
    expect(getComputedStyle(frame).display).to.equal('none');
    launcher.click();
    await chat.updateComplete;
    expect(getComputedStyle(frame).display).to.equal('flex');
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(localStorage.getItem('ethora-chat:open:floaty')).to.equal('1');
    await joined(chat, room);
    chat.remove();
    const again = await fixture<ChatElement>(
      html`<ethora-chat id="floaty" view="floating" service=${SERVICE} jid=${u.jid} password=${u.password} rooms=${room}></ethora-chat>`,
    );
    expect(again.open).to.equal(true);
    again.remove();
  });
});
