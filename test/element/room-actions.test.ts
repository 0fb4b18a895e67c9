import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RoomActionsElement } from '../../src/elements/room-actions-element.js';
import { ChatSession } from '../../src/session/chat-session.js';
import { mountRoom, type View } from '../support/mount-room.js';

const ROOM = 'lobby@conference.localhost';
const frame = () => new Promise((r) => requestAnimationFrame(r));

describe('<ethora-room-actions>', () => {
  let view: View | undefined;
  afterEach(() => view?.remove());

  it('leaving the room closes the menu in the render that removes it, not in another', async () => {
    const s = new ChatSession();
    s.store.addRoom({ room: ROOM }, 'user', 'alice');
    s.store.changeRoom(ROOM, (r) => (r.join = 'joined'));
    // The server's part of leaving is not under test: the room goes from the store, as it does.
    s.leave = async (room) => {
      await frame();
      s.store.removeRoom(room);
    };
    view = await mountRoom(s, ROOM);
    await view.settle();
    const actions = view.room.shadowRoot!.querySelector<RoomActionsElement>('ethora-room-actions')!;
    const root = actions.shadowRoot!;
    root.querySelector<HTMLButtonElement>('.more')!.click();
    await actions.updateComplete;
    root.querySelector<HTMLButtonElement>('.item.danger')!.click();
    await actions.updateComplete;
    await frame();
    expect(root.activeElement?.textContent, 'the confirmation has the focus').to.match(/^Yes, leave/);
    // An update that asked for another while it ran (what Lit's "change-in-update" warns of).
    let asked = 0;
    const host = actions as unknown as { updated(changed: Map<PropertyKey, unknown>): void };
    const updated = host.updated.bind(actions);
    host.updated = (changed) => {
      updated(changed);
      if (actions.isUpdatePending) asked++;
    };
    // The keyboard, as a user confirms: the page has the focus, so removing the focused item blurs it.
    await sendKeys({ press: 'Enter' });
    for (let f = 0; f < 4; f++) await frame();
    await actions.updateComplete;
    expect(root.querySelector('.menu'), 'the menu is gone').to.equal(null);
    expect(asked, 'updates that asked for another while they ran').to.equal(0);
  });
});
