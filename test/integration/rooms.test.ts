import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { bodies, joined, mountChat, online, renderedMessages, roomView, sessionOf, type, viewPlaced } from './harness.js';
import { MUC_DOMAIN, newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

const joinState = (chat: HTMLElement) => chat.shadowRoot?.querySelector('ethora-room')?.getAttribute('join-state');

describe('integration: joining rooms', () => {
  it('shows why a members-only room refuses the user, in the room', async () => {
    const u = await newUser('outsider');
    const name = await server<string>('server-unique', { prefix: 'private' });
    const room = await server<string>('server-create-room', { name, title: 'Members only', membersOnly: true });
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room });
    await online(chat);
    await until(() => joinState(chat) === 'error', 'the join error');
    expect(roomView(chat)!.querySelector('[role=alert]')!.textContent).to.match(/members/i);
  });

  it('joins with a suffixed nick when the nick is taken by someone else', async () => {
    const [a, b] = await Promise.all([newUser('nick1'), newUser('nick2')]);
    const room = await newRoom('Same nick');
    const first = await mountChat({ jid: a.jid, password: a.password, rooms: room, nick: 'sam' });
    await joined(first, room);
    const second = await mountChat({ jid: b.jid, password: b.password, rooms: room, nick: 'sam' });
    await joined(second, room);
    type(second, 'who am I');
    await until(() => bodies(first).includes('who am I'), 'the message');
    expect(renderedMessages(first).find((m) => m.body === 'who am I')!.author).to.equal('sam2');
  });
});

describe('integration: a room made by joining it', () => {
  it('is open to the next user at once (status 201: the widget accepts the default configuration)', async () => {
    // Prosody locks a room its first occupant creates until that owner configures it
    // (XEP-0045 §10.1); until then everyone else is refused with item-not-found.
    const [a, b] = await Promise.all([newUser('maker'), newUser('next')]);
    const room = `${await server<string>('server-unique', { prefix: 'fresh' })}@${MUC_DOMAIN}`;
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(alice, room);
    const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
    await joined(bob, room);
    type(bob, 'I got in');
    await until(() => bodies(alice).includes('I got in'), 'Alice to read Bob');
  });
});

describe('integration: delivery state', () => {
  it('shows a message the room refuses as failed with the reason, never as sent', async () => {
    const u = await newUser('visitor');
    const name = await server<string>('server-unique', { prefix: 'moderated' });
    const room = await server<string>('server-create-room', { name, title: 'Moderated', options: { moderated: true, members_by_default: false } });
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room });
    await joined(chat, room);
    // The widget says the user has no voice and disables its composer; a send anyway (another
    // tab, a stale page) must still end up visibly refused.
    await until(() => roomView(chat)?.querySelector('[part=no-voice]'), 'the no-voice notice');
    chat.shadowRoot!.querySelector('ethora-room')!.session!.send(room, 'may I speak?');
    await until(() => renderedMessages(chat)[0]?.status === 'failed', 'the failed state');
    const status = roomView(chat)!.querySelector('ethora-message')!.shadowRoot!.querySelector('[part=status]')!;
    expect(status.textContent).to.match(/not sent/i);
    expect(status.querySelector('button')!.textContent).to.equal('Retry');
  });
});

describe('integration: reading position', () => {
  it('stays where the reader is and offers a "new messages" button', async () => {
    const [w, r] = await Promise.all([newUser('w'), newUser('r')]);
    const room = await newRoom('Scrolling');
    await server('server-send-messages', { room, user: w.jid, count: 40 });
    const reader = await mountChat({ jid: r.jid, password: r.password, rooms: room });
    const writer = await mountChat({ jid: w.jid, password: w.password, rooms: room });
    await Promise.all([joined(reader, room), joined(writer, room)]);
    await until(() => bodies(reader).length >= 30, 'history');
    // The writer's arrival ("w joined") comes to the reader a little after the writer is in:
    // it must not land after the scroll and count as a second new message.
    const store = sessionOf(reader).store;
    await until(() => store.room(room)!.occupants.size === 2, 'the writer among the occupants');
    const log = roomView(reader)!.querySelector<HTMLElement>('[part=timeline]')!;
    // ...and drawn (a change close after another is drawn at the next frame).
    const last = <T>(list: ArrayLike<T>): T | undefined => list[list.length - 1];
    await until(
      () => last(log.querySelectorAll<HTMLElement>('li[data-key]'))?.dataset.key === last(store.room(room)!.timeline.messages)?.key,
      'the view to show the newest item',
    );
    await until(() => log.scrollHeight - log.scrollTop - log.clientHeight < 5, 'pinned to the bottom');

    // The reader scrolls (a wheel turn, then the scroll it makes): a scroll with no input is the layout's.
    log.dispatchEvent(new WheelEvent('wheel', { bubbles: true, composed: true }));
    log.scrollTop = log.scrollHeight / 2;
    log.dispatchEvent(new Event('scroll'));
    const top = firstVisible(log);
    type(writer, 'while you were reading');
    await until(() => bodies(reader).includes('while you were reading'), 'the new message');
    const button = await until(() => roomView(reader)!.querySelector<HTMLButtonElement>('[part=new-messages]'), 'the new messages button');
    expect(button.textContent).to.contain('1 new message');
    // What the reader sees: the view is placed in the frame that paints a change (an older page
    // may have arrived above meanwhile: the join's unread count fetches one), not inside the
    // update, so look once that frame has placed it. A change that lands between two frames is
    // placed by a callback of the next one, after any this test asked for earlier: wait for it.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await viewPlaced(reader);
    expect(firstVisible(log)).to.deep.equal(top);
    button.click();
    await until(() => !roomView(reader)!.querySelector('[part=new-messages]'), 'the button to go away');
    await until(() => log.scrollHeight - log.scrollTop - log.clientHeight < 5, 'scrolled to the newest message');

    type(writer, 'and now at the bottom');
    await until(() => bodies(reader).includes('and now at the bottom'), 'the next message');
    await until(() => log.scrollHeight - log.scrollTop - log.clientHeight < 5, 'still pinned to the bottom');
  });
});

/** The message at the top of the viewport and how far it sits from the top edge. */
function firstVisible(log: HTMLElement): { key: string; offset: number } | undefined {
  for (const li of log.querySelectorAll<HTMLElement>('li[data-key]')) {
    if (li.offsetTop + li.offsetHeight > log.scrollTop) return { key: li.dataset.key!, offset: Math.round(li.offsetTop - log.scrollTop) };
  }
  return undefined;
}
