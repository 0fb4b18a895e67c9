import { expect } from '@open-wc/testing';
import { ChatSession } from '../../src/session/chat-session.js';
import { mountRoom, type View } from '../support/mount-room.js';

describe('<ethora-room-list> when the rooms could not be listed', () => {
  let view: View | undefined;
  afterEach(() => view?.remove());

  it('says why instead of "No rooms yet", and Try again asks the session once at a time', async () => {
    const session = new ChatSession();
    let reloads = 0;
    let finish = () => {};
    // A stand-in for the server round trip (element test: the session's network part is not under test).
    session.reloadRooms = () => (reloads++, new Promise<void>((resolve) => (finish = resolve)));
    session.store.setRoomListError('The server did not answer in time');
    view = await mountRoom(session, 'none@conference.localhost');
    const list = view.list.shadowRoot!;
    const alert = list.querySelector('[part=list-error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Could not load your rooms: The server did not answer in time');
    expect(list.textContent).to.not.contain('No rooms yet');
    const retry = alert.querySelector('button')!;
    retry.click();
    retry.click();
    await view.settle();
    expect(reloads).to.equal(1);
    expect(retry.getAttribute('aria-disabled')).to.equal('true');
    session.store.setRoomListError(undefined);
    finish();
    await view.settle();
    await view.settle();
    expect(list.querySelector('[part=list-error]')).to.equal(null);
    expect(list.textContent).to.contain('No rooms yet');
  });
});
