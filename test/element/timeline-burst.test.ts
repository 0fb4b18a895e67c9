import { expect } from '@open-wc/testing';
import { FIRST_STEP, RENDER_STEP, WINDOW_MAX } from '../../src/elements/timeline-window.js';
import { ChatSession } from '../../src/session/chat-session.js';
import { Ledger } from '../fuzz/ledger.js';
import { ROOM } from '../fuzz/pools.js';
import { mountRoom, type View } from '../support/mount-room.js';
import { StanzaFeed } from '../support/stanza-feed.js';
import { until } from '../support/wait.js';

const frame = () => new Promise((r) => requestAnimationFrame(r));

describe('<ethora-room> under a burst', () => {
  let view: View | undefined;
  afterEach(() => view?.remove());

  /** A session with the room joined, its whole history loaded (nothing older to fetch), shown in `view`. */
  async function joinedRoom(): Promise<{ s: ChatSession; v: View }> {
    const s = new ChatSession();
    s.store.addRoom({ room: ROOM }, 'attribute', 'alice');
    s.store.changeRoom(ROOM, (r) => ((r.join = 'joined'), (r.historyFetched = true), (r.timeline.complete = true)));
    const v = (view = await mountRoom(s, ROOM));
    return { s, v };
  }

  it('renders the newest messages first (a page into an empty room), a step per update, then fills the window while the reader stays at the newest', async () => {
    const { s, v } = await joinedRoom();
    const root = v.room.shadowRoot!;
    const keys = () => [...root.querySelectorAll('li[data-key]')].map((li) => li.getAttribute('data-key'));
    // What each update adds to the list, and the list after the first one.
    const added: number[] = [];
    let first: (string | null)[] | undefined;
    let notice: Element | null = null;
    const watch = new MutationObserver((records) => {
      added.push(records.reduce((n, r) => n + [...r.addedNodes].filter((x) => x instanceof Element && x.matches('li[data-key]')).length, 0));
      if (first) return;
      first = keys();
      notice = root.querySelector('.log > .notice');
    });
    watch.observe(root.querySelector('ol')!, { childList: true });

    const feed = new StanzaFeed(s.store, new Ledger());
    for (let i = 0; i < 500; i++)
      feed.feed(
        `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob" id="o${i}"><body>burst ${i}</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s${i}"/></message>`,
      );
    const shown = await until(() => first, 'the first messages');
    expect(shown.length, 'nothing was rendered: a first page').to.be.at.most(FIRST_STEP);
    expect(shown[shown.length - 1], 'the newest message first').to.equal(s.store.room(ROOM)!.timeline.last!.key);
    expect(notice, 'no "Load older messages" while the window fills').to.equal(null);

    await v.settle();
    watch.disconnect();
    expect(keys()).to.have.length(WINDOW_MAX);
    expect(keys()[WINDOW_MAX - 1]).to.equal(s.store.room(ROOM)!.timeline.last!.key);
    expect(Math.max(...added.slice(1)), 'messages added by each later update').to.be.at.most(RENDER_STEP);
    await frame();
    const log = root.querySelector<HTMLElement>('.log')!;
    expect(log.scrollHeight - log.scrollTop - log.clientHeight, 'the reader is at the newest message').to.be.below(2);
  });

  it('keeps up with a stream of stanzas, each its own task, and ends at the newest message', async () => {
    const { s, v } = await joinedRoom();
    const root = v.room.shadowRoot!;
    const feed = new StanzaFeed(s.store, new Ledger());
    for (let i = 0; i < 3000; i++) {
      feed.feed(
        `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob" id="o${i}"><body>stream ${i} ${'word '.repeat(i % 40)}</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s${i}"/></message>`,
      );
      if (i % 7 === 0) await new Promise((r) => setTimeout(r));
    }
    const newest = s.store.room(ROOM)!.timeline.last!.key;
    await until(() => root.querySelector(`li[data-key="${newest}"]`), 'the newest message rendered', 5000).catch((e: Error) => {
      throw new Error(`${e.message}; new-messages button: ${root.querySelector('.new')?.textContent ?? 'none'}`);
    });
    expect(root.querySelector('.new'), 'no "new messages" button: the reader never left the newest').to.equal(null);
  });

  it('fills in above only once a frame passes with no new message: a stream, one a frame, adds rows only at the bottom', async () => {
    const { s, v } = await joinedRoom();
    const root = v.room.shadowRoot!;
    const rows = () => root.querySelectorAll('li[data-key]').length;
    const feed = new StanzaFeed(s.store, new Ledger());
    const send = (i: number) =>
      feed.feed(
        `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob" id="o${i}"><body>m ${i}</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s${i}"/></message>`,
      );
    for (let i = 0; i < 300; i++) send(i);
    await until(() => rows() > 0, 'the first messages');
    const first = rows();
    const STREAM = 20;
    for (let i = 300; i < 300 + STREAM; i++) {
      send(i);
      await frame();
    }
    expect(rows(), 'rows while a message arrived every frame: the first ones and the stream, nothing above').to.be.at.most(first + STREAM);
    await v.settle();
    expect(rows(), 'then the window filled in').to.equal(WINDOW_MAX);
  });
});
