import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import type { Message } from '../../src/state/message.js';

const base: Message = {
  key: 'k1',
  room: 'r@conference.localhost',
  nick: 'bob',
  senderName: 'Bob Builder',
  body: 'hello',
  time: Date.UTC(2026, 0, 2, 10, 30),
  status: 'sent',
  own: false,
};

async function show(m: Partial<Message>): Promise<MessageElement> {
  return fixture<MessageElement>(html`<ethora-message .message=${{ ...base, ...m }}></ethora-message>`);
}

describe('<ethora-message>', () => {
  it('shows sender, initials, time and body', async () => {
    const el = await show({});
    const root = el.shadowRoot!;
    expect(root.querySelector('[part=author]')!.textContent).to.equal('Bob Builder');
    expect(root.querySelector('[part=avatar]')!.textContent.trim()).to.equal('BB');
    expect(root.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-02T10:30:00.000Z');
    expect(root.querySelector('[part=body]')!.textContent).to.equal('hello');
  });

  it('renders markup in a body as text, never as HTML', async () => {
    const el = await show({ body: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>' });
    const body = el.shadowRoot!.querySelector('[part=body]')!;
    expect(body.querySelector('img, script')).to.equal(null);
    expect(body.textContent).to.contain('<img src=x');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('loads inline images without a referrer, and only from the allowed hosts when set', async () => {
    const media = { url: 'https://uploads.example.com/a.png', mimeType: 'image/png', name: 'a\u202Egnp.exe' };
    const open = await show({ body: '', media });
    const img = open.shadowRoot!.querySelector<HTMLImageElement>('[part=image]')!;
    expect(img.referrerPolicy).to.equal('no-referrer');
    const allowed = await fixture<MessageElement>(
      html`<ethora-message .message=${{ ...base, body: '', media }} .mediaHosts=${new Set(['uploads.example.com'])}></ethora-message>`,
    );
    expect(allowed.shadowRoot!.querySelector('[part=image]')).to.exist;
    const tracker = { url: 'https://tracker.example.net/pixel.png', mimeType: 'image/png' };
    for (const m of [tracker, { ...tracker, mimeType: 'video/mp4' }, { ...media, previewUrl: tracker.url }]) {
      const el = await fixture<MessageElement>(
        html`<ethora-message .message=${{ ...base, body: '', media: m }} .mediaHosts=${new Set(['uploads.example.com'])}></ethora-message>`,
      );
      expect(el.shadowRoot!.querySelector('img, video, audio'), m.url).to.equal(null);
      expect(el.shadowRoot!.querySelector<HTMLAnchorElement>('[part=file]')!.href).to.equal(m.url);
    }
    // A file name cannot hide its real extension behind a right-to-left override.
    const file = await show({ body: '', media: { url: 'https://uploads.example.com/x', name: 'a\u202Egnp.exe' } });
    expect(file.shadowRoot!.querySelector('.file-name')!.textContent).to.equal('agnp.exe');
  });

  it('renders sender names with markup as text', async () => {
    const el = await show({ senderName: '<b onmouseover=alert(1)>x</b>' });
    expect(el.shadowRoot!.querySelector('[part=author] b')).to.equal(null);
  });

  it('makes safe links with rel="noopener noreferrer" and no unsafe ones', async () => {
    const el = await show({ body: 'go https://example.com now, not javascript:alert(1)' });
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/']);
    expect(links[0].rel).to.equal('noopener noreferrer');
  });

  it('hides avatar and name for a continued group but keeps them for screen readers', async () => {
    const el = await fixture<MessageElement>(html`<ethora-message continued .message=${base}></ethora-message>`);
    expect(el.shadowRoot!.querySelector('[part=avatar]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.sr-only')!.textContent).to.contain('Bob Builder');
  });

  it('shows pending and failed states, and asks for a retry', async () => {
    const pending = await show({ status: 'pending', own: true });
    expect(pending.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('Sending');
    expect(pending.getAttribute('status')).to.equal('pending');
    const failed = await show({ status: 'failed', error: 'Not allowed', own: true });
    expect(failed.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('Not allowed');
    setTimeout(() => failed.shadowRoot!.querySelector<HTMLButtonElement>('[part=status] button')!.click());
    const ev = await oneEvent<CustomEvent<{ key: string }>>(failed, 'ethora-retry');
    expect(ev.detail.key).to.equal('k1');
  });
});
