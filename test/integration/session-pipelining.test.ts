import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import { bodies, joined, mountChat, roomView, type } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { everyFrameUntil, until } from '../support/wait.js';

/**
 * Every WebSocket frame of the page, in the order the page wrote or received it. StanzaJS keeps
 * its own reference to the WebSocket class and reads with `onmessage`: the prototype is wrapped.
 */
function recordFrames(): { frames: { dir: 'out' | 'in'; data: string }[]; stop(): void } {
  const frames: { dir: 'out' | 'in'; data: string }[] = [];
  const proto = WebSocket.prototype;
  const send = Object.getOwnPropertyDescriptor(proto, 'send')!;
  const onmessage = Object.getOwnPropertyDescriptor(proto, 'onmessage')!;
  const text = (data: unknown) => (typeof data === 'string' ? data : '');
  Object.defineProperty(proto, 'send', {
    ...send,
    value(this: WebSocket, data: string) {
      frames.push({ dir: 'out', data: text(data) });
      (send.value as (d: string) => void).call(this, data);
    },
  });
  Object.defineProperty(proto, 'onmessage', {
    ...onmessage,
    set(this: WebSocket, handler: ((e: MessageEvent) => void) | null) {
      const recorded = handler && ((e: MessageEvent) => (frames.push({ dir: 'in', data: text(e.data) }), handler.call(this, e)));
      onmessage.set!.call(this, recorded);
    },
  });
  return {
    frames,
    stop: () => {
      Object.defineProperty(proto, 'send', send);
      Object.defineProperty(proto, 'onmessage', onmessage);
    },
  };
}

const idOf = (frame: string) => /\bid=["']([^"']+)["']/.exec(frame)?.[1];

describe('integration: session start pipelining', function () {
  this.timeout(60000);
  it("writes the open room's join and newest-page query first, before the stored state (read marks, blocklist) has answered", async () => {
    const [writer, reader] = await Promise.all([newUser('writer'), newUser('reader')]);
    const room = await newRoom('Pipelined');
    await server('server-send-messages', { room, user: writer.jid, count: 40 });
    const rec = recordFrames();
    try {
      const chat = await mountChat({ jid: reader.jid, password: reader.password, rooms: room });
      await joined(chat, room);
      // A room's first page renders whole at once (not its newest messages first): what the first
      // frame that shows the newest message holds, looked at every frame. The page before it may
      // already be there too: on loopback it can arrive and render before that frame.
      const shown = await everyFrameUntil(() => (bodies(chat).slice(-1)[0] === 'Message 40' ? bodies(chat) : undefined), 'the newest message');
      const page = Array.from({ length: 30 }, (_, i) => `Message ${11 + i}`);
      expect(shown.slice(-30), 'the newest page, whole when its newest message shows').to.deep.equal(page);
      const { frames } = rec;
      const sentAt = (test: (f: string) => boolean) => frames.findIndex((f) => f.dir === 'out' && test(f.data));
      const join = sentAt((f) => f.startsWith('<presence') && f.includes(`to="${room}/`) && f.includes('http://jabber.org/protocol/muc'));
      const mam = sentAt((f) => f.startsWith('<iq') && f.includes(`to="${room}"`) && f.includes('urn:xmpp:mam:2'));
      const stored = frames
        // The user's stored state (read marks, prefs, blocklist); bookmarks are a room list, asked apart.
        .filter(
          (f) => f.dir === 'out' && f.data.startsWith('<iq') && /jabber:iq:private|urn:xmpp:blocking/.test(f.data) && !f.data.includes('storage:bookmarks'),
        )
        .map((f) => idOf(f.data));
      expect(join, 'the join presence was written').to.be.above(-1);
      expect(mam, 'the newest-page query was written').to.be.above(join);
      expect(stored.length, 'read marks and blocklist were asked for').to.be.at.least(2);
      // Muted rooms (private storage too) are asked for later: the answers that came so far.
      const answers = stored.map((id) => frames.findIndex((f) => f.dir === 'in' && idOf(f.data) === id)).filter((i) => i > -1);
      expect(answers.length, 'an answer to the stored state arrived').to.be.above(0);
      const firstAnswer = Math.min(...answers);
      expect(mam, 'the newest page was asked for before any stored state came back').to.be.below(firstAnswer);
      // Nothing of the session is written before them: stream management is enabled after them,
      // and the room lists (disco, MucSub, bookmarks) are asked for once the newest page has come.
      const enable = sentAt((f) => f.startsWith('<enable'));
      expect(enable, 'stream management was enabled').to.be.above(-1);
      expect(mam, 'the join and newest page before stream management').to.be.below(enable);
      const isList = (f: string) => f.startsWith('<iq') && /disco#items|urn:xmpp:mucsub:0|storage:bookmarks|urn:xmpp:bookmarks/.test(f);
      await until(() => sentAt(isList) > -1, 'the room lists asked for');
      const lists = sentAt(isList);
      const newest = frames.findIndex((f) => f.dir === 'in' && f.data.includes('Message 40'));
      expect(lists, 'the room lists after the newest page came').to.be.above(newest);
    } finally {
      rec.stop();
    }
  });

  it('binds its resource right behind the stream restart after SASL, before the new stream’s features come', async () => {
    const user = await newUser('binder');
    const room = await newRoom('Bound early');
    const rec = recordFrames();
    try {
      const chat = await mountChat({ jid: user.jid, password: user.password, rooms: room });
      await joined(chat, room);
      const { frames } = rec;
      const at = (dir: 'in' | 'out', test: (f: string) => boolean, from = 0) => frames.findIndex((f, i) => i >= from && f.dir === dir && test(f.data));
      const success = at('in', (f) => f.startsWith('<success'));
      const restart = at('out', (f) => f.startsWith('<open'), success);
      const bind = at('out', (f) => f.startsWith('<iq') && f.includes('urn:ietf:params:xml:ns:xmpp-bind'));
      const features = at('in', (f) => f.includes('stream:features') || f.startsWith('<features'), success);
      expect(success, 'SASL succeeded').to.be.above(-1);
      expect(restart, 'the stream restarted').to.be.above(success);
      expect(bind, 'the bind written right after the restart').to.equal(restart + 1);
      expect(features, 'the new stream’s features came after the bind was written').to.be.above(bind);
      const bound = at('in', (f) => f.startsWith('<iq') && idOf(f) === idOf(frames[bind].data));
      expect(frames[bound]?.data, 'the bind’s result').to.match(/type=["']result["']/);
    } finally {
      rec.stop();
    }
  });

  it('writes a message the user sends before the room view shows it', async () => {
    const user = await newUser('first');
    const room = await newRoom('Written first');
    const chat = await mountChat({ jid: user.jid, password: user.password, rooms: room });
    await joined(chat, room);
    // Quiet for a while: the message's render would come at once, in the microtasks of the send.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const text = `on the wire first ${Date.now()}`;
    const shown = () => [...(roomView(chat)?.querySelectorAll<MessageElement>('ethora-message') ?? [])].some((m) => m.message?.body === text);
    let shownWhenWritten: boolean | undefined;
    const proto = WebSocket.prototype;
    const send = Object.getOwnPropertyDescriptor(proto, 'send')!;
    Object.defineProperty(proto, 'send', {
      ...send,
      value(this: WebSocket, data: string) {
        if (typeof data === 'string' && data.includes(text)) shownWhenWritten ??= shown();
        (send.value as (d: string) => void).call(this, data);
      },
    });
    try {
      type(chat, text);
      await until(() => shownWhenWritten !== undefined && shown(), 'the message written and shown');
      expect(shownWhenWritten, 'the room view rendered it before it was written').to.equal(false);
    } finally {
      Object.defineProperty(proto, 'send', send);
    }
  });
});
