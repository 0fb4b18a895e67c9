import { expect } from '@open-wc/testing';
import { standardEncoder as enc, RETRACTION_FALLBACK } from '../../../src/protocol/encode-standard.js';
import type { EncodeContext } from '../../../src/protocol/encoders.js';
import { parseAction, parseArchivedAction } from '../../../src/protocol/parse-actions.js';
import { parseChatState } from '../../../src/protocol/parse-events.js';
import { parseArchivedMessage, parseRoomMessage } from '../../../src/protocol/parse-message.js';
import { ECHO_ROOM as ROOM, ECHO_TIME, echo } from './fixtures.js';

const ctx: EncodeContext = { room: ROOM, jid: 'stan@localhost/web', name: 'Stan', now: 1727188885000 };
const SID = '1727188885290999';
const TARGET = '1727188885290611';

describe('standard encoder: text, replies, media', () => {
  it('text: body + origin-id = id; parses back live and archived', () => {
    const { xml, live, archived } = echo(enc.text(ctx, { body: 'Hello <world> & 🌍' }, 'm-1'), 'stan');
    expect(xml).to.include('<origin-id xmlns="urn:xmpp:sid:0" id="m-1"/>').and.include('type="groupchat"').and.include('id="m-1"');
    expect(xml).to.not.include('<data');
    const facts = { room: ROOM, nick: 'stan', id: 'm-1', originId: 'm-1', stanzaId: SID, body: 'Hello <world> & 🌍' };
    expect(parseRoomMessage(live)).to.deep.equal(facts);
    expect(parseArchivedMessage(archived, ROOM)).to.deep.equal({ ...facts, time: Date.parse(ECHO_TIME), archived: true });
  });

  it('reply: XEP-0461 <reply to id> + XEP-0428 "> quote" fallback that receivers strip again', () => {
    const msg = enc.text(ctx, { body: 'Agreed 👍', replyTo: { id: TARGET, nick: 'anna', quote: 'Cake?\nWith 🍓', author: 'Anna' } }, 'm-2');
    const { xml, live, archived } = echo(msg, 'stan');
    expect(xml).to.include(`<reply xmlns="urn:xmpp:reply:0" id="${TARGET}" to="${ROOM}/anna"/>`);
    expect(xml).to.include('<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="17"/></fallback>');
    expect(msg.body).to.equal('> Cake?\n> With 🍓\nAgreed 👍');
    for (const m of [parseRoomMessage(live), parseArchivedMessage(archived, ROOM)]) {
      expect(m?.body).to.equal('Agreed 👍');
      expect(m?.replyTo).to.deep.equal({ id: TARGET, to: `${ROOM}/anna`, quote: 'Cake?\nWith 🍓' });
    }
  });

  it('reply without quote or author nick: only the <reply> element; an explicit `to` wins', () => {
    const plain = enc.text(ctx, { body: 'ok', replyTo: { id: TARGET } }, 'm-3');
    expect(plain)
      .to.deep.include({ body: 'ok', reply: { id: TARGET } })
      .and.not.have.property('fallbacks');
    expect(enc.text(ctx, { body: 'ok', replyTo: { id: TARGET, to: `${ROOM}/x`, nick: 'y' } }, 'm-3').reply?.to).to.equal(`${ROOM}/x`);
  });

  it('a very long quote is shortened', () => {
    const msg = enc.text(ctx, { body: 'ok', replyTo: { id: TARGET, quote: 'q'.repeat(2000) } }, 'm-4');
    expect(msg.body!.length).to.be.lessThan(400);
    expect(parseRoomMessage(echo(msg, 'stan').live)?.body).to.equal('ok');
  });

  it('media: body = URL + XEP-0066 OOB; receivers get the media back', () => {
    const media = { url: 'https://upload.localhost/u/1/photo.png', name: 'photo.png', size: 5, mimeType: 'image/png' };
    const { xml, live, archived } = echo(enc.text(ctx, { body: 'ignored caption', media }, 'm-5'), 'stan');
    expect(xml).to.include('<x xmlns="jabber:x:oob"><url>https://upload.localhost/u/1/photo.png</url><desc>photo.png</desc></x>');
    expect(xml).to.include('<body>https://upload.localhost/u/1/photo.png</body>');
    for (const m of [parseRoomMessage(live), parseArchivedMessage(archived, ROOM)]) {
      expect(m?.media).to.deep.equal({ url: media.url, name: 'photo.png', mimeType: 'image/png' });
      expect(m?.body).to.equal(media.url);
    }
  });

  it('media reply: <reply> but no quote in front of the URL', () => {
    const msg = enc.text(ctx, { body: '', media: { url: 'https://u/a.pdf' }, replyTo: { id: TARGET, quote: 'q' } }, 'm-6');
    expect(msg)
      .to.deep.include({ body: 'https://u/a.pdf', reply: { id: TARGET } })
      .and.not.have.property('fallbacks');
  });
});

describe('standard encoder: actions', () => {
  it('edit: XEP-0308 naming the origin-id (falls back to the stanza-id), new body', () => {
    const msg = enc.edit(ctx, { stanzaId: TARGET, originId: 'm-1' }, 'Fixed', 'e-1')!;
    const { xml, live, archived } = echo(msg, 'stan');
    expect(xml).to.include('<replace xmlns="urn:xmpp:message-correct:0" id="m-1"/>').and.include('<body>Fixed</body>');
    expect(parseRoomMessage(live)).to.equal(undefined);
    expect(parseAction(live)).to.deep.equal({ kind: 'edit', edit: { room: ROOM, nick: 'stan', stanzaId: SID, targetId: 'm-1', body: 'Fixed' } });
    expect(parseArchivedAction(archived, ROOM)).to.deep.equal({
      kind: 'edit',
      edit: { room: ROOM, nick: 'stan', stanzaId: SID, time: Date.parse(ECHO_TIME), targetId: 'm-1', body: 'Fixed' },
    });
    expect(enc.edit(ctx, { stanzaId: TARGET }, 'x', 'e-2')?.replace).to.equal(TARGET);
    expect(enc.edit(ctx, {}, 'x', 'e-3')).to.equal(undefined);
  });

  it('retraction: XEP-0424 naming the stanza-id, then the origin-id (Converse reads the last), fallback body + fallback element + store hint', () => {
    const msg = enc.retraction(ctx, { stanzaId: TARGET, originId: 'm-1' }, 'r-1')!;
    const { xml, live, archived } = echo(msg, 'stan');
    // First the stanza-id (XEP-0424 in a room; every first-child reader), last our origin-id (Converse.js).
    expect(xml).to.include(`<retract xmlns="urn:xmpp:message-retract:1" id="${TARGET}"/><retract xmlns="urn:xmpp:message-retract:1" id="m-1"/>`);
    const retracts = new DOMParser().parseFromString(xml, 'text/xml').getElementsByTagNameNS('urn:xmpp:message-retract:1', 'retract');
    expect([...retracts].map((r) => r.getAttribute('id'))).to.deep.equal([TARGET, 'm-1']);
    expect(xml).to.include('<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/>');
    expect(xml).to.include('<store xmlns="urn:xmpp:hints"/>').and.include("it's unsupported by your client.");
    expect(msg.body).to.equal(RETRACTION_FALLBACK);
    expect(parseRoomMessage(live)).to.equal(undefined);
    expect(parseArchivedMessage(archived, ROOM)).to.equal(undefined);
    expect(parseAction(live)).to.deep.equal({ kind: 'retraction', retraction: { room: ROOM, nick: 'stan', stanzaId: SID, targetId: TARGET } });
    const a = parseArchivedAction(archived, ROOM);
    expect(a?.kind === 'retraction' && a.retraction.targetId).to.equal(TARGET);
    expect(enc.retraction(ctx, {}, 'r-2')).to.equal(undefined);
    // Not echoed yet (no stanza-id): the origin-id alone, once.
    const early = echo(enc.retraction(ctx, { originId: 'm-1' }, 'r-3')!, 'stan').xml;
    expect(early.match(/<retract /g)?.length).to.equal(1);
    expect(early).to.include('<retract xmlns="urn:xmpp:message-retract:1" id="m-1"/>');
  });

  it('reactions: XEP-0444 Unicode, full set, store hint, capped and cleaned', () => {
    const { xml, live, archived } = echo(enc.reactions(ctx, TARGET, ['👍', '+1', '🔥', 'x'.repeat(50)], 'x-1'), 'stan');
    expect(xml).to.include(`<reactions xmlns="urn:xmpp:reactions:0" id="${TARGET}"><reaction>👍</reaction><reaction>🔥</reaction></reactions>`);
    expect(xml).to.include('<store xmlns="urn:xmpp:hints"/>').and.not.include('<body');
    for (const a of [parseAction(live), parseArchivedAction(archived, ROOM)]) {
      expect(a?.kind === 'reactions' && a.reactions).to.deep.include({ nick: 'stan', targetId: TARGET, emojis: ['👍', '🔥'] });
    }
    const many = enc.reactions(
      ctx,
      TARGET,
      Array.from({ length: 100 }, (_, i) => String.fromCodePoint(0x1f600 + i)),
      'x-2',
    );
    expect(many.reactions?.values).to.have.length(20);
    const none = echo(enc.reactions(ctx, TARGET, [], 'x-3'), 'stan');
    const withdrawn = parseAction(none.live);
    expect(withdrawn?.kind === 'reactions' && withdrawn.reactions.emojis).to.deep.equal([]);
  });

  it('chat state round-trips', () => {
    const typing = echo(enc.chatState(ctx, 'composing'), 'stan');
    expect(typing.xml).to.include('<composing xmlns="http://jabber.org/protocol/chatstates"/>').and.not.include('<data');
    expect(parseChatState(typing.live)).to.deep.equal({ room: ROOM, nick: 'stan', state: 'composing' });
    expect(parseRoomMessage(typing.live)).to.equal(undefined);
  });
});
