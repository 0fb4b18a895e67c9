import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { mountChat, online, roomNames, statusText } from './harness.js';
import { newRoom, newUser, server, skipOn } from '../support/kit.js';
import { until } from '../support/wait.js';
import { signInThroughForm, exchangeMessages } from './core-scenarios.js';

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

  it('signs in through the form when the page gives no credentials', () => signInThroughForm('form', 'Form room'));
});

describe('integration: two users in a room', () => {
  it('exchange messages both ways, each shown once, own messages confirmed', () => exchangeMessages('pair', 'Two users'));
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
