import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { bodies, joined, mountChat, online, renderedMessages, roomNames, statusText, type } from './harness.js';
import { newRoom, newUser, server, skipOn } from '../support/kit.js';
import { until } from '../support/wait.js';

describe('integration: signing in', () => {
  it('shows a wrong password as a human error and offers the sign-in form again', async () => {
    const u = await newUser('wrongpw');
    const chat = await mountChat({ jid: u.jid, password: 'not-the-password' });
    await until(() => statusText(chat).startsWith('Error'), 'the error state');
    expect(statusText(chat)).to.match(/wrong (username or )?password/i);
    const login = await until(() => chat.shadowRoot!.querySelector('ethora-login'), 'the sign-in form');
    await until(() => login.shadowRoot?.querySelector('[part=error]'), 'the form error');
    expect(login.shadowRoot!.querySelector('[part=error]')!.textContent).to.match(/password/i);
  });

  it('signs in through the form when the page gives no credentials', async () => {
    const u = await newUser('form');
    const room = await newRoom('Form room');
    const chat = await mountChat({ rooms: room });
    const login = await until(() => chat.shadowRoot!.querySelector('ethora-login'), 'the sign-in form');
    const form = login.shadowRoot!.querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name=jid]')!.value = u.jid;
    form.querySelector<HTMLInputElement>('[name=password]')!.value = u.password;
    form.requestSubmit();
    await joined(chat, room);
    expect(roomNames(chat)).to.deep.equal(['Form room']);
  });
});

describe('integration: two users in a room', () => {
  it('exchange messages both ways, each shown once, own messages confirmed', async () => {
    const [a, b] = await Promise.all([newUser('alice'), newUser('bob')]);
    const room = await newRoom('Two users');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await Promise.all([joined(alice, room), joined(bob, room)]);

    type(alice, 'Hi Bob <b>not bold</b>');
    await until(() => bodies(bob).includes('Hi Bob <b>not bold</b>'), 'Bob to see Alice’s message');
    type(bob, 'Hello Alice');
    await until(() => bodies(alice).includes('Hello Alice'), 'Alice to see Bob’s reply');
    await until(() => renderedMessages(alice).every((m) => m.status === 'sent'), 'Alice’s message confirmed');

    expect(bodies(alice)).to.deep.equal(['Hi Bob <b>not bold</b>', 'Hello Alice']);
    expect(bodies(bob)).to.deep.equal(['Hi Bob <b>not bold</b>', 'Hello Alice']);
    expect(renderedMessages(bob)[0].author).to.equal(a.user);
  });
});

describe('integration: room list', () => {
  // MucSub is ejabberd's.
  const itMucSub = skipOn('prosody', 'no MucSub');
  itMucSub('lists the rooms the user is subscribed to (MucSub) with their names', async () => {
    const u = await newUser('subs');
    const [r1, r2] = await Promise.all([newRoom('Subscribed one'), newRoom('Subscribed two')]);
    await server('server-subscribe', { user: u.jid, nick: u.user, room: r1 });
    await server('server-subscribe', { user: u.jid, nick: u.user, room: r2 });
    const chat = await mountChat({ jid: u.jid, password: u.password });
    await online(chat);
    await until(() => roomNames(chat).length === 2 && roomNames(chat).every((n) => n.startsWith('Subscribed')), 'both rooms listed by name');
    expect(roomNames(chat).sort()).to.deep.equal(['Subscribed one', 'Subscribed two']);
  });

  itMucSub('merges the rooms attribute with subscriptions, pinned rooms first', async () => {
    const u = await newUser('merge');
    const [pinned, sub] = await Promise.all([newRoom('Pinned'), newRoom('From subscription')]);
    await server('server-subscribe', { user: u.jid, nick: u.user, room: sub });
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: pinned });
    // Their names come from two rooms' disco#info, answered in either order.
    await until(() => roomNames(chat).join() === 'Pinned,From subscription', 'both rooms, pinned first');
  });
});
