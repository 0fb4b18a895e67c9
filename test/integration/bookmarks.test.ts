// A user's rooms kept where any server keeps them: XEP-0402 bookmarks in PEP. On a server without
// ejabberd's MucSub (Prosody) they are the only room list that survives a reload. The server kit
// seeds them on the prosody profile (server-bookmark); the ejabberd profiles list rooms by MucSub.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { mountChat, online, roomNames } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

// The widget does not read bookmarks yet (issue 16, "Rooms vanish after a reload on servers
// without MucSub"): enable this on Prosody with that change.
// Then: `const itBookmarks = TEST_SERVER.kind === 'prosody' ? it : it.skip;`
const itBookmarks = it.skip;

describe('integration: rooms from bookmarks (XEP-0402)', () => {
  itBookmarks('lists the rooms the user bookmarked, by name, after signing in', async () => {
    const u = await newUser('marks');
    const [r1, r2] = await Promise.all([newRoom('Bookmarked one'), newRoom('Bookmarked two')]);
    await server('server-bookmark', { user: u.jid, room: r1, name: 'Bookmarked one' });
    await server('server-bookmark', { user: u.jid, room: r2, name: 'Bookmarked two' });
    const chat = await mountChat({ jid: u.jid, password: u.password });
    await online(chat);
    await until(() => roomNames(chat).length === 2, 'both bookmarked rooms listed');
    expect(roomNames(chat).sort()).to.deep.equal(['Bookmarked one', 'Bookmarked two']);
  });
});
