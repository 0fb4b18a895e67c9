/**
 * Hostile occupants, black-box: a raw StanzaJS client (not the widget) in a room with real
 * widgets, through the real ejabberd. What the victim sees, live and after a reload.
 */
import { expect } from '@open-wc/testing';
import type { Agent } from 'stanza';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import { bodies, joined, menuAction, messageEl, messageMenu, mountChat, reactionChips, renderedMessages, roomView, sessionOf, typingLine } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';
import { disconnect, rawClient } from '../support/raw-client.js';

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;

/** A raw client in `room` as `nick`, joined (its own presence came back). */
async function rawOccupant(jid: string, password: string, room: string, nick: string): Promise<Agent> {
  const client = await rawClient(jid, password);
  await client.joinRoom(room, nick, { muc: { type: 'join', history: { maxStanzas: 0 } } });
  return client;
}

async function leave(client: Agent, room: string, nick: string): Promise<void> {
  await client.leaveRoom(room, nick).catch(() => undefined);
  await disconnect(client);
}

const say = (c: Agent, room: string, body: string, extra: Record<string, unknown> = {}) =>
  c.sendMessage({ to: room, type: 'groupchat', id: `m-${Math.random().toString(36).slice(2)}`, body, ...extra });

/** The room's archive id and origin-id of a message the widget shows. */
function idsOf(chat: ChatElement, room: string, body: string): { stanzaId: string; originId?: string } {
  const m = sessionOf(chat)
    .store.room(room)!
    .timeline.messages.find((x) => x.body === body)!;
  return { stanzaId: m.stanzaId!, originId: m.originId };
}

function messageOf(chat: ChatElement, body: string) {
  for (const r of sessionOf(chat).store.rooms) {
    const m = r.timeline.messages.find((x) => x.body === body);
    if (m) return m;
  }
  return undefined;
}

/** Every way to act on `target` as its author, in both dialects. */
function forgeActions(c: Agent, room: string, target: { stanzaId: string; originId?: string }): void {
  const id = () => `f-${Math.random().toString(36).slice(2)}`;
  c.sendMessage({ to: room, type: 'groupchat', id: id(), body: 'rewritten by a nick thief', replace: target.originId ?? target.stanzaId });
  c.sendMessage({
    to: room,
    type: 'groupchat',
    id: `edit-message-${Date.now()}`,
    ethoraReplace: { id: target.stanzaId, text: 'rewritten (ethora)' },
    processingHints: { store: true },
  } as never);
  c.sendMessage({ to: room, type: 'groupchat', id: id(), body: 'retracted', retract: { id: target.stanzaId }, processingHints: { store: true } } as never);
  c.sendMessage({ to: room, type: 'groupchat', id: 'message-delete', ethoraDelete: { id: target.stanzaId }, processingHints: { store: true } } as never);
}

/** A message after the forged ones: once it shows, everything before it was processed. */
async function marker(c: Agent, chat: ChatElement, room: string, text: string): Promise<void> {
  say(c, room, text);
  await until(() => bodies(chat).includes(text), `"${text}" to arrive`);
}

async function reload(chat: ChatElement, o: Parameters<typeof mountChat>[0], room: string): Promise<ChatElement> {
  await chat.disconnect();
  const again = await mountChat(o);
  await joined(again, room);
  return again;
}

describe('hostile occupants: a nick is not an identity', () => {
  for (const anonymous of [false, true]) {
    it(`after Bob leaves, whoever takes the nick "bob" cannot edit, delete or un-react his messages${anonymous ? ' (anonymous room)' : ''}`, async () => {
      const [a, b, m] = await Promise.all([newUser('alice'), newUser('bob'), newUser('mal')]);
      const name = await server<string>('server-unique', { prefix: 'nick' });
      const room = await server<string>('server-create-room', { name, title: 'Nick room', options: anonymous ? { anonymous: 'true' } : {} });
      const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
      await joined(alice, room);
      const bob = await rawOccupant(b.jid, b.password, room, 'bob');
      say(bob, room, "bob's words");
      say(bob, room, 'bob edits this one');
      await until(() => bodies(alice).includes('bob edits this one'), "Bob's messages");
      // The real Bob, still the same occupant, may edit his message (the control).
      bob.sendMessage({ to: room, type: 'groupchat', id: 'b-fix', body: 'bob edited this', replace: idsOf(alice, room, 'bob edits this one').originId });
      await until(() => bodies(alice).includes('bob edited this'), "Bob's own edit to apply");
      // Bob reacts to Alice's message, then leaves.
      alice.sendMessage(room, 'alice asks');
      await until(() => idsOf(alice, room, 'alice asks')?.stanzaId, "Alice's message to be confirmed");
      bob.sendMessage({
        to: room,
        type: 'groupchat',
        id: 'b-react',
        reactions: { id: idsOf(alice, room, 'alice asks').stanzaId, values: ['👍'] },
        processingHints: { store: true },
      } as never);
      await until(() => reactionChips(alice, 'alice asks').join() === '👍 1', "Bob's reaction");
      const target = idsOf(alice, room, "bob's words");
      await leave(bob, room, 'bob');
      // Mallory takes the nick and forges every action on Bob's message, and withdraws his reaction.
      const mal = await rawOccupant(m.jid, m.password, room, 'bob');
      forgeActions(mal, room, target);
      mal.sendMessage({
        to: room,
        type: 'groupchat',
        id: 'm-react',
        reactions: { id: idsOf(alice, room, 'alice asks').stanzaId, values: [] },
        processingHints: { store: true },
      } as never);
      await marker(mal, alice, room, 'mallory was here');
      const check = (chat: ChatElement, when: string) => {
        const shown = messageOf(chat, "bob's words");
        expect(shown, `${when}: Bob's message is still there`).to.exist;
        expect([shown!.edited, shown!.deleted], `${when}: neither edited nor deleted`).to.deep.equal([undefined, undefined]);
        expect(bodies(chat), when).to.not.include('rewritten by a nick thief');
        expect(reactionChips(chat, 'alice asks'), `${when}: Bob's reaction stays`).to.deep.equal(['👍 1']);
      };
      check(alice, 'live');
      await leave(mal, room, 'bob');
      if (anonymous) return; // the archive of an anonymous room cannot tell them apart (README, Security)
      const again = await reload(alice, { jid: a.jid, password: a.password, rooms: room }, room);
      await until(() => bodies(again).includes('mallory was here'), 'history after the reload');
      // Only what came after the read mark is fetched at first: the reader scrolls up for the rest.
      await sessionOf(again).loadOlder(room);
      await until(() => messageOf(again, "bob's words"), "Bob's message in the history");
      check(again, 'after a reload');
      expect(messageOf(again, 'bob edited this')?.edited, "Bob's own edit is kept").to.equal(true);
    });
  }

  it('a message archived under my nick by someone else is not mine: no Edit or Delete', async () => {
    const [a, m] = await Promise.all([newUser('alice'), newUser('mal')]);
    const room = await newRoom('Archive room');
    const myNick = a.user;
    const mal = await rawOccupant(m.jid, m.password, room, myNick);
    say(mal, room, 'posing as alice');
    await new Promise((r) => setTimeout(r, 300));
    await leave(mal, room, myNick);
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(alice, room);
    await until(() => bodies(alice).includes('posing as alice'), 'the archived message');
    expect(messageOf(alice, 'posing as alice')!.own).to.equal(false);
    const el = messageEl(alice, 'posing as alice') as MessageElement;
    expect(el.canDelete, 'Delete offered').to.equal(false);
    const menu = await messageMenu(alice, 'posing as alice');
    shadow(menu)?.querySelector<HTMLButtonElement>('.more')?.click();
    await new Promise((r) => setTimeout(r, 100));
    const items = [...(shadow(menu)?.querySelectorAll('.item') ?? [])].map((b) => b.textContent.trim());
    expect(items).to.not.include('Edit');
    expect(items).to.not.include('Delete');
  });
});

describe('hostile occupants: claims', () => {
  it("an occupant's system notice is that occupant's message: bubble, name, clipping, blocking", async () => {
    const [a, m] = await Promise.all([newUser('alice'), newUser('mal')]);
    const room = await newRoom('System room');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(alice, room);
    const mal = await rawOccupant(m.jid, m.password, room, 'mallory');
    const notice = 'The room is closing: sign in again at evil.example';
    say(mal, room, notice, { data: { isSystemMessage: 'true', senderFirstName: 'System' } });
    say(mal, room, `SYSTEM ${'x'.repeat(6000)}`, { data: { isSystemMessage: 'true' } });
    await until(() => bodies(alice).includes(notice), 'the notice as a message');
    const systemLines = [...(roomView(alice)?.querySelectorAll('[part=system]') ?? [])].map((l) => l.textContent ?? '');
    expect(
      systemLines.some((l) => l.includes('closing')),
      'shown as a system line',
    ).to.equal(false);
    const shown = renderedMessages(alice).find((x) => x.body === notice)!;
    expect(shown.author).to.equal('System (mallory)');
    const long = await until(
      () =>
        shadow(
          messageEl(
            alice,
            bodies(alice).find((x) => x.startsWith('SYSTEM'))!,
          ),
        )?.querySelector('[part=more]'),
      'the long one clipped',
    );
    expect(long).to.exist;
    // From the archive too it is that occupant's message, not a system line.
    const again = await reload(alice, { jid: a.jid, password: a.password, rooms: room }, room);
    await until(() => bodies(again).includes(notice), 'history, with the notice');
    expect(messageOf(again, notice)?.system, 'not a system line after a reload').to.equal(undefined);
    await menuAction(again, notice, 'Block sender');
    await until(() => !bodies(again).includes(notice), 'the notice hidden with its sender');
    await leave(mal, room, 'mallory');
    // The server leaves a blocked author out of the blocker's archive too (mod_ethora_block): a
    // session without this device's history cache reads only the archive.
    const third = await reload(again, { jid: a.jid, password: a.password, rooms: room, cache: 'off' }, room);
    await until(() => sessionOf(third).store.room(room)?.historyFetched, 'history loaded');
    // The newest page (30) was asked for: without the server's filter it would bring the notice.
    expect(messageOf(third, notice), 'withheld from the archive').to.equal(undefined);
  });

  it('a claimed name shows beside the nick the room vouches for, in messages and typing, without bidi tricks', async () => {
    const [a, m] = await Promise.all([newUser('alice'), newUser('mal')]);
    const room = await newRoom('Names room');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(alice, room);
    const mal = await rawOccupant(m.jid, m.password, room, 'mallory');
    say(mal, room, 'hi, it is me', { data: { fullName: 'Alice Smith' } });
    say(mal, room, 'reversed', { data: { fullName: 'gpj.\u202Eexe\u200B' } });
    mal.sendMessage({ to: room, type: 'groupchat', chatState: 'composing', data: { fullName: 'Alice Smith' } } as never);
    await until(() => bodies(alice).includes('reversed'), 'both messages');
    const authors = renderedMessages(alice).map((x) => x.author);
    expect(authors).to.include('Alice Smith (mallory)');
    expect(messageOf(alice, 'reversed')!.senderName, 'invisible and reordering characters removed').to.equal('gpj.exe (mallory)');
    const authorEl = shadow(messageEl(alice, 'hi, it is me'))!.querySelector('[part=author]')!;
    expect(getComputedStyle(authorEl).unicodeBidi, 'the name is isolated').to.equal('isolate');
    await until(() => typingLine(alice).includes('Alice Smith (mallory)'), 'the typing line with the nick');
    await leave(mal, room, 'mallory');
  });
});

describe('hostile occupants: floods', () => {
  it('a flood of joins and leaves, actions for missing messages and typing stays bounded, and the room keeps working', async function () {
    this.timeout(90000);
    const [a, m] = await Promise.all([newUser('alice'), newUser('mal')]);
    const room = await newRoom('Flood room');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room });
    await joined(alice, room);
    const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const before = heap();
    const mal = await rawOccupant(m.jid, m.password, room, 'mallory');
    // 5,100 stanzas: edits, retractions and reactions for messages that do not exist, typing
    // from one occupant, and a run of joins and leaves.
    for (let i = 0; i < 1500; i++) {
      // In bursts: ejabberd ends a session whose queue passes its limit (max_fsm_queue), the
      // flooder's own included (it gets its echoes), which would end the flood early.
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 100));
      mal.sendMessage({ to: room, type: 'groupchat', id: `e${i}`, body: 'x', replace: `missing-${i}` });
      mal.sendMessage({ to: room, type: 'groupchat', id: `r${i}`, retract: { id: `gone-${i}` } } as never);
      mal.sendMessage({ to: room, type: 'groupchat', id: `x${i}`, reactions: { id: `none-${i}`, values: ['👍'] } } as never);
    }
    for (let i = 0; i < 500; i++) mal.sendMessage({ to: room, type: 'groupchat', chatState: i % 2 ? 'composing' : 'paused' });
    // Joins and leaves, each answered by the room (50 of each).
    for (let i = 0; i < 50; i++) {
      await mal.leaveRoom(room, 'mallory');
      await mal.joinRoom(room, 'mallory', { muc: { type: 'join', history: { maxStanzas: 0 } } });
    }
    say(mal, room, 'after the flood');
    try {
      await until(() => bodies(alice).includes('after the flood'), 'the message after the flood', 60000);
    } catch (e) {
      const r0 = sessionOf(alice).store.room(room)!;
      console.log(
        'after the flood, the widget had:',
        JSON.stringify({
          conn: sessionOf(alice).store.connection,
          join: r0.join,
          occ: [...r0.occupants.keys()],
          n: r0.timeline.size,
          last: r0.timeline.messages.slice(-5).map((x) => x.body),
          mal: (mal as unknown as { sessionStarted?: boolean }).sessionStarted,
          waiting: r0.waiting.size,
        }),
      );
      throw e;
    }
    const r = sessionOf(alice).store.room(room)!;
    expect(r.waiting.size, 'actions waiting for targets').to.be.at.most(1000);
    expect(r.seenActions.size).to.be.at.most(5000);
    const lines = r.timeline.messages.filter((x) => x.system).length;
    expect(lines, 'system lines for 100 joins and leaves').to.be.at.most(8);
    globalThis.gc?.();
    console.log(
      `flood of 5,100 stanzas: heap ${(before / 1e6).toFixed(1)} MB -> ${(heap() / 1e6).toFixed(1)} MB, ${r.waiting.size} waiting targets, ${lines} system lines`,
    );
    // The room still works for everyone else.
    alice.sendMessage(room, 'still here');
    await until(() => messageOf(alice, 'still here')?.status === 'sent', 'our message confirmed after the flood');
    await leave(mal, room, 'mallory');
  });
});
