import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { bodies, joined, mountChat, newRoom, newUser, roomView, server, until } from './harness.js';

describe('integration: history', () => {
  it('pages back through a 100-message room to its start, in order, each message once', async () => {
    const [writer, reader] = await Promise.all([newUser('writer'), newUser('reader')]);
    const room = await newRoom('Long history');
    await server('server-send-messages', { room, user: writer.jid, count: 100 });
    const chat = await mountChat({ jid: reader.jid, password: reader.password, rooms: room });
    await joined(chat, room);
    await until(() => bodies(chat).length >= 30, 'the newest page');
    expect(bodies(chat).slice(-1)).to.deep.equal(['Message 100']);

    const log = roomView(chat)!.querySelector<HTMLElement>('[part=timeline]')!;
    await until(() => {
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      return roomView(chat)!.querySelector('.notice')?.textContent?.includes('Start of the conversation');
    }, 'the start of the conversation', 30000);
    const expected = Array.from({ length: 100 }, (_, i) => `Message ${i + 1}`);
    expect(bodies(chat)).to.deep.equal(expected);
  });
});
