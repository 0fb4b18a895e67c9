// A user's rooms kept where any server keeps them: bookmarks (XEP-0402 in PEP where the account
// advertises urn:xmpp:bookmarks:1#compat, as Prosody's mod_bookmarks does; XEP-0048 otherwise).
// On a server without ejabberd's MucSub (Prosody) they are the only room list that survives a
// reload, and a room without MucSub offers no "Notify me while away". The kit seeds bookmarks on
// the prosody profile only (server-bookmark); on ejabberd, bookmarks read at start are tested
// through a room without MucSub written by the widget itself.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { joined, mountChat, online, roomAction, roomActions, roomNames, sessionOf } from './harness.js';
import { TEST_SERVER, newRoom, newUser, server, skipOn } from '../support/kit.js';
import { until } from '../support/wait.js';

const onProsody = skipOn('ejabberd', 'the kit seeds bookmarks on Prosody only');

describe('integration: rooms from bookmarks (XEP-0402 / XEP-0048)', function () {
  this.timeout(60000);

  onProsody('lists the rooms the user bookmarked with autojoin, by name, after signing in', async () => {
    const u = await newUser('marks');
    const [r1, r2, r3] = await Promise.all([newRoom('Bookmarked one'), newRoom('Bookmarked two'), newRoom('Not autojoin')]);
    await server('server-bookmark', { user: u.jid, room: r1, name: 'Bookmarked one' });
    await server('server-bookmark', { user: u.jid, room: r2, name: 'Bookmarked two' });
    await server('server-bookmark', { user: u.jid, room: r3, name: 'Not autojoin', autojoin: false });
    const chat = await mountChat({ jid: u.jid, password: u.password });
    await online(chat);
    await until(() => roomNames(chat).length === 2, 'both autojoin rooms listed');
    expect(roomNames(chat).sort()).to.deep.equal(['Bookmarked one', 'Bookmarked two']);
  });

  it('a room entered by the user stays in the list after a reload, and is gone after leaving it; MucSub is offered only where the room has it', async () => {
    const u = await newUser('keeper');
    const room = await newRoom('Kept room');
    const first = await mountChat({ jid: u.jid, password: u.password });
    await online(first);
    await sessionOf(first).admin.join(room);
    await joined(first, room);
    const session = sessionOf(first);
    await until(() => session.store.room(room)?.mucsub !== undefined, 'the room to describe itself');
    const mucsub = session.store.room(room)!.mucsub;
    expect(mucsub, 'MucSub on ejabberd, none on Prosody').to.equal(TEST_SERVER.kind !== 'prosody');
    await until(() => session.store.room(room)!.subscribed || session.store.room(room)!.bookmarked, 'the room kept');
    expect(session.store.room(room)!.bookmarked, 'a bookmark only where there is no MucSub').to.equal(!mucsub);
    const labels = (await roomActions(first)).map((b) => b.textContent.trim());
    expect(labels.includes('Notify me while away'), 'MucSub action offered').to.equal(mucsub);
    first.remove();

    const second = await mountChat({ jid: u.jid, password: u.password });
    await until(() => roomNames(second).includes('Kept room'), 'the room listed again after a reload');
    await joined(second, room);
    (await roomAction(second, 'Leave room…')).click();
    (await roomAction(second, /^Yes, leave/)).click();
    await until(() => !roomNames(second).includes('Kept room'), 'the room gone');
    second.remove();

    // A marker room kept the server's way: once it is listed, the lists have been read.
    const marker = await newRoom('Marker room');
    if (TEST_SERVER.kind === 'prosody') await server('server-bookmark', { user: u.jid, room: marker, name: 'Marker room' });
    else await server('server-subscribe', { user: u.jid, nick: u.user, room: marker });
    const third = await mountChat({ jid: u.jid, password: u.password });
    await until(() => roomNames(third).includes('Marker room'), 'the lists read');
    expect(roomNames(third)).to.not.include('Kept room');
  });
});
