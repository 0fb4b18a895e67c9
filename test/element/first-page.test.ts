import { expect } from '@open-wc/testing';
import { FIRST_STEP, RENDER_STEP } from '../../src/elements/timeline-window.js';
import { ChatSession } from '../../src/session/chat-session.js';
import type { WireMessage } from '../../src/state/wire-events.js';
import { mountRoom, type View } from '../support/mount-room.js';

const ROOM = 'lobby@conference.localhost';
const OTHER = 'design@conference.localhost';

function page(room: string, count: number): WireMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    room,
    nick: 'bob',
    body: `${room} ${i}`,
    stanzaId: `${room}-${i}`,
    time: 1_000_000 + i * 1000,
    archived: true,
  }));
}

/** The rendered message keys each time the list changed, from now on. */
function watchList(view: View): { lists: string[][]; stop(): void } {
  const root = view.room.shadowRoot!;
  const lists: string[][] = [];
  const watch = new MutationObserver(() => lists.push([...root.querySelectorAll('li[data-key]')].map((li) => li.getAttribute('data-key')!)));
  watch.observe(root.querySelector('ol')!, { childList: true });
  return { lists, stop: () => watch.disconnect() };
}

describe('<ethora-room> first page', () => {
  let view: View | undefined;
  afterEach(() => view?.remove());

  it("renders a room's first history page whole in its first update, not its newest messages first", async () => {
    expect(FIRST_STEP, 'a page is more than a step').to.be.above(RENDER_STEP);
    const s = new ChatSession();
    s.store.addRoom({ room: ROOM }, 'attribute', 'alice');
    s.store.changeRoom(ROOM, (r) => (r.join = 'joined'));
    view = await mountRoom(s, ROOM);
    await view.settle();
    const w = watchList(view);
    s.store.applyHistoryPage(ROOM, page(ROOM, FIRST_STEP), [], false);
    await view.settle();
    w.stop();
    const keys = s.store.room(ROOM)!.timeline.messages.map((m) => m.key);
    expect(w.lists[0], 'the first update').to.deep.equal(keys);
    expect(w.lists, 'one update').to.have.length(1);
  });

  it("shows another room's first page whole, whatever was rendered in the room before", async () => {
    const s = new ChatSession();
    for (const jid of [ROOM, OTHER]) {
      s.store.addRoom({ room: jid }, 'attribute', 'alice');
      s.store.changeRoom(jid, (r) => (r.join = 'joined'));
      s.store.applyHistoryPage(jid, page(jid, 50), [], true);
    }
    view = await mountRoom(s, ROOM);
    await view.settle();
    const w = watchList(view);
    view.room.room = OTHER;
    await view.settle();
    w.stop();
    const keys = s.store.room(OTHER)!.timeline.messages.map((m) => m.key);
    expect(w.lists[0], 'the first update: the newest page').to.deep.equal(keys.slice(-FIRST_STEP));
    expect(w.lists[w.lists.length - 1], 'then the rest above it').to.deep.equal(keys);
  });
});
