import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { bodies, joined, mountChat, type } from '../integration/harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';
import { converseMessages, converseType, openConverse } from './converse-driver.js';

describe('interop: Converse.js 14 and the widget in one room', function () {
  this.timeout(120000);
  it('smoke', async () => {
    const [a, b] = await Promise.all([newUser('wa'), newUser('cb')]);
    const room = await newRoom('Interop');
    const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room, nick: a.user });
    await joined(alice, room);
    const bob = await openConverse({ jid: b.jid, password: b.password, nick: b.user }, room);
    type(alice, 'hello from the widget');
    converseType(bob, 'hello from converse');
    await until(() => bodies(alice).includes('hello from converse'), 'widget sees converse');
    await until(() => converseMessages(bob).some((m) => m.text === 'hello from the widget'), 'converse sees widget');
    console.log(JSON.stringify(converseMessages(bob).map(({ el, ...m }) => m)));
    expect(true).to.equal(true);
  });
});
