import { expect } from '@open-wc/testing';
import type { Message } from '../../src/state/message.js';
import { WHOLE, around, newest, placeWindow, revealNewer, revealOlder, steppedStart } from '../../src/elements/timeline-window.js';

const list = (from: number, to: number): Message[] =>
  Array.from({ length: to - from }, (_, i) => ({
    key: `k${from + i}`,
    room: 'r@c',
    nick: 'n',
    senderName: 'n',
    body: '',
    time: from + i,
    status: 'sent',
    own: false,
  }));

describe('timeline window', () => {
  it('renders a short timeline whole, and includes live and older messages as they come', () => {
    const msgs = list(0, 30);
    expect(placeWindow(msgs, WHOLE, true, 120)).to.deep.include({ start: 0, end: 30 });
    const more = [...list(-20, 0), ...msgs, ...list(30, 35)];
    expect(placeWindow(more, WHOLE, false, 120)).to.deep.include({ start: 0, end: 55 });
  });

  it('cuts a long one to the maximum: from the top while following the newest, else from the bottom', () => {
    const msgs = list(0, 500);
    const following = placeWindow(msgs, WHOLE, true, 120);
    expect([following.start, following.end]).to.deep.equal([380, 500]);
    expect(following.window).to.deep.equal({ top: 'k380', bottom: null });
    const reading = placeWindow(msgs, { top: 'k100', bottom: null }, false, 120);
    expect([reading.start, reading.end]).to.deep.equal([100, 220]);
    expect(reading.window).to.deep.equal({ top: 'k100', bottom: 'k219' });
  });

  it('holds its messages when an older page is put in front, and moves by steps', () => {
    const msgs = list(0, 200);
    const w = newest(msgs, 120);
    const paged = [...list(-50, 0), ...msgs];
    expect(placeWindow(paged, w, true, 120)).to.deep.include({ start: 130, end: 250 });
    const older = revealOlder(paged, w, 40);
    const placed = placeWindow(paged, older, false, 120);
    expect([placed.start, placed.end]).to.deep.equal([90, 210]);
    const newer = revealNewer(paged, placed.window, 40);
    expect(placeWindow(paged, newer, true, 120)).to.deep.include({ start: 130, end: 250 });
    expect(placeWindow(paged, revealOlder(paged, { top: 'k-30', bottom: 'k50' }, 40), false, 120)).to.deep.include({ start: 0, end: 101 });
  });

  it('centres on a message the reader jumps to, and survives keys that went away', () => {
    const msgs = list(0, 300);
    expect(placeWindow(msgs, around(msgs, 'k10', 40), false, 120)).to.deep.include({ start: 0, end: 51 });
    expect(placeWindow(msgs, around(msgs, 'k150', 40), false, 120)).to.deep.include({ start: 110, end: 191 });
    expect(placeWindow(msgs, { top: 'gone', bottom: 'gone too' }, true, 120)).to.deep.include({ start: 180, end: 300 });
    expect(placeWindow([], { top: 'k1', bottom: null }, true, 120)).to.deep.include({ start: 0, end: 0 });
  });

  it('finds the window of a long timeline from its newest messages, not by reading the whole list', () => {
    const msgs = list(0, 5000);
    let reads = 0;
    const counted = new Proxy(msgs, {
      get(target, prop, receiver): unknown {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver);
      },
    });
    const placed = placeWindow(counted, { top: 'k4880', bottom: null }, true, 120);
    expect([placed.start, placed.end]).to.deep.equal([4880, 5000]);
    expect(reads, 'messages read').to.be.below(300);
  });

  it('following the newest, renders at most a step of new messages per update: the newest first, then fills in above', () => {
    // None of what was rendered is left (a burst went past it all): the newest step.
    expect(steppedStart(380, 500, undefined, 16)).to.equal(484);
    // A few new ones below what is rendered: all of them, and the window keeps what it had.
    expect(steppedStart(385, 505, { start: 380, end: 500 }, 16)).to.equal(385);
    // More new ones than a step: the newest step only, what was rendered above them is dropped.
    expect(steppedStart(430, 550, { start: 380, end: 500 }, 16)).to.equal(534);
    // Then the window fills in above, a step at a time.
    expect(steppedStart(430, 550, { start: 534, end: 550 }, 16)).to.equal(518);
    expect(steppedStart(430, 550, { start: 518, end: 550 }, 16)).to.equal(502);
    expect(steppedStart(430, 550, { start: 440, end: 550 }, 16)).to.equal(430);
    // A short timeline is whole at once.
    expect(steppedStart(0, 10, undefined, 16)).to.equal(0);
  });

  it('fills in above only in an update that may fill and has nothing new below', () => {
    // Nothing new below, but new ones arrived within the last frame: the window holds what it has.
    expect(steppedStart(430, 550, { start: 534, end: 550 }, 16, false)).to.equal(534);
    // A few new below: they are added, nothing above (it would be dropped by the burst's next step).
    expect(steppedStart(430, 552, { start: 534, end: 550 }, 16, true)).to.equal(534);
    expect(steppedStart(430, 552, { start: 534, end: 550 }, 16, false)).to.equal(534);
    // Quiet: a step above.
    expect(steppedStart(430, 552, { start: 536, end: 552 }, 16, true)).to.equal(520);
  });
});
