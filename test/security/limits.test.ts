/**
 * Size limits: the composer counts down to MAX_BODY_LENGTH and refuses to send more (with a
 * reason); the state refuses it too (the JS API path); a huge received body is kept whole in
 * the state but shown clipped with "Show more"; quoted text in system lines is bounded.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ComposerElement } from '../../src/elements/composer-element.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import { CLIP_LENGTH } from '../../src/elements/text.js';
import { ChatSession } from '../../src/session/chat-session.js';
import { MAX_BODY_LENGTH, type Message } from '../../src/state/message.js';
import { Ledger } from '../fuzz/ledger.js';
import { StanzaFeed } from '../support/stanza-feed.js';
import { MAX_TEXT_UNITS } from '../../src/protocol/parse-envelope.js';
import { mountRoom, type View } from '../support/mount-room.js';

const ROOM = 'lobby@conference.localhost';

async function composer() {
  const el = await fixture<ComposerElement>(html`<ethora-composer></ethora-composer>`);
  const sent: string[] = [];
  el.addEventListener('ethora-send', (e) => sent.push((e as CustomEvent<{ text: string }>).detail.text));
  const input = el.shadowRoot!.querySelector('textarea')!;
  /** Puts text in the input as a paste would (typing 10,000 keys would take minutes). */
  const paste = async (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
  };
  const count = () => el.shadowRoot!.querySelector('[part=count]');
  return { el, input, sent, paste, count };
}

describe('limits: the composer', () => {
  it(`counts down near ${MAX_BODY_LENGTH} characters and sends up to the limit`, async () => {
    const { input, sent, paste, count } = await composer();
    await paste('a'.repeat(100));
    expect(count()).to.equal(null);
    await paste('a'.repeat(MAX_BODY_LENGTH - 500));
    expect(count()!.textContent.trim()).to.equal('9,500 / 10,000');
    await paste('a'.repeat(MAX_BODY_LENGTH));
    input.focus();
    await sendKeys({ press: 'Enter' });
    expect(sent).to.have.length(1);
    expect(sent[0]).to.have.length(MAX_BODY_LENGTH);
  });

  it('refuses to send over the limit, says why, and keeps the text', async () => {
    const { el, input, sent, paste, count } = await composer();
    await paste('b'.repeat(MAX_BODY_LENGTH + 1));
    const alert = count()!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.match(/Too long to send: 10,001 characters, the limit is 10,000/);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    input.focus();
    await sendKeys({ press: 'Enter' });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=send]')!.click();
    expect(sent).to.deep.equal([]);
    expect(input.value).to.have.length(MAX_BODY_LENGTH + 1);
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    expect(sent).to.have.length(1);
  });

  it('counts characters, not UTF-16 units: 10,000 emoji fit', async () => {
    const { sent, paste, count, input } = await composer();
    await paste('👍'.repeat(MAX_BODY_LENGTH));
    expect(count()!.getAttribute('role')).to.equal(null);
    input.focus();
    await sendKeys({ press: 'Enter' });
    expect(sent).to.have.length(1);
  });

  it('counts an edited text too', async () => {
    const el = await fixture<ComposerElement>(html`<ethora-composer .mode=${{ kind: 'edit', text: 'c'.repeat(MAX_BODY_LENGTH + 5) }}></ethora-composer>`);
    expect(el.shadowRoot!.querySelector('[part=count][role=alert]')).to.not.equal(null);
  });

  it('is backed by the state: a text over the limit from the JS API is not sent', () => {
    const s = new ChatSession();
    s.store.addRoom({ room: ROOM }, 'attribute', 'alice');
    expect(s.send(ROOM, 'x'.repeat(MAX_BODY_LENGTH + 1))).to.equal(undefined);
    expect(s.send(ROOM, 'x'.repeat(MAX_BODY_LENGTH))).to.be.a('string');
  });
});

describe('limits: received text', () => {
  let view: View | undefined;
  afterEach(() => view?.remove());
  const huge = 'y'.repeat(1_048_576);
  const message = (body: string): Message => ({ key: 'k', room: ROOM, nick: 'bob', senderName: 'Bob', body, time: Date.now(), status: 'sent', own: false });

  it(`shows a 1 MB body clipped to ${CLIP_LENGTH} characters, and all of it after "Show more"`, async () => {
    const m = message(`${huge} https://example.com/end`);
    const el = await fixture<MessageElement>(html`<ethora-message .message=${m}></ethora-message>`);
    const body = () => el.shadowRoot!.querySelector('[part=body]')!.textContent;
    const more = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=more]')!;
    expect(body()).to.equal(`${huge.slice(0, CLIP_LENGTH)}…`);
    expect(more().getAttribute('aria-expanded')).to.equal('false');
    expect(more().textContent).to.contain('Show more');
    more().click();
    await el.updateComplete;
    expect(body()).to.equal(m.body);
    expect(el.shadowRoot!.querySelector('[part=body] a')!.getAttribute('href')).to.equal('https://example.com/end');
    expect(more().getAttribute('aria-expanded')).to.equal('true');
    more().click();
    await el.updateComplete;
    expect(body()).to.have.length(CLIP_LENGTH + 1);
  });

  it('does not clip or offer "Show more" for ordinary text, nor cut an emoji in half', async () => {
    const el = await fixture<MessageElement>(html`<ethora-message .message=${message('short')}></ethora-message>`);
    expect(el.shadowRoot!.querySelector('[part=more]')).to.equal(null);
    const emoji = await fixture<MessageElement>(html`<ethora-message .message=${message(`${'z'.repeat(CLIP_LENGTH - 1)}👍👍`)}></ethora-message>`);
    expect(emoji.shadowRoot!.querySelector('[part=body]')!.textContent).to.equal(`${'z'.repeat(CLIP_LENGTH - 1)}…`);
  });

  it('keeps the whole body in the state while the room shows it clipped; bounds quoted reasons in system lines', async () => {
    const s = new ChatSession();
    s.store.addRoom({ room: ROOM }, 'attribute', 'alice');
    s.store.changeRoom(ROOM, (r) => ((r.join = 'joined'), (r.historyFetched = true), (r.timeline.complete = true)));
    const pipeline = new StanzaFeed(s.store, new Ledger());
    pipeline.feed(
      `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob"><body>${huge}</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="1"/></message>`,
    );
    pipeline.feed(
      `<presence xmlns="jabber:client" from="${ROOM}/carol" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><item role="none"><reason>${'r'.repeat(100_000)}</reason></item><status code="307"/></x></presence>`,
    );
    view = await mountRoom(s, ROOM);
    // Kept whole up to the longest text the parser reads (far above what the view shows).
    expect(s.store.room(ROOM)!.timeline.byStanzaId('1')!.body).to.have.length(Math.min(huge.length, MAX_TEXT_UNITS));
    const rendered = view.room.shadowRoot!.querySelector('ethora-message')!.shadowRoot!.querySelector('[part=body]')!;
    expect(rendered.textContent).to.have.length(CLIP_LENGTH + 1);
    const line = view.room.shadowRoot!.querySelector('[part=system]')!.textContent;
    expect(line.length).to.be.below(600);
    expect(line).to.match(/^\u2068carol\u2069 was removed: r+…$/);
  });
});
