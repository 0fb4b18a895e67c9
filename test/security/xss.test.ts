/**
 * XSS: over a hundred payloads in every slot a sender, a room or the server controls, through
 * the real stanza pipeline and straight into the state, rendered by the real room, room list
 * and message elements. Nothing may run (window.__xss stays unset), no element or attribute
 * may be injected into any shadow root, and no unsafe URL may become clickable or load.
 */
import { expect } from '@open-wc/testing';
import type { RoomElement } from '../../src/elements/room-element.js';
import { ChatSession } from '../../src/session/chat-session.js';
import type { Message } from '../../src/state/message.js';
import { Ledger } from '../fuzz/ledger.js';
import { StanzaFeed } from '../support/stanza-feed.js';
import { PAYLOADS, RAW_XML_URLS, xmlSafe } from './payloads.js';
import { ROOM, rawUrlStanzas, stanzasFor } from './stanzas.js';
import { mountRoom, shadowRoots, type View } from '../support/mount-room.js';
import { audit, sentinel } from '../support/audit.js';

const HEADER_ROOM = 'header@conference.localhost';
const settleAsync = () => new Promise((resolve) => setTimeout(resolve, 300));

function session(): ChatSession {
  const s = new ChatSession();
  s.store.me = 'alice@localhost';
  for (const room of [ROOM, HEADER_ROOM]) {
    s.store.addRoom({ room }, 'attribute', 'alice');
    s.store.changeRoom(room, (r) => ((r.join = 'joined'), (r.historyFetched = true), (r.timeline.complete = true)));
  }
  s.store.applySubject(ROOM, '', 'Welcome');
  s.store.setActiveRoom(ROOM);
  return s;
}

/** Messages with the payload in every field a Message has, bypassing the parsers. */
function hostileMessages(p: string, i: number, now: number): Message[] {
  const base: Message = { key: `x${i}`, room: ROOM, nick: p, senderName: p, body: p, time: now + i, status: 'sent', own: false };
  const media = (mimeType: string, k: number): Message => ({
    ...base,
    key: `x${i}-m${k}`,
    body: '',
    media: { url: p, previewUrl: p, name: p, mimeType, size: p as never, width: p as never, height: p as never },
  });
  return [
    { ...base, replyTo: { id: p, author: p, quote: p }, reactions: { [p]: { name: p, emojis: [p, '👍'] } }, edited: true },
    { ...base, key: `x${i}-f`, own: true, status: 'failed', error: p },
    { ...base, key: `x${i}-d`, deleted: true, body: '', moderation: { by: p, reason: p } },
    { ...base, key: `x${i}-s`, system: true },
    { ...base, key: `x${i}-safe`, body: '', media: { url: 'https://files.example.com/a.png', previewUrl: p, name: p, mimeType: 'image/png' } },
    ...['image/png', 'video/mp4', 'audio/mpeg', 'application/pdf', p].map(media),
  ];
}

describe('XSS: hostile content renders inert', function () {
  this.timeout(120_000);
  let view: View | undefined;
  afterEach(() => view?.remove());

  it('has over a hundred payloads, and the checks would see one that got through', async () => {
    expect(PAYLOADS.length).to.be.at.least(100);
    // Controls: a payload parsed as HTML sets the sentinel, and the audit reports injected markup.
    const probe = document.createElement('div');
    probe.innerHTML = '<img src="data:," onerror="window.__xss=1">';
    document.body.append(probe);
    for (let i = 0; i < 100 && sentinel() !== 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sentinel(), 'the control payload ran').to.equal(1);
    probe.remove();
    delete (window as { __xss?: unknown }).__xss;
    view = await mountRoom(session(), ROOM);
    const inner = view.room.shadowRoot!.querySelector('ethora-composer')!.shadowRoot!;
    inner.append(Object.assign(document.createElement('a'), { href: 'javascript:void 0' }));
    inner.firstElementChild!.setAttribute('onclick', 'x');
    expect(audit(view.host)).to.have.length(3);
  });

  it('in every slot of a stanza, through the real pipeline, in the room and the room list', async () => {
    const s = session();
    const pipeline = new StanzaFeed(s.store, new Ledger());
    let fed = 0;
    PAYLOADS.forEach((p, i) => {
      if (!xmlSafe(p)) return;
      for (const xml of stanzasFor(p, i)) (pipeline.feed(xml), fed++);
      s.store.changeRoom(ROOM, (r) => (r.join = 'joined')); // a kick of "us" must not stop the next payload
    });
    RAW_XML_URLS.forEach((raw, i) => rawUrlStanzas(raw, i).forEach((xml) => pipeline.feed(xml)));
    view = await mountRoom(s, ROOM);
    await settleAsync();
    expect(pipeline.counts['not well-formed'] ?? 0, 'stanzas the XML parser refused').to.equal(0);
    expect(s.store.room(ROOM)!.timeline.size, `messages from ${fed} stanzas`).to.be.above(PAYLOADS.length * 10);
    expect(sentinel()).to.equal(undefined);
    const authors: string[] = [];
    await view.eachWindow(() => {
      expect(audit(view!.host)).to.deep.equal([]);
      authors.push(...shadowRoots(view!.host).map((r) => r.querySelector('[part=author]')?.textContent ?? ''));
    });
    expect(authors, 'names from <data> rendered as text').to.include(PAYLOADS[0]);
    // Entity-encoded schemes arrive decoded: they must still not be clickable or loaded.
    expect(s.store.room(ROOM)!.timeline.messages.some((m) => m.media?.url.startsWith('javascript:'))).to.equal(true);
  });

  it('in every field of a message, injected straight into the state', async () => {
    const s = session();
    const t = s.store.room(ROOM)!.timeline;
    PAYLOADS.forEach((p, i) => hostileMessages(p, i, Date.now()).forEach((m) => t.insert(m)));
    PAYLOADS.forEach((p, i) => s.store.setTyping(ROOM, `typist${i}`, p, true));
    s.store.changeRoom(ROOM, (r) =>
      PAYLOADS.forEach((p, i) => r.uploads.set(`u${i}`, { id: `u${i}`, name: p, size: i, progress: 0.5, ...(i % 2 ? { error: p } : {}) })),
    );
    view = await mountRoom(s, ROOM);
    await settleAsync();
    // Rendered as text, verbatim: nothing dropped, nothing interpreted.
    const bodies = new Set<string>();
    await view.eachWindow(() => {
      expect(audit(view!.host)).to.deep.equal([]);
      shadowRoots(view!.host).forEach((r) => {
        const text = r.querySelector('[part=body]')?.textContent;
        if (text != null) bodies.add(text);
      });
    });
    expect(sentinel()).to.equal(undefined);
    for (const p of PAYLOADS) if (p) expect(bodies.has(p), JSON.stringify(p)).to.equal(true);
  });

  it('in room names, descriptions and errors, in the header, the room list and the reply bar', async () => {
    const s = session();
    const now = Date.now();
    PAYLOADS.forEach((p, i) => {
      const jid = `r${i}@conference.localhost`;
      s.store.addRoom({ room: jid, name: p }, 'server-list', 'alice');
      s.store.applyMessage({ room: jid, nick: p || 'x', senderName: p, body: p, stanzaId: `p${i}`, time: now + i }, true);
      if (i % 3 === 0) s.store.changeRoom(jid, (r) => ((r.join = 'error'), (r.joinError = p)));
      s.store
        .room(HEADER_ROOM)!
        .timeline.insert({ key: `h${i}`, room: HEADER_ROOM, nick: p, senderName: p, body: p, time: now + i, status: 'sent', own: false, stanzaId: `h${i}` });
    });
    view = await mountRoom(s, HEADER_ROOM);
    const room: RoomElement = view.room;
    const log = room.shadowRoot!.querySelector('.log')!;
    for (const [i, p] of PAYLOADS.entries()) {
      s.store.changeRoom(HEADER_ROOM, (r) => {
        r.name = p;
        r.description = p;
        r.actionError = p;
        r.join = i % 2 ? 'joined' : 'error';
        r.joinError = p;
      });
      // The composer's reply bar quotes the author and text of the message replied to.
      log.dispatchEvent(new CustomEvent('ethora-message-action', { detail: { action: 'reply', key: `h${i}` }, bubbles: true, composed: true }));
      await view.settle();
      expect(room.shadowRoot!.querySelector('h2')!.textContent).to.equal(p.trim() || 'header');
      expect(room.shadowRoot!.querySelector('ethora-composer')!.shadowRoot!.querySelector('[part=mode]')?.textContent).to.contain(p.trim());
      const found = audit(view.host);
      if (found.length) expect.fail(`payload ${JSON.stringify(p)}: ${found.slice(0, 5).join('; ')}`);
    }
    await settleAsync();
    expect(sentinel()).to.equal(undefined);
  });
});
