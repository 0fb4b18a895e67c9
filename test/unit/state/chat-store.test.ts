import { expect } from '@open-wc/testing';
import { ChatStore } from '../../../src/state/chat-store.js';
import { storeWithRoom } from '../../support/store.js';
import type { WireMessage } from '../../../src/protocol/types.js';

const ROOM = 'lobby@conference.localhost';

const store = (): ChatStore => storeWithRoom(ROOM);

function wire(p: Partial<WireMessage>): WireMessage {
  return { room: ROOM, nick: 'bob', body: 'hi', ...p };
}

const bodies = (s: ChatStore) => s.room(ROOM)!.timeline.messages.map((m) => m.body);

describe('ChatStore messages', () => {
  it('keeps one copy of a message seen live and again in a history page', () => {
    const s = store();
    s.applyMessage(wire({ id: 'x1', originId: 'x1', stanzaId: '100', body: 'one' }), true);
    s.applyMessage(wire({ id: 'x1', originId: 'x1', stanzaId: '100', body: 'one', time: 5 }), false);
    expect(bodies(s)).to.deep.equal(['one']);
  });

  it('matches a live echo without stanza-id to its archived copy by origin-id and sender', () => {
    const s = store();
    s.applyMessage(wire({ originId: 'o1', body: 'live' }), true);
    s.applyMessage(wire({ originId: 'o1', stanzaId: '200', body: 'live', time: 7 }), false);
    const [m] = s.room(ROOM)!.timeline.messages;
    expect(s.room(ROOM)!.timeline.size).to.equal(1);
    expect(m.stanzaId).to.equal('200');
  });

  it('does not merge another sender’s message that reuses an origin-id', () => {
    const s = store();
    s.applyMessage(wire({ originId: 'o1', nick: 'bob', body: 'from bob' }), true);
    s.applyMessage(wire({ originId: 'o1', nick: 'mallory', body: 'from mallory' }), true);
    expect(bodies(s)).to.deep.equal(['from bob', 'from mallory']);
  });

  it('orders messages by server time whatever the arrival order', () => {
    const s = store();
    s.applyMessage(wire({ stanzaId: '3', time: 3000, body: 'c', archived: true }), false);
    s.applyMessage(wire({ stanzaId: '1', time: 1000, body: 'a', archived: true }), false);
    s.applyMessage(wire({ stanzaId: '2', time: 2000, body: 'b', archived: true }), false);
    expect(bodies(s)).to.deep.equal(['a', 'b', 'c']);
  });

  it('confirms our pending message with the room echo carrying our origin-id', () => {
    const s = store();
    s.addPending(ROOM, 'my-1', { body: 'hello' });
    expect(s.pending(ROOM).map((m) => m.key)).to.deep.equal(['my-1']);
    s.applyMessage(wire({ nick: 'alice', id: 'my-1', originId: 'my-1', stanzaId: '9', body: 'hello' }), true);
    const msgs = s.room(ROOM)!.timeline.messages;
    expect(msgs).to.have.length(1);
    expect(msgs[0].status).to.equal('sent');
    expect(msgs[0].own).to.equal(true);
    expect(s.pending(ROOM)).to.deep.equal([]);
  });

  it('a room listed from the cache only is the user’s once written in, also after the echo (not dropped as left)', () => {
    const s = new ChatStore();
    s.me = 'alice@localhost';
    s.addRoom({ room: ROOM }, 'cache', 'alice');
    s.addPending(ROOM, 'my-1', { body: 'typed offline' });
    s.applyMessage(wire({ nick: 'alice', id: 'my-1', originId: 'my-1', stanzaId: '9', body: 'typed offline' }), true);
    expect(s.pending(ROOM)).to.deep.equal([]);
    expect([...s.room(ROOM)!.sources]).to.deep.equal(['cache', 'user']);
  });

  it('never takes an echo from another nick for our message', () => {
    const s = store();
    s.addPending(ROOM, 'my-1', { body: 'hello' });
    s.applyMessage(wire({ nick: 'bob', originId: 'my-1', body: 'hello' }), true);
    expect(s.pending(ROOM).map((m) => m.key)).to.deep.equal(['my-1']);
  });

  it('marks a bounced message failed with the reason, and retry makes it pending again', () => {
    const s = store();
    s.addPending(ROOM, 'my-2', { body: 'x' });
    s.failMessage(ROOM, 'my-2', 'Not allowed');
    let [m] = s.room(ROOM)!.timeline.messages;
    expect([m.status, m.error]).to.deep.equal(['failed', 'Not allowed']);
    s.retryMessage(ROOM, 'my-2');
    [m] = s.room(ROOM)!.timeline.messages;
    expect(m.status).to.equal('pending');
  });

  it('an error bounce does not fail a message the room already confirmed', () => {
    const s = store();
    s.addPending(ROOM, 'my-3', { body: 'x' });
    s.applyMessage(wire({ nick: 'alice', originId: 'my-3', stanzaId: '10', body: 'x' }), true);
    s.failMessage(ROOM, 'my-3', 'late bounce');
    expect(s.room(ROOM)!.timeline.messages[0].status).to.equal('sent');
  });

  it('counts live messages from others as unread unless the reader sees the room’s newest messages', () => {
    const s = store();
    s.changeRoom(ROOM, (r) => (r.join = 'joined'));
    s.applyMessage(wire({ stanzaId: '1' }), true);
    s.applyMessage(wire({ stanzaId: '2', nick: 'alice' }), true);
    s.applyMessage(wire({ stanzaId: '3' }), false);
    expect(s.room(ROOM)!.unread).to.equal(1);
    expect(s.totalUnread).to.equal(1);
    const mark = s.setReading(ROOM);
    expect([s.room(ROOM)!.unread, s.room(ROOM)!.readUpTo]).to.deep.equal([0, mark]);
    s.applyMessage(wire({ stanzaId: '4' }), true);
    expect(s.room(ROOM)!.unread).to.equal(0);
    s.setReading(undefined);
    s.applyMessage(wire({ stanzaId: '5' }), true);
    expect(s.room(ROOM)!.unread).to.equal(1);
  });

  it('never moves a read mark backwards, and counts unread from history after it', () => {
    const s = store();
    s.applyReadState({ [ROOM]: 2500 });
    s.applyReadState({ [ROOM]: 1000 });
    expect(s.room(ROOM)!.readUpTo).to.equal(2500);
    s.applyOlderPage([
      wire({ stanzaId: 'a', time: 2000, archived: true }),
      wire({ stanzaId: 'b', time: 3000, archived: true }),
      wire({ stanzaId: 'c', time: 4000, nick: 'alice', archived: true }),
    ]);
    s.countUnread(ROOM, true);
    expect([s.room(ROOM)!.unread, s.room(ROOM)!.unreadMore]).to.deep.equal([1, true]);
  });

  it('a live message cannot backdate itself before what is shown, nor date itself in the future; archived ones keep their time', () => {
    let t = 10_000_000;
    const s = new ChatStore(() => t);
    s.addRoom({ room: ROOM }, 'attribute', 'alice');
    s.applyMessage(wire({ stanzaId: 's1', time: 9_000_000, body: 'first', archived: true }), true);
    t += 1000;
    s.applyMessage(wire({ stanzaId: 's2', body: 'second' }), true);
    // A sender's <delay> claiming last year: shown after what is already there, not above it.
    s.applyMessage(wire({ stanzaId: 's3', time: 1000, body: 'backdated', nick: 'mallory' }), true);
    // A <delay> in the future would stay below everything said later.
    s.applyMessage(wire({ stanzaId: 's4', time: t + 3_600_000, body: 'from the future', nick: 'mallory' }), true);
    t += 1000;
    s.applyMessage(wire({ stanzaId: 's5', body: 'later' }), true);
    expect(bodies(s)).to.deep.equal(['first', 'second', 'backdated', 'from the future', 'later']);
    const times = s.room(ROOM)!.timeline.messages.map((m) => m.time);
    expect(times[2]).to.equal(times[1]);
    expect(times[3]).to.be.at.most(times[4]);
    // The archive's time is the archive's: an older page goes where it belongs.
    s.applyOlderPage([wire({ stanzaId: 's0', time: 8_000_000, body: 'archived earlier', archived: true })]);
    expect(bodies(s)[0]).to.equal('archived earlier');
  });

  it('ignores messages for rooms it does not know', () => {
    const s = store();
    expect(s.applyMessage(wire({ room: 'other@conference.localhost' }), true)).to.equal(undefined);
  });
});

describe('ChatStore notifications', () => {
  it('notifies each touched topic once per burst', async () => {
    const s = store();
    let room = 0;
    let rooms = 0;
    let conn = 0;
    s.subscribe(`room:${ROOM}`, () => room++);
    s.subscribe('rooms', () => rooms++);
    s.subscribe('connection', () => conn++);
    for (let i = 0; i < 50; i++) s.applyMessage(wire({ stanzaId: String(i) }), true);
    await Promise.resolve();
    await Promise.resolve();
    expect([room, rooms, conn]).to.deep.equal([1, 1, 0]);
  });

  it('notifies the room list only when what it shows of a room changed', async () => {
    const s = store();
    const flush = async () => {
      await Promise.resolve();
      await Promise.resolve();
    };
    await flush();
    let rooms = 0;
    let room = 0;
    s.subscribe('rooms', () => rooms++);
    s.subscribe(`room:${ROOM}`, () => room++);
    s.changeRoom(ROOM, (r) => (r.actionError = 'refused'));
    await flush();
    expect([room, rooms], 'a change the list does not show').to.deep.equal([1, 0]);
    s.changeRoom(ROOM, (r) => (r.name = 'Renamed'));
    await flush();
    expect([room, rooms], 'a new name').to.deep.equal([2, 1]);
    s.applyMessage(wire({ stanzaId: 'newest', body: 'a new preview' }), true);
    await flush();
    expect([room, rooms], 'a new newest message').to.deep.equal([3, 2]);
  });

  it('stops notifying after unsubscribe', async () => {
    const s = store();
    let n = 0;
    const off = s.subscribe('connection', () => n++);
    off();
    s.setConnection({ status: 'online', attempt: 0, maxAttempts: 3 });
    await Promise.resolve();
    expect(n).to.equal(0);
  });
});

describe('ChatStore occupants and rooms', () => {
  it('tracks occupants with role and affiliation, and nick changes', () => {
    const s = store();
    const base = { room: ROOM, role: 'participant' as const, affiliation: 'member' as const, available: true, self: false };
    s.applyOccupant({ ...base, nick: 'bob', jid: 'bob@localhost' });
    s.applyOccupant({ ...base, nick: 'alice', self: true, role: 'moderator', affiliation: 'owner' });
    expect([...s.room(ROOM)!.occupants.keys()]).to.deep.equal(['bob', 'alice']);
    expect(s.room(ROOM)!.occupants.get('alice')!.affiliation).to.equal('owner');
    s.applyOccupant({ ...base, nick: 'bob', available: false, newNick: 'robert' });
    expect([...s.room(ROOM)!.occupants.keys()]).to.deep.equal(['alice', 'robert']);
    s.applyOccupant({ ...base, nick: 'robert', available: false });
    expect([...s.room(ROOM)!.occupants.keys()]).to.deep.equal(['alice']);
  });

  it('sorts pinned rooms first, then by last activity', () => {
    const s = store();
    s.addRoom({ room: 'a@conference.localhost', name: 'A' }, 'subscription', 'alice');
    s.addRoom({ room: 'b@conference.localhost', name: 'B' }, 'subscription', 'alice');
    s.applyMessage(wire({ room: 'b@conference.localhost', stanzaId: '1', time: 5 }), true);
    expect(s.sortedRooms.map((r) => r.jid)).to.deep.equal([ROOM, 'b@conference.localhost', 'a@conference.localhost']);
  });

  it('uses the room name from the server, else the JID’s local part', () => {
    const s = store();
    expect(s.room(ROOM)!.title).to.equal('lobby');
    s.addRoom({ room: ROOM, name: 'The Lobby' }, 'subscription', 'alice');
    expect(s.room(ROOM)!.title).to.equal('The Lobby');
  });
});

describe('ChatStore history pages', () => {
  it('keeps archive order for messages with the same millisecond across pages', () => {
    const s = store();
    // Pages arrive newest first; message 2 and 3 share a timestamp but sit in different pages.
    s.applyOlderPage([wire({ stanzaId: '3', time: 500, body: '3' }), wire({ stanzaId: '4', time: 600, body: '4' })]);
    s.applyOlderPage([wire({ stanzaId: '1', time: 400, body: '1' }), wire({ stanzaId: '2', time: 500, body: '2' })]);
    expect(bodies(s)).to.deep.equal(['1', '2', '3', '4']);
  });

  it('keeps a tombstone’s moderator and reason only where the room’s server vouches for its tombstones', () => {
    const s = store();
    s.applyOlderPage([wire({ stanzaId: 't1', time: 10, body: '', deleted: true, moderated: { reason: 'Spam' } })]);
    expect(s.room(ROOM)!.timeline.messages[0].moderation, 'any server: a claim').to.equal(undefined);
    s.learnedRoomInfo(ROOM, { features: ['ethora:message:delete'] });
    s.applyOlderPage([wire({ stanzaId: 't0', time: 5, body: '', deleted: true, moderated: { reason: 'Spam' } })]);
    expect(s.room(ROOM)!.timeline.messages[0].moderation, "the kit's server").to.deep.equal({ reason: 'Spam' });
  });

  it('keeps page order for equal times within one page', () => {
    const s = store();
    s.applyOlderPage([wire({ stanzaId: 'a', time: 5, body: 'a' }), wire({ stanzaId: 'b', time: 5, body: 'b' }), wire({ stanzaId: 'c', time: 5, body: 'c' })]);
    expect(bodies(s)).to.deep.equal(['a', 'b', 'c']);
  });

  it('puts a catch-up after the newest archived message even when the archive stamps in whole seconds', () => {
    const s = store();
    // Received live at 5.400 s; the archive then has two newer messages stamped 5.000 s and 6.000 s.
    s.applyMessage(wire({ stanzaId: 'live', time: 5400, body: 'live' }), true);
    s.applyNewerPage([wire({ stanzaId: 'n1', time: 5000, body: 'n1' }), wire({ stanzaId: 'n2', time: 6000, body: 'n2' })], []);
    expect(bodies(s)).to.deep.equal(['live', 'n1', 'n2']);
    expect(s.room(ROOM)!.timeline.messages.map((m) => m.time)).to.deep.equal([5400, 5400, 6000]);
    // The archive's copy of the live message is still recognised, not shown twice.
    s.applyNewerPage([wire({ stanzaId: 'live', time: 5000, body: 'live' })], []);
    expect(bodies(s)).to.deep.equal(['live', 'n1', 'n2']);
  });
});
