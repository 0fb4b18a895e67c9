import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { parseMessageError } from '../../../src/protocol/parse-message.js';
import { parseOccupant } from '../../../src/protocol/parse-presence.js';
import type { WireOccupant } from '../../../src/protocol/types.js';
import { rejoinReasonOfError, rejoinReasonOfPresence, RoomRecovery, type RecoveryHooks } from '../../../src/session/room-recovery.js';
import { fixture } from '../protocol/fixtures.js';
import { sleep } from '../../support/wait.js';

const ROOM = 'lobby@conference.localhost';
const occupant = async (name: string) => parseOccupant(await fixture<Stanzas.Presence>(name))!;

/** Records rejoin calls; each call answers with the next scripted outcome ('ok', 'fail', 'offline'). */
function fakeHooks(outcomes: ('ok' | 'fail' | 'offline')[] = [], pending = new Set<string>()) {
  const calls: { room: string; timeoutMs: number; last: boolean }[] = [];
  const hooks: RecoveryHooks = {
    async rejoin(room, timeoutMs, last) {
      calls.push({ room, timeoutMs, last });
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome === 'fail') throw new Error('The room did not answer');
      return outcome === 'ok';
    },
    isPending: (_room, id) => pending.has(id),
  };
  return { hooks, calls, pending };
}

const fast = { echoTimeoutMs: 40, joinTimeoutMs: 123, retryDelaysMs: [0, 5, 5, 5], maxInARow: 2 };

describe('room recovery: what asks for a rejoin', () => {
  it('a shutdown self-presence (332 + 110) asks for a rejoin', async () => {
    const o = await occupant('presence-self-shutdown');
    expect(o).to.deep.include({ self: true, available: false, exit: 'shutdown' as const });
    expect(rejoinReasonOfPresence(o)).to.equal('shutdown');
    expect(rejoinReasonOfPresence({ ...o, exit: 'shutdown' as const })).to.equal('shutdown');
  });

  it('a kick, a ban, a nick change, a plain leave or someone else leaving do not', async () => {
    expect(rejoinReasonOfPresence(await occupant('presence-kicked-self'))).to.equal(undefined);
    const shutdown = await occupant('presence-self-shutdown');
    const cases: WireOccupant[] = [
      { ...shutdown, exit: 'banned' as const },
      { ...shutdown, exit: undefined },
      { ...shutdown, self: false, exit: 'shutdown' as const },
      { ...shutdown, available: true },
      { ...shutdown, newNick: 'bob2' },
    ];
    for (const c of cases) expect(rejoinReasonOfPresence(c), JSON.stringify(c)).to.equal(undefined);
  });

  it('the "only occupants are allowed" bounce asks for a rejoin, a ban bounce does not', async () => {
    const notOccupant = parseMessageError(await fixture('message-error-not-occupant'))!;
    expect(notOccupant.condition).to.equal('not-acceptable');
    expect(rejoinReasonOfError(notOccupant)).to.equal('not-occupant');
    expect(rejoinReasonOfError(parseMessageError(await fixture('message-error-banned'))!)).to.equal(undefined);
    expect(rejoinReasonOfError({ room: ROOM, id: 'x', reason: 'r' })).to.equal(undefined);
  });
});

describe('room recovery: RoomRecovery', () => {
  it('runs one rejoin per room however many signals arrive meanwhile', async () => {
    const { hooks, calls } = fakeHooks(['ok']);
    const r = new RoomRecovery(hooks, fast);
    expect(r.onPresence(await occupant('presence-self-shutdown'))).to.equal(true);
    expect(r.isRecovering(ROOM)).to.equal(true);
    expect(r.onMessageError({ room: ROOM, id: 'm1', reason: 'x', condition: 'not-acceptable' }, 'joined')).to.equal(true);
    await r.recover(ROOM);
    expect(calls).to.deep.equal([{ room: ROOM, timeoutMs: 123, last: false }]);
    expect(r.isRecovering(ROOM)).to.equal(false);
  });

  it('retries a failed join after the configured waits and marks only the last attempt', async () => {
    const { hooks, calls } = fakeHooks(['fail', 'fail', 'fail', 'fail']);
    const r = new RoomRecovery(hooks, fast);
    await r.recover(ROOM); // never rejects
    expect(calls.map((c) => c.last)).to.deep.equal([false, false, false, true]);
    expect(calls.map((c) => c.timeoutMs)).to.deep.equal([123, 246, 369, 492]);
  });

  it('stops at the first success, and when the session is offline', async () => {
    const a = fakeHooks(['fail', 'ok']);
    await new RoomRecovery(a.hooks, fast).recover(ROOM);
    expect(a.calls).to.have.length(2);
    const b = fakeHooks(['offline']);
    await new RoomRecovery(b.hooks, fast).recover(ROOM);
    expect(b.calls).to.have.length(1);
  });

  it('a message not echoed in time starts a rejoin; an echoed one does not', async () => {
    const { hooks, calls, pending } = fakeHooks([], new Set(['lost']));
    const r = new RoomRecovery(hooks, fast);
    r.sent(ROOM, 'lost');
    r.sent(ROOM, 'echoed');
    pending.add('echoed');
    r.echoed(ROOM, 'echoed');
    await sleep(80);
    expect(calls).to.have.length(1);
    pending.delete('lost');
    r.sent(ROOM, 'confirmed-by-archive'); // no longer pending when the timer fires
    await sleep(80);
    expect(calls).to.have.length(1);
  });

  it('gives up on "not an occupant" after maxInARow rejoins without a confirmed message', async () => {
    const { hooks, calls } = fakeHooks();
    const r = new RoomRecovery(hooks, fast);
    const bounce = { room: ROOM, id: 'm', reason: 'You are not in this room', condition: 'not-acceptable' };
    expect(r.onMessageError(bounce, 'joined')).to.equal(true);
    await r.recover(ROOM);
    expect(r.onMessageError(bounce, 'joined')).to.equal(true);
    await r.recover(ROOM);
    expect(r.onMessageError(bounce, 'joined')).to.equal(false); // shown as failed, no endless loop
    expect(calls).to.have.length(2);
    r.echoed(ROOM, 'other'); // the room works again: the count starts over
    expect(r.onMessageError(bounce, 'joined')).to.equal(true);
  });

  it('keeps the rest of a bounced burst pending while the room is joined again, without counting them', async () => {
    const { hooks, calls } = fakeHooks();
    const r = new RoomRecovery(hooks, fast);
    const bounce = (id: string) => ({ room: ROOM, id, reason: 'Only occupants are allowed to send messages to the conference', condition: 'not-acceptable' });
    // The first bounce starts a rejoin (the session shows the room as joining); the other
    // messages of the burst bounce meanwhile: the join sends them again once in.
    expect(r.onMessageError(bounce('m1'), 'joined')).to.equal(true);
    for (let i = 2; i <= 9; i++) expect(r.onMessageError(bounce(`m${i}`), 'joining'), `m${i}`).to.equal(true);
    await r.recover(ROOM);
    expect(calls).to.have.length(1);
    // Out of the room (an error, or never entered): the bounce is the user's to see.
    expect(r.onMessageError(bounce('m10'), 'error')).to.equal(false);
    expect(r.onMessageError(bounce('m11'), 'idle')).to.equal(false);
    // Other refusals are never retried.
    expect(r.onMessageError({ ...bounce('m12'), condition: 'forbidden' }, 'joining')).to.equal(false);
  });

  it('reset() (a new session) cancels echo watches and further attempts', async () => {
    const { hooks, calls } = fakeHooks(['fail', 'fail', 'fail', 'fail'], new Set(['m']));
    const r = new RoomRecovery(hooks, { ...fast, retryDelaysMs: [0, 30, 30] });
    r.sent('other@conference.localhost', 'm');
    const run = r.recover(ROOM);
    await sleep(5);
    r.reset();
    await run;
    await sleep(60);
    expect(calls).to.have.length(1);
  });
});
