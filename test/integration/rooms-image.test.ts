/**
 * The room image (Ethora's ns:getrooms:setprofile, the kit's mod_ethora_rooms): an owner sets it
 * in room settings (an http(s) address, checked), her room list shows it at once, a member's
 * after their list is reloaded or the page opened again (ns:getrooms), and it can be removed.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { joined, mountChat, online, sessionOf } from './harness.js';
import { button, click, createRoom, fill, openSide } from './room-admin-harness.js';
import { newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

const dialect = 'ethora';

/** The image the room list shows next to the room's name ('' for none, undefined: not listed). */
function listedImage(chat: ChatElement, name: string): string | undefined {
  const list = chat.shadowRoot?.querySelector('ethora-room-list')?.shadowRoot;
  const item = [...(list?.querySelectorAll('[part=room]') ?? [])].find((r) => r.querySelector('[part=room-name]')?.textContent === name);
  return item ? (item.querySelector<HTMLImageElement>('[part=thumbnail]')?.getAttribute('src') ?? '') : undefined;
}

describe('integration: the room image (Ethora)', () => {
  it('an owner sets it from room settings; her list shows it, a member’s after a reload; bad addresses are refused', async () => {
    const [alice, bob] = await Promise.all([newUser('ri'), newUser('rib')]);
    const a = await mountChat({ jid: alice.jid, password: alice.password, nick: 'alice', dialect });
    await online(a);
    const name = `Pictured ${await server<string>('server-unique', { prefix: 'ri' })}`;
    const room = await createRoom(a, 'public', name);
    await joined(a, room);
    await server('server-set-affiliation', { room, user: bob.jid, affiliation: 'member' });
    const b = await mountChat({ jid: bob.jid, password: bob.password, nick: 'bob', dialect });
    await until(() => listedImage(b, name) === '', 'the room in Bob’s list (ns:getrooms), without an image');

    const settings = await openSide(a, 'settings');
    const form = await until(() => settings.querySelector('form.image'), 'the room image form');
    for (const bad of ['javascript:alert(1)', 'ftp://127.0.0.1/a.png']) {
      fill(form, 'thumbnail', bad);
      await click(() => form, 'Set image');
      await until(() => form.querySelector('[role=alert]')?.textContent?.includes('Use an http or https address for the image'), `"${bad}" refused`);
    }
    expect(listedImage(a, name)).to.equal('');
    const url = `${location.origin}/room-image.png?r=${encodeURIComponent(name)}`;
    fill(form, 'thumbnail', url);
    await click(() => form, 'Set image');
    await until(() => form.querySelector('[role=status]')?.textContent?.includes('Image saved.'), 'saved');
    expect(form.querySelector('[role=alert]')).to.equal(null);
    await until(() => listedImage(a, name) === url, 'Alice’s list shows the image');

    // Bob's list is the server's (ns:getrooms): a reload of it, or the page opened again.
    expect(listedImage(b, name)).to.equal('');
    await sessionOf(b).reloadRooms();
    await until(() => listedImage(b, name) === url, 'Bob’s list shows it after a reload');
    b.remove();
    // Without the device's cache, so that the list shown is the server's.
    const b2 = await mountChat({ jid: bob.jid, password: bob.password, nick: 'bob', dialect, cache: 'off' });
    await until(() => listedImage(b2, name) === url, 'Bob’s list shows it on a new page');
    await online(b2);
    // Bob is a member, not an owner: no settings, and the server refuses him anyway.
    let refusal = '';
    await sessionOf(b2)
      .admin.setImage(room, 'https://127.0.0.1/other.png')
      .catch((e: Error) => (refusal = e.message));
    expect(refusal).to.match(/not allowed/i);

    (await until(() => button(form, 'Remove image'), 'Remove image')).click();
    await until(() => listedImage(a, name) === '', 'the image removed from Alice’s list');
  });

  it('is not offered in the standard dialect', async () => {
    const alice = await newUser('ris');
    const a = await mountChat({ jid: alice.jid, password: alice.password, nick: 'alice' });
    await online(a);
    const room = await createRoom(a, 'public', `Plain ${await server<string>('server-unique', { prefix: 'ris' })}`);
    await joined(a, room);
    const settings = await openSide(a, 'settings');
    await until(() => settings.querySelector('form [name=name]'), 'the settings');
    await new Promise((r) => setTimeout(r, 300));
    expect(settings.querySelector('form.image')).to.equal(null);
  });
});
