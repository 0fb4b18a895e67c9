import { expect } from '@open-wc/testing';
import { ChatSession } from '../../src/session/chat-session.js';
import { mountRoom, type View } from '../support/mount-room.js';

const ROOM = 'media@conference.localhost';
const URL = 'https://upload.example.com/abc123/holiday.jpg';

describe('<ethora-room-list> preview of a room whose newest message is a file', () => {
  let view: View | undefined;
  afterEach(() => view?.remove());

  it('says "Photo" or the file name, never the upload address', async () => {
    const session = new ChatSession();
    session.store.addRoom({ room: ROOM }, 'attribute', 'alice');
    view = await mountRoom(session, ROOM);
    // The sender's name is isolated (FSI…PDI) so that it cannot reorder the text around it.
    const preview = () => view!.list.shadowRoot!.querySelector('[part=preview]')!.textContent.replace(/[\u2066-\u2069]/g, '');
    session.store.applyMessage({ room: ROOM, nick: 'bob', body: URL, stanzaId: 's1', media: { url: URL, mimeType: 'image/jpeg', name: 'holiday.jpg' } }, true);
    await view.settle();
    expect(preview()).to.contain('bob: Photo');
    expect(preview()).to.not.contain('https://');
    session.store.applyMessage(
      {
        room: ROOM,
        nick: 'bob',
        body: 'media',
        stanzaId: 's2',
        media: { url: 'https://upload.example.com/x/report.pdf', name: 'report.pdf', mimeType: 'application/pdf' },
      },
      true,
    );
    await view.settle();
    expect(preview()).to.contain('bob: report.pdf');
  });
});
