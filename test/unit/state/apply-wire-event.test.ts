import { expect } from '@open-wc/testing';
import { applyWireEvent } from '../../../src/state/apply-wire-event.js';
import type { ChatStore, Topic } from '../../../src/state/chat-store.js';
import { storeWithRoom } from '../../support/store.js';
import { WIRE_EVENT_NAMES, type WireEvent, type WireOccupant } from '../../../src/state/wire-events.js';

const ROOM = 'lobby@conference.localhost';

const store = (): ChatStore => storeWithRoom(ROOM);

const occupant = (o: Partial<WireOccupant>): WireOccupant => ({
  room: ROOM,
  nick: 'bob',
  role: 'participant',
  affiliation: 'member',
  available: true,
  self: false,
  ...o,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Counts the notifications of each topic while `run` changes the store. */
async function notified(s: ChatStore, run: () => void): Promise<Record<string, number>> {
  await tick();
  const counts: Record<string, number> = {};
  const topics: Topic[] = ['rooms', `room:${ROOM}`, 'connection', 'social'];
  const offs = topics.map((t) => s.subscribe(t, () => (counts[t] = (counts[t] ?? 0) + 1)));
  run();
  await tick();
  offs.forEach((off) => off());
  return counts;
}

describe('applyWireEvent: the one path from wire to state', () => {
  it('handles every event the protocol reports (an unknown one is an error, not silence)', () => {
    const s = store();
    s.joined(ROOM, 'alice');
    const samples: WireEvent[] = [
      // Bob is in the room before he writes: his edit is then proven his (identity.ts).
      { name: 'occupant', arg: occupant({}) },
      { name: 'message', arg: { room: ROOM, nick: 'bob', body: 'hi', stanzaId: 's1' } },
      { name: 'messageError', arg: { room: ROOM, id: 'x', reason: 'no' } },
      { name: 'joinError', arg: { room: 'other@conference.localhost', condition: 'forbidden', reason: 'no' } },
      { name: 'edit', arg: { room: ROOM, nick: 'bob', targetId: 's1', body: 'hi!' } },
      { name: 'retraction', arg: { room: ROOM, nick: 'bob', targetId: 'nothing' } },
      { name: 'reactions', arg: { room: ROOM, nick: 'bob', targetId: 's1', emojis: ['👍'] } },
      { name: 'chatState', arg: { room: ROOM, nick: 'carol', state: 'composing' } },
      { name: 'subject', arg: { room: ROOM, nick: 'bob', subject: 'Lunch' } },
      { name: 'blocklist', arg: { action: 'block', jids: ['eve@localhost'] } },
      { name: 'invite', arg: { room: 'party@conference.localhost', from: 'bob@localhost', kind: 'direct' } },
      { name: 'destroyed', arg: { room: 'gone@conference.localhost' } },
      { name: 'configChanged', arg: { room: ROOM } },
    ];
    expect(samples.map((e) => e.name)).to.have.members([...WIRE_EVENT_NAMES]);
    for (const e of samples) applyWireEvent(s, e);
    const m = s.room(ROOM)!.timeline.messages.find((x) => x.stanzaId === 's1')!;
    expect(m.body).to.equal('hi!');
    expect(Object.keys(m.reactions ?? {})).to.have.length(1);
    expect(s.blocked.has('eve@localhost')).to.equal(true);
    expect(s.invitations.map((i) => i.room)).to.deep.equal(['party@conference.localhost']);
    expect(s.room(ROOM)!.typing.has('carol')).to.equal(true);
    expect(() => applyWireEvent(s, { name: 'poll', arg: {} } as never)).to.throw(/Unknown wire event/);
  });

  it('a ban or kick of us ends the room with the reason; a shutdown is left to the recovery', () => {
    for (const [exit, text] of [
      ['banned', 'You were banned from this room: spam'],
      ['kicked', 'You were removed from this room: spam'],
    ] as const) {
      const s = store();
      s.joined(ROOM, 'alice');
      applyWireEvent(s, { name: 'occupant', arg: occupant({ nick: 'alice', self: true, available: false, exit, reason: 'spam' }) });
      expect([s.room(ROOM)!.join, s.room(ROOM)!.joinError]).to.deep.equal(['error', text]);
    }
    const s = store();
    s.joined(ROOM, 'alice');
    applyWireEvent(s, { name: 'occupant', arg: occupant({ nick: 'alice', self: true, available: false, exit: 'shutdown' }) });
    expect(s.room(ROOM)!.join).to.equal('joined');
  });

  it('a deleted room says so, with the owner’s reason', () => {
    const s = store();
    applyWireEvent(s, { name: 'destroyed', arg: { room: ROOM, reason: 'moved' } });
    expect([s.room(ROOM)!.join, s.room(ROOM)!.joinError]).to.deep.equal(['error', 'This room was deleted: moved']);
  });
});

describe('room transitions', () => {
  it('joining forgets occupants; joined takes the nick; a failure ends a rejoin', () => {
    const s = store();
    s.applyOccupant(occupant({}));
    s.joining(ROOM, true);
    const r = s.room(ROOM)!;
    expect([r.join, r.rejoining, r.occupants.size]).to.deep.equal(['joining', true, 0]);
    s.joined(ROOM, 'alice2');
    expect([r.join, r.rejoining, r.nick]).to.deep.equal(['joined', false, 'alice2']);
    s.joining(ROOM, true);
    s.joinFailed(ROOM, 'This room is full');
    expect([r.join, r.rejoining, r.joinError]).to.deep.equal(['error', false, 'This room is full']);
    s.joining(ROOM);
    expect(r.joinError).to.equal(undefined);
    s.sessionRestarted();
    expect(r.join).to.equal('idle');
  });

  it('history loading clears the last error; unsubscribing stops listing the room for it', () => {
    const s = store();
    const r = s.room(ROOM)!;
    s.historyFailed(ROOM, 'timeout');
    s.historyLoading(ROOM, true);
    expect([r.loadingHistory, r.historyError]).to.deep.equal([true, undefined]);
    s.addRoom({ room: ROOM }, 'subscription', 'alice');
    s.setSubscribed(ROOM, false);
    expect([r.subscribed, r.sources.has('subscription')]).to.deep.equal([false, false]);
  });
});

describe('topics: the room list is told only of what it shows', () => {
  it('typing, uploads and history loading notify the room, not the list', async () => {
    const s = store();
    const counts = await notified(s, () => {
      s.setTyping(ROOM, 'bob', undefined, true);
      s.addUpload(ROOM, { id: 'u1', name: 'a.png', size: 1, progress: 0 });
      s.changeUpload(ROOM, 'u1', (u) => (u.progress = 0.5));
      s.historyLoading(ROOM, true);
    });
    expect(counts).to.deep.equal({ [`room:${ROOM}`]: 1 });
  });

  it('a new message, an unread count or a join error notify the list too', async () => {
    for (const change of [
      (s: ChatStore) => s.applyMessage({ room: ROOM, nick: 'bob', body: 'news' }, true),
      (s: ChatStore) => s.joinFailed(ROOM, 'Not allowed'),
      (s: ChatStore) => s.learnedRoomInfo(ROOM, { name: 'Lobby', features: [] }),
    ]) {
      const s = store();
      const counts = await notified(s, () => change(s));
      expect(counts.rooms, String(change)).to.equal(1);
    }
  });
});
