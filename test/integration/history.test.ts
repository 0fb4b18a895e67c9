import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { bodies, joined, mountChat, roomView, timelineMessages } from './harness.js';
import { newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';
import { pageBackToStart } from './core-scenarios.js';

describe('integration: history', function () {
  this.timeout(60000);
  it('pages back through a 100-message room to its start, in order, each message once', () => pageBackToStart('hist', 'Long history', 100));

  it('renders at most 120 messages of a 300-message room while the reader goes to its start and back', async function () {
    const [writer, reader] = await Promise.all([newUser('writer'), newUser('reader')]);
    const room = await newRoom('Very long history');
    await server('server-send-messages', { room, user: writer.jid, count: 300 });
    const chat = await mountChat({ jid: reader.jid, password: reader.password, rooms: room });
    await joined(chat, room);
    await until(() => bodies(chat).slice(-1)[0] === 'Message 300', 'the newest message');
    const log = roomView(chat)!.querySelector<HTMLElement>('[part=timeline]')!;
    const numbers = () => bodies(chat).map((b) => Number(b.replace('Message ', '')));
    let most = 0;
    const contiguous = () => {
      const n = numbers();
      most = Math.max(most, n.length);
      return n.every((x, i) => i === 0 || x === n[i - 1] + 1);
    };

    await until(
      () => {
        log.scrollTop = 0;
        log.dispatchEvent(new Event('scroll'));
        expect(contiguous(), 'the window is a run of consecutive messages').to.equal(true);
        return roomView(chat)!.querySelector('.notice')?.textContent?.includes('Start of the conversation');
      },
      'the start of the conversation',
      40000,
    );
    expect(numbers()[0]).to.equal(1);
    expect(timelineMessages(chat)).to.have.length(300);

    await until(
      () => {
        log.scrollTop = log.scrollHeight;
        log.dispatchEvent(new Event('scroll'));
        expect(contiguous(), 'the window is a run of consecutive messages').to.equal(true);
        return numbers().slice(-1)[0] === 300 && !roomView(chat)!.textContent.includes('Show newer messages');
      },
      'back at the newest message',
      20000,
    );
    expect(most, 'message elements at the most').to.be.at.most(120);
  });
});
