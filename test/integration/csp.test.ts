// The shipped bundle on a page with a strict Content-Security-Policy (no 'unsafe-inline', no
// 'unsafe-eval', network only to the chat server): it must chat, images included, without a
// single violation.
import { expect } from '@open-wc/testing';
import { bodies, joined, roomView, type } from './harness.js';
import { openPage, type TestPage } from './page.js';
import { newRoom, newUser, SERVICE } from '../support/kit.js';
import { until } from '../support/wait.js';

async function pngFile(doc: Document): Promise<File> {
  const canvas = doc.createElement('canvas');
  canvas.width = 60;
  canvas.height = 40;
  canvas.getContext('2d')!.fillRect(0, 0, 60, 40);
  const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], 'dot.png', { type: 'image/png' });
}

describe('integration: strict Content-Security-Policy', () => {
  let page: TestPage | undefined;
  afterEach(() => page?.frame.remove());

  it('the bundle chats through the server, avatars and images included, with zero CSP violations', async function () {
    this.timeout(40000);
    const [a, b] = await Promise.all([newUser('ca'), newUser('cb')]);
    const room = await newRoom('CSP');
    page = await openPage([
      { service: SERVICE, jid: a.jid, password: a.password, rooms: room },
      { service: SERVICE, jid: b.jid, password: b.password, rooms: room },
    ]);
    // The policy is in force and violations are recorded: an inline style is refused.
    const doc = page.frame.contentDocument!;
    doc.head.append(Object.assign(doc.createElement('style'), { textContent: 'body { color: red }' }));
    await until(() => page!.violations().length === 1, 'the probe’s violation');
    expect(page.violations()[0].directive).to.match(/^style-src/);
    page.violations().length = 0;

    const [alice, bob] = page.chats();
    expect(alice.jid).to.equal(a.jid);
    await Promise.all([joined(alice, room), joined(bob, room)]);
    type(alice, 'hello under a strict CSP');
    await until(() => bodies(bob).includes('hello under a strict CSP'), 'Bob to receive it');
    const avatar = await until(() => roomView(bob)?.querySelector('ethora-message')?.shadowRoot?.querySelector<HTMLElement>('[part=avatar]'), 'the avatar');
    // The colour comes from a class (one of twelve hues), never an inline style.
    expect(avatar.getAttribute('style'), 'no inline style on the avatar').to.equal(null);
    expect(getComputedStyle(avatar).backgroundColor, 'the avatar colour')
      .to.match(/^rgb\(\d+, \d+, \d+\)$/)
      .and.not.equal('rgb(0, 0, 0)');

    const composer = roomView(alice)!.querySelector('ethora-composer')!;
    composer.dispatchEvent(new CustomEvent('ethora-attach', { detail: { files: [await pngFile(doc)] }, bubbles: true, composed: true }));
    const img = await until(
      () => {
        const msgs = [...(roomView(bob)?.querySelectorAll('ethora-message') ?? [])];
        return msgs.map((m) => m.shadowRoot!.querySelector<HTMLImageElement>('img[part=image]')).find((i) => i?.complete && i.naturalWidth === 60);
      },
      'Bob to see the image loaded',
      20000,
    );
    expect(img.style.width).to.equal('320px');
    expect(page.violations(), JSON.stringify(page.violations())).to.deep.equal([]);
  });
});
