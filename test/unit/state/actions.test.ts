import { expect } from '@open-wc/testing';
import { ChatStore } from '../../../src/state/chat-store.js';
import { reactionSummary } from '../../../src/state/message.js';
import type { WireMessage } from '../../../src/protocol/types.js';

const ROOM = 'lobby@conference.localhost';

/** A store with the room listed, nobody in it yet. */
function bare() {
  let t = 1_000_000;
  const s = new ChatStore(() => (t += 1000));
  s.me = 'alice@localhost';
  s.addRoom({ room: ROOM }, 'attribute', 'alice');
  return s;
}

function setup() {
  let t = 1_000_000;
  const s = new ChatStore(() => (t += 1000));
  s.me = 'alice@localhost';
  s.addRoom({ room: ROOM }, 'attribute', 'alice');
  // Everyone is in the room (a room that shows real JIDs): the occupants the actions come from.
  for (const nick of ['alice', 'bob', 'carol', 'dave', 'mallory']) {
    s.applyOccupant({ room: ROOM, nick, jid: `${nick}@localhost`, role: 'participant', affiliation: 'member', available: true, self: nick === 'alice' });
  }
  s.changeRoom(ROOM, (r) => (r.join = 'joined'));
  return s;
}
const msg = (p: Partial<WireMessage>): WireMessage => ({ room: ROOM, nick: 'bob', body: 'original', stanzaId: 's1', originId: 'o1', time: 100, ...p });
const only = (s: ChatStore) => s.room(ROOM)!.timeline.messages[0];

describe('ChatStore actions: edits', () => {
  it('applies an edit by the author, by stanza-id or by origin-id', () => {
    const s = setup();
    s.applyMessage(msg({}), true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: 's1', body: 'fixed', time: 200 } }, true);
    expect([only(s).body, only(s).edited]).to.deep.equal(['fixed', true]);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: 'o1', body: 'fixed again', time: 300 } }, true);
    expect(only(s).body).to.equal('fixed again');
  });

  it('refuses an edit forged by another occupant', () => {
    const s = setup();
    s.applyMessage(msg({}), true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'mallory', targetId: 's1', body: 'pwned' } }, true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'mallory', targetId: 'o1', body: 'pwned' } }, true);
    expect([only(s).body, only(s).edited]).to.deep.equal(['original', undefined]);
  });

  it('compares real JIDs when both are known, so a reused nick cannot edit', () => {
    const s = setup();
    s.applyMessage(msg({ senderJid: 'bob@localhost' }), true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', senderJid: 'eve@localhost', targetId: 's1', body: 'pwned' } }, true);
    expect(only(s).body).to.equal('original');
  });

  it('keeps the newest edit whatever order the edits arrive in', () => {
    const s = setup();
    s.applyMessage(msg({}), true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: 's1', body: 'second', time: 300, stanzaId: 'e2' } }, true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: 's1', body: 'first', time: 200, stanzaId: 'e1' } }, true);
    expect(only(s).body).to.equal('second');
  });

  it('applies an edit that arrived before its target once the target is loaded', () => {
    const s = setup();
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: 's1', body: 'fixed', time: 200 } }, true);
    s.applyOlderPage([msg({ senderJid: 'bob@localhost', archived: true })]);
    expect([only(s).body, only(s).edited]).to.deep.equal(['fixed', true]);
  });
});

describe('ChatStore actions: retractions', () => {
  it('turns the author’s retraction into a tombstone without body, media or reactions', () => {
    const s = setup();
    s.applyMessage(msg({ media: { url: 'https://x/y.png' } }), true);
    s.applyAction({ kind: 'reactions', reactions: { room: ROOM, nick: 'carol', targetId: 's1', emojis: ['👍'] } }, true);
    s.applyAction({ kind: 'retraction', retraction: { room: ROOM, nick: 'bob', targetId: 's1' } }, true);
    const m = only(s);
    expect([m.deleted, m.body, m.media, m.reactions]).to.deep.equal([true, '', undefined, undefined]);
  });

  it('refuses a retraction by someone else, accepts a moderator’s', () => {
    const s = setup();
    s.applyMessage(msg({}), true);
    s.applyAction({ kind: 'retraction', retraction: { room: ROOM, nick: 'mallory', targetId: 's1' } }, true);
    expect(only(s).deleted).to.equal(undefined);
    s.applyAction({ kind: 'retraction', retraction: { room: ROOM, nick: '', targetId: 's1', moderated: { by: 'mod', reason: 'spam' } } }, true);
    expect([only(s).deleted, only(s).moderation?.reason]).to.deep.equal([true, 'spam']);
  });

  it('does not let an edit bring a deleted message back', () => {
    const s = setup();
    s.applyMessage(msg({}), true);
    s.applyAction({ kind: 'retraction', retraction: { room: ROOM, nick: 'bob', targetId: 's1', time: 200 } }, true);
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: 's1', body: 'back', time: 300 } }, true);
    expect([only(s).deleted, only(s).body]).to.deep.equal([true, '']);
  });
});

describe('ChatStore actions: reactions', () => {
  it('keeps each reactor’s full current set and summarises per emoji', () => {
    const s = setup();
    s.applyMessage(msg({}), true);
    s.applyAction({ kind: 'reactions', reactions: { room: ROOM, nick: 'carol', targetId: 's1', emojis: ['👍', '🎉'], time: 200 } }, true);
    s.applyAction({ kind: 'reactions', reactions: { room: ROOM, nick: 'dave', targetId: 's1', emojis: ['👍'], time: 210 } }, true);
    expect(reactionSummary(only(s))).to.deep.equal([
      { emoji: '👍', names: ['carol', 'dave'], keys: ['jid:carol@localhost', 'jid:dave@localhost'] },
      { emoji: '🎉', names: ['carol'], keys: ['jid:carol@localhost'] },
    ]);
    s.applyAction({ kind: 'reactions', reactions: { room: ROOM, nick: 'carol', targetId: 's1', emojis: [], time: 220 } }, true);
    expect(reactionSummary(only(s)).map((r) => [r.emoji, r.names])).to.deep.equal([['👍', ['dave']]]);
  });

  it('counts an archived copy of a live reaction once, and an older set never replaces a newer one', () => {
    const s = setup();
    s.applyMessage(msg({}), true);
    s.applyAction({ kind: 'reactions', reactions: { room: ROOM, nick: 'carol', targetId: 's1', emojis: [], time: 300, stanzaId: 'r2' } }, true);
    s.applyAction({ kind: 'reactions', reactions: { room: ROOM, nick: 'carol', targetId: 's1', emojis: ['👍'], time: 200, stanzaId: 'r1' } }, true);
    expect(reactionSummary(only(s))).to.deep.equal([]);
  });
});

describe('ChatStore typing', () => {
  it('shows who is typing, clears on their message and after the timeout', () => {
    let t = 0;
    const s = new ChatStore(() => t);
    s.addRoom({ room: ROOM }, 'attribute', 'alice');
    s.setTyping(ROOM, 'bob', 'Bob', true, 1000);
    s.setTyping(ROOM, 'carol', undefined, true, 5000);
    s.setTyping(ROOM, 'alice', undefined, true);
    expect([...s.room(ROOM)!.typing.values()].map((x) => x.name)).to.deep.equal(['Bob', 'carol']);
    s.applyMessage(msg({ nick: 'carol', stanzaId: 'x' }), true);
    expect([...s.room(ROOM)!.typing.keys()]).to.deep.equal(['bob']);
    t = 2000;
    expect(s.expireTyping()).to.equal(false);
    expect(s.room(ROOM)!.typing.size).to.equal(0);
  });
});

describe('ChatStore system lines', () => {
  const occ = { room: ROOM, role: 'participant' as const, affiliation: 'none' as const, available: true, self: false };

  it('announces joins, leaves, kicks and role changes after our join, not the join burst', () => {
    const s = bare();
    s.applyOccupant({ ...occ, nick: 'early' });
    s.changeRoom(ROOM, (r) => (r.join = 'joined'));
    s.applyOccupant({ ...occ, nick: 'bob' });
    s.applyOccupant({ ...occ, nick: 'bob', role: 'moderator' });
    s.applyOccupant({ ...occ, nick: 'early', available: false, exit: 'kicked' as const, reason: 'spam' });
    s.applyOccupant({ ...occ, nick: 'bob', available: false });
    const lines = s.room(ROOM)!.timeline.messages.map((m) => [m.system, m.body]);
    expect(lines).to.deep.equal([
      [true, 'bob joined'],
      [true, 'bob is now a moderator'],
      [true, 'early was removed: spam'],
      [true, 'bob left'],
    ]);
    expect(s.room(ROOM)!.unread).to.equal(0);
  });

  it('shows subject changes but not the subject sent on join', () => {
    const s = bare();
    s.applySubject(ROOM, '', 'Welcome');
    s.applySubject(ROOM, 'bob', 'New topic');
    expect(s.room(ROOM)!.timeline.messages.map((m) => m.body)).to.deep.equal(['bob changed the subject to: New topic']);
    expect(s.room(ROOM)!.subject).to.equal('New topic');
  });

  it('says nothing when the room sends the subject it had again (every join, after a reconnect)', () => {
    const s = bare();
    s.applySubject(ROOM, '', '');
    // A new session rejoins: the room sends its (empty) subject again, then the same topic again.
    s.applySubject(ROOM, '', '');
    s.applySubject(ROOM, 'bob', 'Topic');
    s.applySubject(ROOM, 'bob', 'Topic');
    s.applySubject(ROOM, 'bob', '');
    s.applySubject(ROOM, '', '');
    expect(s.room(ROOM)!.timeline.messages.map((m) => m.body)).to.deep.equal(['bob changed the subject to: Topic', 'bob cleared the subject']);
  });

  it('refuses edits and retractions aimed at system lines', () => {
    const s = bare();
    s.changeRoom(ROOM, (r) => (r.join = 'joined'));
    s.applyOccupant({ ...occ, nick: 'bob' });
    const key = s.room(ROOM)!.timeline.messages[0].key;
    s.applyAction({ kind: 'retraction', retraction: { room: ROOM, nick: '', targetId: key, moderated: {} } }, true);
    expect(s.room(ROOM)!.timeline.messages[0].deleted).to.equal(undefined);
  });
});
