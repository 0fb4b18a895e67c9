import { expect } from '@open-wc/testing';
import type { WireMessage } from '../../../src/protocol/types.js';
import { ChatStore } from '../../../src/state/chat-store.js';

const ROOM = 'lobby@conference.localhost';
const OTHER = 'other@conference.localhost';

function store(): ChatStore {
  let t = 1_000_000;
  const s = new ChatStore(() => (t += 1000));
  s.me = 'alice@localhost';
  s.addRoom({ room: ROOM }, 'attribute', 'alice');
  s.addRoom({ room: OTHER }, 'subscription', 'alice');
  return s;
}

const wire = (p: Partial<WireMessage>): WireMessage => ({ room: ROOM, nick: 'bob', body: 'hi', ...p });
const join = (s: ChatStore, room: string, nick: string, jid?: string) =>
  s.applyOccupant({ room, nick, jid, role: 'participant', affiliation: 'none', available: true, self: false });

describe('ChatStore blocking', () => {
  it('hides messages by the real JID from occupant presence (live), the archive, or a claim; never our own', () => {
    const s = store();
    join(s, ROOM, 'bob', 'bob@localhost');
    const live = s.applyMessage(wire({ body: 'live', stanzaId: '1' }), true)!;
    const archived = s.applyMessage(wire({ nick: 'b0b', body: 'archived', stanzaId: '2', senderJid: 'bob@localhost' }), false)!;
    const claimed = s.applyMessage(wire({ nick: 'x', body: 'claimed', stanzaId: '3', senderJid: 'bob@localhost', jidClaimed: true }), true)!;
    const anonymous = s.applyMessage(wire({ nick: 'zed', body: 'unknown', stanzaId: '4' }), true)!;
    s.applyBlocklist('list', ['bob@localhost']);
    expect([live, archived, claimed, anonymous].map((m) => s.isHidden(m))).to.deep.equal([true, true, true, false]);
    expect(claimed.senderJid, 'a claim is never authorship').to.equal(undefined);
    const own = s.addPending(ROOM, 'o1', { body: 'mine' })!;
    s.applyBlocklist('block', ['alice@localhost']);
    expect(s.isHidden(own)).to.equal(false);
  });

  it('the room’s word beats a claim: a live claim of someone else’s JID does not escape the block', () => {
    const s = store();
    join(s, ROOM, 'bob', 'bob@localhost');
    const m = s.applyMessage(wire({ body: 'I am carol', senderJid: 'carol@localhost', jidClaimed: true }), true)!;
    s.applyBlocklist('block', ['bob@localhost']);
    expect(s.isHidden(m)).to.equal(true);
  });

  it('applies pushes: block adds, unblock removes, unblock without JIDs clears', () => {
    const s = store();
    s.applyBlocklist('list', ['a@x', 'b@x']);
    s.applyBlocklist('block', ['c@x']);
    s.applyBlocklist('unblock', ['a@x']);
    expect([...s.blocked].sort()).to.deep.equal(['b@x', 'c@x']);
    s.applyBlocklist('unblock', []);
    expect(s.blocked.size).to.equal(0);
  });

  it('does not count a blocked user’s live messages as unread', () => {
    const s = store();
    join(s, OTHER, 'bob', 'bob@localhost');
    s.applyBlocklist('block', ['bob@localhost']);
    s.applyMessage(wire({ room: OTHER, body: 'spam', stanzaId: '9' }), true);
    s.applyMessage(wire({ room: OTHER, nick: 'carol', body: 'real', stanzaId: '10' }), true);
    expect(s.room(OTHER)!.unread).to.equal(1);
  });

  it('notifies every room when the block list changes', async () => {
    const s = store();
    const seen: string[] = [];
    s.subscribe(`room:${OTHER}`, () => seen.push('room'));
    s.subscribe('social', () => seen.push('social'));
    s.applyBlocklist('block', ['bob@localhost']);
    await Promise.resolve();
    expect(seen.sort()).to.deep.equal(['room', 'social']);
  });
});

describe('ChatStore mute, subscriptions and leaving', () => {
  it('leaves muted rooms out of the total unread, also rooms listed after the mute list arrived', () => {
    const s = store();
    s.applyMuted([OTHER, 'later@conference.localhost']);
    s.applyMessage(wire({ room: OTHER, stanzaId: '1' }), true);
    s.applyMessage(wire({ stanzaId: '2' }), true);
    expect(s.totalUnread).to.equal(1);
    s.addRoom({ room: 'later@conference.localhost' }, 'user', 'alice');
    expect(s.room('later@conference.localhost')!.muted).to.equal(true);
    s.setMuted(OTHER, false);
    expect(s.totalUnread).to.equal(2);
  });

  it('marks rooms from subscriptions as subscribed, and keeps server-list images and counts', () => {
    const s = store();
    expect(s.room(OTHER)!.subscribed).to.equal(true);
    expect(s.room(ROOM)!.subscribed).to.equal(false);
    s.addRoom({ room: 'eth@conference.x', thumbnail: 'https://cdn.example.com/t.png', usersCount: 5 }, 'server-list', 'alice');
    expect(s.room('eth@conference.x')).to.include({ thumbnail: 'https://cdn.example.com/t.png', usersCount: 5 });
  });

  it('removes a left room and makes another one active', () => {
    const s = store();
    s.setActiveRoom(OTHER);
    s.removeRoom(OTHER);
    expect(s.room(OTHER)).to.equal(undefined);
    expect(s.activeRoom).to.equal(ROOM);
    expect(s.rooms.map((r) => r.jid)).to.deep.equal([ROOM]);
  });

  it('sorts by newest activity, pinned rooms first', () => {
    const s = store();
    s.addRoom({ room: 'new@conference.localhost' }, 'subscription', 'alice');
    s.applyMessage(wire({ room: OTHER, time: 10 }), false);
    s.applyMessage(wire({ room: 'new@conference.localhost', time: 20 }), false);
    expect(s.sortedRooms.map((r) => r.jid)).to.deep.equal([ROOM, 'new@conference.localhost', OTHER]);
    s.applyMessage(wire({ room: OTHER, time: 30 }), true);
    expect(s.sortedRooms.map((r) => r.jid)).to.deep.equal([ROOM, OTHER, 'new@conference.localhost']);
  });
});
