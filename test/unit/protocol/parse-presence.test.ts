import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { parseJoinError, parseOccupant } from '../../../src/protocol/parse-presence.js';
import { fixture } from './fixtures.js';

const presence = (name: string) => fixture<Stanzas.Presence>(name);

describe('parseOccupant', () => {
  it('parses our own presence in a room we created (110, 201)', async () => {
    expect(parseOccupant(await presence('presence-self-created'))).to.deep.equal({
      room: 'newroom@conference.localhost',
      nick: 'alice',
      jid: 'alice@localhost',
      role: 'moderator',
      affiliation: 'owner',
      available: true,
      self: true,
      created: true,
    });
  });

  it('parses another occupant with a real JID, lower-cased and bare', async () => {
    const o = parseOccupant(await presence('presence-occupant'));
    expect(o).to.deep.include({ nick: 'Bob Jones', jid: 'bob@localhost', role: 'participant', affiliation: 'member', self: false, available: true });
    expect(o!.exit).to.equal(undefined);
  });

  it('reports a ban (301) with its reason', async () => {
    expect(parseOccupant(await presence('presence-banned'))).to.deep.include({
      nick: 'mallory',
      available: false,
      affiliation: 'outcast',
      role: 'none',
      exit: 'banned' as const,
      reason: 'Spamming links',
      self: false,
    });
  });

  it('reports that we were kicked (307 + 110)', async () => {
    expect(parseOccupant(await presence('presence-kicked-self'))).to.deep.include({ self: true, available: false, exit: 'kicked' as const, reason: 'Be nice' });
  });

  it('gives the new nick on a nick change (303)', async () => {
    const o = parseOccupant(await presence('presence-nick-change'));
    expect(o).to.deep.include({ nick: 'carol', newNick: 'caroline', available: false });
  });

  it('ignores error presences, presences without muc#user, and unknown roles become none', async () => {
    expect(parseOccupant(await presence('join-error-banned'))).to.equal(undefined);
    expect(parseOccupant({ from: 'alice@localhost/web' })).to.equal(undefined);
    const odd = parseOccupant({ from: 'r@c.x/n', muc: { type: 'info', role: 'king' as never, affiliation: 'god' as never, statusCodes: ['110', 'x', '42'] } });
    expect(odd).to.deep.include({ role: 'none', affiliation: 'none', self: true });
  });

  it('ignores our own join request reflected without muc#user, and a presence from the room itself', () => {
    expect(parseOccupant({ from: 'r@c.x/n', muc: { type: 'join' } })).to.equal(undefined);
    expect(parseOccupant({ from: 'r@c.x', muc: { type: 'info' } })).to.equal(undefined);
  });
});

describe('parseJoinError', () => {
  const cases: Array<[string, string, string]> = [
    ['join-error-banned', 'forbidden', 'You are banned from this room'],
    ['join-error-members-only', 'registration-required', 'This room is members-only'],
    ['join-error-conflict', 'conflict', 'That nickname is already in use'],
    ['join-error-not-found', 'item-not-found', 'This room does not exist'],
  ];
  for (const [name, condition, reason] of cases) {
    it(`explains ${condition}`, async () => {
      const e = parseJoinError(await presence(name));
      expect(e).to.include({ condition, reason });
    });
  }

  it('lower-cases the room JID', async () => {
    expect(parseJoinError(await presence('join-error-members-only'))?.room).to.equal('secret@conference.localhost');
  });

  it('ignores available presences', async () => {
    expect(parseJoinError(await presence('presence-occupant'))).to.equal(undefined);
  });
});
