import { expect } from '@open-wc/testing';
import type { XmppConnection } from '../../../src/protocol/xmpp-connection.js';
import type { Affiliation, WireMember } from '../../../src/protocol/types.js';
import { freshPrivateName, looksPrivate, privateRoomName } from '../../../src/session/private-rooms.js';
import { rightsOf, RoomAdmin, roomSlug } from '../../../src/session/room-admin.js';
import { ChatStore } from '../../../src/state/chat-store.js';

describe('room administration helpers', () => {
  it('makes JID-safe room names from titles', () => {
    expect(roomSlug('Design Team!')).to.equal('design-team');
    expect(roomSlug('  Café  Crème ')).to.equal('cafe-creme');
    expect(roomSlug('<script>alert(1)</script>')).to.equal('script-alert-1-script');
    expect(roomSlug('日本語')).to.equal('');
    expect(roomSlug('a'.repeat(100))).to.have.length(40);
  });

  it('names the private room of two users the same whoever asks', () => {
    const ab = privateRoomName('alice@localhost', 'bob@localhost');
    expect(privateRoomName('Bob@localhost', 'alice@localhost')).to.equal(ab);
    expect(ab).to.match(/^dm-[0-9a-f]{16}$/);
    expect(privateRoomName('alice@localhost', 'carol@localhost')).to.not.equal(ab);
  });

  it('names a fresh private room after the pair, unguessably, and knows private names from others', () => {
    const ab = privateRoomName('alice@localhost', 'bob@localhost');
    const fresh = freshPrivateName('bob@localhost', 'alice@localhost');
    expect(fresh).to.match(new RegExp(`^${ab}-[0-9a-f]{32}$`));
    expect(freshPrivateName('alice@localhost', 'bob@localhost')).to.not.equal(fresh);
    expect([ab, fresh].map((n) => looksPrivate(`${n}@conference.localhost`))).to.deep.equal([true, true]);
    // A group someone named "DM team" is not a private room.
    expect(['dm-team', `${ab}-x`, 'lobby'].map((n) => looksPrivate(`${n}@conference.localhost`))).to.deep.equal([false, false, false]);
  });

  it('derives what a user may do from role and affiliation', () => {
    expect(rightsOf({ nick: 'o', role: 'moderator', affiliation: 'owner' })).to.deep.equal({ configure: true, owner: true, admin: true, moderate: true });
    expect(rightsOf({ nick: 'a', role: 'moderator', affiliation: 'admin' })).to.deep.equal({ configure: false, owner: false, admin: true, moderate: true });
    expect(rightsOf({ nick: 'm', role: 'participant', affiliation: 'member' })).to.deep.equal({
      configure: false,
      owner: false,
      admin: false,
      moderate: false,
    });
    expect(rightsOf(undefined).moderate).to.equal(false);
  });
});

describe('RoomAdmin.members', () => {
  const ROOM = 'team@conference.localhost';

  async function membersWith(ethora: WireMember[] | undefined) {
    const store = new ChatStore();
    store.me = 'alice@localhost';
    store.addRoom({ room: ROOM }, 'user', 'alice');
    store.changeRoom(ROOM, (r) => (r.nick = 'alice'));
    store.applyOccupant({ room: ROOM, nick: 'alice', jid: 'alice@localhost', role: 'moderator', affiliation: 'owner', available: true, self: true });
    store.applyOccupant({ room: ROOM, nick: 'bob', jid: 'bob@localhost', role: 'participant', affiliation: 'none', available: true, self: false });
    // A fake connection: only what members() asks of it (mocks belong in unit tests).
    const lists: Record<string, { jid: string; affiliation: Affiliation }[]> = {
      owner: [{ jid: 'alice@localhost', affiliation: 'owner' }],
      admin: [],
      member: [{ jid: 'carol@localhost', affiliation: 'member' }],
    };
    const calls: string[] = [];
    const conn = { listAffiliates: async (_room: string, a: string) => (calls.push(a), lists[a] ?? []) } as unknown as XmppConnection;
    const admin = new RoomAdmin({ store, connection: () => conn, nick: () => 'alice', open: () => undefined, ethoraMembers: async () => ethora });
    return Object.assign(admin.members(ROOM, await admin.roster(ROOM)), { admin, store, calls });
  }

  it('merges a presence change into the members without asking the server again', async () => {
    const { admin, store, calls } = await membersWith(undefined);
    const roster = await admin.roster(ROOM);
    // Per roster: the owner, admin and member lists, and (Alice owns the room) the outcasts.
    expect(calls).to.have.length(8);
    store.applyOccupant({ room: ROOM, nick: 'carol', jid: 'carol@localhost', role: 'participant', affiliation: 'member', available: true, self: false });
    const after = admin.members(ROOM, roster);
    expect(calls).to.have.length(8);
    expect(after.filter((m) => m.jid === 'carol@localhost').map((m) => m.online)).to.deep.equal([true]);
  });

  it('lists occupants online first, then away members from the affiliation lists', async () => {
    const members = await membersWith(undefined);
    expect(members.map((m) => [m.jid, m.online, m.affiliation])).to.deep.equal([
      ['alice@localhost', true, 'owner'],
      ['bob@localhost', true, 'none'],
      ['carol@localhost', false, 'member'],
    ]);
    expect(members[0].self).to.equal(true);
  });

  it('adds Ethora members (ns:room:last) and their last activity', async () => {
    const members = await membersWith([
      { jid: 'carol@localhost', name: 'Carol', lastActive: 1000 },
      { jid: 'dave@localhost', name: 'Dave', lastActive: 2000 },
      { jid: 'eve@localhost', name: 'Eve', banned: true },
    ]);
    expect(members.find((m) => m.jid === 'carol@localhost')!.lastActive).to.equal(1000);
    expect(members.find((m) => m.jid === 'dave@localhost')).to.include({ nick: 'Dave', online: false, affiliation: 'member', lastActive: 2000 });
    expect(members.find((m) => m.jid === 'eve@localhost')!.affiliation).to.equal('outcast');
  });
});

describe('RoomAdmin: Ethora bans and the room image', () => {
  const ROOM = 'team@conference.localhost';

  function adminWith(dialect: 'ethora' | 'standard', features: string[]) {
    const store = new ChatStore();
    store.me = 'alice@localhost';
    store.addRoom({ room: ROOM }, 'user', 'alice');
    store.changeRoom(ROOM, (r) => (r.nick = 'alice'));
    store.applyOccupant({ room: ROOM, nick: 'alice', jid: 'alice@localhost', role: 'moderator', affiliation: 'owner', available: true, self: true });
    store.applyOccupant({ room: ROOM, nick: 'bob', jid: 'bob@localhost', role: 'participant', affiliation: 'none', available: true, self: false });
    const sent: unknown[][] = [];
    const conn = {
      dialect,
      serverSupports: async (f: string) => features.includes(f),
      listAffiliates: async (_room: string, a: string) => (a === 'outcast' ? [{ jid: 'eve@localhost', affiliation: 'outcast', reason: 'old' }] : []),
      ethoraBans: async () => [{ jid: 'bob@localhost', until: 5000, comment: '<b>spam</b>' }],
      ethoraBan: async (...args: unknown[]) => void sent.push(['ethoraBan', ...args]),
      setAffiliation: async (...args: unknown[]) => void sent.push(['setAffiliation', ...args]),
      setRoomImage: async (...args: unknown[]) => void sent.push(['setRoomImage', ...args]),
    } as unknown as XmppConnection;
    const admin = new RoomAdmin({ store, connection: () => conn, nick: () => 'alice', open: () => undefined, ethoraMembers: async () => undefined });
    return { admin, store, sent };
  }

  it('offers timed bans only in the Ethora dialect on a server advertising ns:deepx:muc:user:ban', async () => {
    expect(await adminWith('ethora', ['ns:deepx:muc:user:ban']).admin.timedBans()).to.equal(true);
    expect(await adminWith('ethora', []).admin.timedBans()).to.equal(false);
    expect(await adminWith('standard', ['ns:deepx:muc:user:ban']).admin.timedBans()).to.equal(false);
  });

  it('lists both kinds of ban, marks the banned members, and lifts each the way it was set', async () => {
    const { admin, sent } = adminWith('ethora', ['ns:deepx:muc:user:ban']);
    const roster = await admin.roster(ROOM);
    expect(roster.bans).to.deep.equal([
      { jid: 'bob@localhost', kind: 'ethora', reason: '<b>spam</b>', until: 5000 },
      { jid: 'eve@localhost', kind: 'outcast', reason: 'old' },
    ]);
    expect(admin.members(ROOM, roster).find((m) => m.jid === 'bob@localhost')).to.include({ online: true, banned: true });
    await admin.ban(ROOM, 'bob@localhost', 3600, 'spam');
    for (const b of roster.bans) await admin.unban(ROOM, b);
    expect(sent).to.deep.equal([
      ['ethoraBan', ROOM, 'ban', 'bob@localhost', 3600, 'spam'],
      ['ethoraBan', ROOM, 'unban', 'bob@localhost'],
      ['setAffiliation', ROOM, 'eve@localhost', 'none'],
    ]);
  });

  it('sets the room image from an http(s) address only, and shows it in the list at once', async () => {
    const { admin, store, sent } = adminWith('ethora', ['ns:getrooms:setprofile']);
    expect(await admin.canSetImage(ROOM)).to.equal(true);
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'ftp://x.example/a.png', 'not a url', `https://x.example/${'a'.repeat(2100)}`]) {
      let refused = '';
      await admin.setImage(ROOM, bad).catch((e: Error) => (refused = e.message));
      expect(refused, bad).to.equal('Use an http or https address for the image');
    }
    expect(sent).to.deep.equal([]);
    await admin.setImage(ROOM, ' https://img.example/a.png ');
    expect(store.room(ROOM)!.thumbnail).to.equal('https://img.example/a.png');
    await admin.setImage(ROOM, '');
    expect(store.room(ROOM)!.thumbnail).to.equal(undefined);
    expect(sent).to.deep.equal([
      ['setRoomImage', ROOM, 'https://img.example/a.png'],
      ['setRoomImage', ROOM, ''],
    ]);
  });
});
