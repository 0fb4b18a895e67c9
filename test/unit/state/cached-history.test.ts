// Cached history into the store, and the archive's check of it (CachedHistory): what the archive
// no longer has in a whole checked span is dropped; nothing outside the span is touched.
import { expect } from '@open-wc/testing';
import { ChatStore } from '../../../src/state/chat-store.js';
import type { CheckedSpan } from '../../../src/state/cached-history.js';
import type { Message } from '../../../src/state/message.js';
import type { RoomSnapshot } from '../../../src/state/room.js';
import type { WireMessage } from '../../../src/state/wire-events.js';

const ROOM = 'lobby@conference.localhost';

function cached(i: number, extra: Partial<Message> = {}): Message {
  const id = `s${i}`;
  return {
    key: id,
    room: ROOM,
    nick: 'bob',
    senderJid: 'bob@localhost',
    senderName: 'bob',
    body: `message ${i}`,
    time: 1000 + i,
    stanzaId: id,
    status: 'sent',
    own: false,
    ...extra,
  };
}

const archived = (i: number, extra: Partial<WireMessage> = {}): WireMessage => ({
  room: ROOM,
  nick: 'bob',
  body: `message ${i}`,
  time: 1000 + i,
  stanzaId: `s${i}`,
  ...extra,
});

const snapshot: RoomSnapshot = { room: ROOM, nick: 'alice', subscribed: false, sources: [], readUpTo: 0, unread: 0, unreadMore: false };

function hydrated(...ids: number[]): ChatStore {
  const s = new ChatStore(() => 5000);
  s.hydrateRoom(
    snapshot,
    ids.map((i) => cached(i)),
  );
  return s;
}

const span = (messages: WireMessage[], extra: Partial<CheckedSpan> = {}): CheckedSpan => ({
  messages,
  actions: [],
  start: 1001,
  through: 's4',
  whole: true,
  ...extra,
});
const bodies = (s: ChatStore) => s.room(ROOM)!.timeline.messages.map((m) => m.body);

describe('CachedHistory', () => {
  it('lists a cached room with its messages, on the cache’s word only', () => {
    const s = hydrated(1, 2);
    expect(bodies(s)).to.deep.equal(['message 1', 'message 2']);
    expect([...s.room(ROOM)!.sources]).to.deep.equal(['cache']);
    expect(s.room(ROOM)!.historyFetched).to.equal(true);
  });

  it('drops a cached message the archive no longer has in a whole span, and only that one', () => {
    const s = hydrated(1, 2, 3, 4);
    s.reconcilePage(ROOM, span([archived(1), archived(2), archived(4)]));
    expect(bodies(s)).to.deep.equal(['message 1', 'message 2', 'message 4']);
    // Gone from every index too: the same stanza can come back (unblocked) and is added again.
    s.reconcilePage(ROOM, span([archived(1), archived(2), archived(3), archived(4)]));
    expect(bodies(s)).to.deep.equal(['message 1', 'message 2', 'message 3', 'message 4']);
  });

  it('keeps everything when the span came short, and what lies after it or before its start', () => {
    const s = hydrated(1, 2, 3, 4);
    s.reconcilePage(ROOM, span([archived(2)], { whole: false }));
    expect(bodies(s)).to.have.length(4);
    // Messages after `through` (live ones, the catch-up) and before `start` are outside the span.
    s.reconcilePage(ROOM, span([archived(2), archived(3)], { start: 1002, through: 's3' }));
    expect(bodies(s)).to.deep.equal(['message 1', 'message 2', 'message 3', 'message 4']);
  });

  it('applies edits and deletions the archive holds, without adding copies', () => {
    const s = hydrated(1, 2);
    s.reconcilePage(ROOM, span([archived(1, { body: 'changed' }), archived(2, { deleted: true, body: '' })], { through: 's2' }));
    const [one, two] = s.room(ROOM)!.timeline.messages;
    expect([one.body, one.edited, two.deleted, s.room(ROOM)!.timeline.size]).to.deep.equal(['changed', true, true, 2]);
  });

  it('never drops our pending messages', () => {
    const s = hydrated(1);
    s.addPending(ROOM, 'p1', { body: 'queued' });
    s.reconcilePage(ROOM, span([], { through: 'p1' }));
    expect(bodies(s)).to.deep.equal(['queued']);
  });
});
