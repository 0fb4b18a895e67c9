import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { joined, mountChat, roomView } from './harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';

/** Attaches files the way the composer's file picker does. */
function attach(chat: ChatElement, files: File[]): void {
  const composer = roomView(chat)!.querySelector('ethora-composer')!;
  composer.dispatchEvent(new CustomEvent('ethora-attach', { detail: { files }, bubbles: true, composed: true }));
}

async function pngFile(w: number, h: number): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d')!.fillRect(0, 0, w, h);
  const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], 'square <b>.png', { type: 'image/png' });
}

const media = (chat: ChatElement, sel: string) =>
  [...(roomView(chat)?.querySelectorAll('ethora-message') ?? [])].map((m) => m.shadowRoot!.querySelector<HTMLElement>(sel)).filter(Boolean) as HTMLElement[];

for (const dialect of ['standard', 'ethora'] as const) {
  describe(`integration: media (${dialect})`, () => {
    it('uploads an image and a file; the other user sees them inline and as a card', async () => {
      const [a, b] = await Promise.all([newUser('ma'), newUser('mb')]);
      const room = await newRoom('Media');
      const alice = await mountChat({ jid: a.jid, password: a.password, rooms: room, dialect });
      const bob = await mountChat({ jid: b.jid, password: b.password, rooms: room });
      await Promise.all([joined(alice, room), joined(bob, room)]);

      attach(alice, [await pngFile(400, 200)]);
      const [img] = await until(() => media(bob, 'img').length === 1 && media(bob, 'img'), 'Bob sees the image');
      expect(img.getAttribute('alt')).to.equal('square <b>.png');
      // The box is reserved before the image loads (no jump): the Ethora <data> carries the
      // image's size; a standard out-of-band link does not, so a default box is kept.
      expect([img.style.width, img.style.height]).to.deep.equal(['320px', dialect === 'ethora' ? '160px' : '240px']);
      await until(() => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 400, 'the image to load from the upload service');

      attach(alice, [new File(['hello world'], 'notes.txt', { type: 'text/plain' })]);
      const [card] = await until(() => media(bob, '[part=file]').length === 1 && media(bob, '[part=file]'), 'Bob sees the file card');
      expect(card.textContent).to.contain('notes.txt');
      const text = await (await fetch((card as HTMLAnchorElement).href)).text();
      expect(text).to.equal('hello world');
    });

    it('refuses a file over the server’s limit with a clear error, nothing else lost', async () => {
      const u = await newUser('big');
      const room = await newRoom('Big files');
      const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room, dialect });
      await joined(chat, room);
      attach(chat, [new File([new Uint8Array(11 * 1024 * 1024)], 'huge.bin')]);
      const alert = await until(() => roomView(chat)!.querySelector('[part=uploads] [role=alert]'), 'the upload error');
      expect(alert.textContent).to.match(/too (big|large)|limit|MB/i);
      roomView(chat)!.querySelector<HTMLButtonElement>('[part=uploads] button')!.click();
      await until(() => !roomView(chat)!.querySelector('[part=uploads]'), 'the error dismissed');
    });
  });
}

describe('integration: many files at once', () => {
  it('a drop of 12 files sends the first 10 and says which were not sent', async function () {
    this.timeout(40000);
    const u = await newUser('drop');
    const room = await newRoom('Drop');
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room });
    await joined(chat, room);
    const data = new DataTransfer();
    for (let i = 1; i <= 12; i++) data.items.add(new File([`file ${i}`], `f${i}.txt`, { type: 'text/plain' }));
    roomView(chat)!.host.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    const notice = await until(() => roomView(chat)!.querySelector('[part=file-limit]'), 'the notice');
    expect(notice.textContent).to.equal('Only 10 files at a time: 2 not sent (f11.txt, f12.txt)');
    await until(() => media(chat, '[part=file]').length === 10, 'ten files sent', 30000);
    expect(
      media(chat, '[part=file]')
        .map((c) => c.textContent)
        .join(),
    ).to.not.match(/f11|f12/);
  });
});
