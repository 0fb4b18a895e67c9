import { expect } from '@open-wc/testing';
import { ethoraEncoder as enc } from '../../../src/protocol/encode-ethora.js';
import type { EncodeContext } from '../../../src/protocol/encoders.js';
import { parseAction, parseArchivedAction } from '../../../src/protocol/parse-actions.js';
import { parseChatState } from '../../../src/protocol/parse-events.js';
import { parseArchivedMessage, parseRoomMessage } from '../../../src/protocol/parse-message.js';
import { ECHO_ROOM as ROOM, echo, parse } from './fixtures.js';

const ctx: EncodeContext = { room: ROOM, jid: 'ethel@localhost/web-3', name: 'Ethel Example', now: 1727188885123 };
const SID = '1727188885290999';
const TARGET = '1727188885290611';

describe('ethora encoder: text, replies, media', () => {
  it('text: <data> bag with sender name, JID, room, isSystemMessage="false"; origin-id = id', () => {
    const { xml, live, archived } = echo(enc.text(ctx, { body: 'Hello' }, 'm-1'), 'ethel');
    expect(xml).to.include('<origin-id xmlns="urn:xmpp:sid:0" id="m-1"/>').and.include('id="m-1"');
    expect(xml).to.match(
      /<data [^>]*senderFirstName="Ethel Example"[^>]*fullName="Ethel Example"[^>]*senderJID="ethel@localhost\/web-3"[^>]*roomJid="lobby@conference.localhost"[^>]*isSystemMessage="false"/,
    );
    expect(xml).to.include('isReply="false"').and.include('mainMessage=""');
    for (const m of [parseRoomMessage(live), parseArchivedMessage(archived, ROOM)]) {
      expect(m).to.deep.include({ nick: 'ethel', body: 'Hello', originId: 'm-1', stanzaId: SID, senderName: 'Ethel Example', senderJid: 'ethel@localhost' });
      expect(m).to.not.have.property('system');
      expect(m).to.not.have.property('replyTo');
    }
  });

  it('reply: isReply="true", showInChannel="true" and mainMessage JSON; no quote in the body', () => {
    const msg = enc.text(ctx, { body: 'Yes!', replyTo: { id: TARGET, nick: 'stan', quote: 'Lunch?', author: 'Stan' } }, 'm-2');
    const { xml, live, archived } = echo(msg, 'ethel');
    expect(xml).to.include('isReply="true"').and.include('showInChannel="true"').and.include('<body>Yes!</body>');
    expect(JSON.parse(msg.data!.mainMessage)).to.deep.equal({ text: 'Lunch?', id: TARGET, userName: 'Stan', createdAt: '', roomJid: ROOM });
    for (const m of [parseRoomMessage(live), parseArchivedMessage(archived, ROOM)]) {
      expect(m?.body).to.equal('Yes!');
      expect(m?.replyTo).to.deep.equal({ id: TARGET, quote: 'Lunch?', author: 'Stan' });
    }
    // The author's nick stands in for a missing display name.
    expect((JSON.parse(enc.text(ctx, { body: 'x', replyTo: { id: TARGET, nick: 'stan' } }, 'm').data!.mainMessage) as { userName: string }).userName).to.equal(
      'stan',
    );
  });

  it('media: body "media", <data isMediafile location fileName mimetype size>, store hint', () => {
    const media = { url: 'https://upload.localhost/u/1/clip.mp4', name: 'clip.mp4', size: 2048, mimeType: 'video/mp4', width: 640, height: 360 };
    const { xml, live, archived } = echo(enc.text(ctx, { body: 'caption is not sent', media }, 'm-3'), 'ethel');
    expect(xml).to.include('<body>media</body>').and.include('<store xmlns="urn:xmpp:hints"/>');
    expect(xml).to.match(/<data [^>]*isMediafile="true"[^>]*location="https:\/\/upload.localhost\/u\/1\/clip.mp4"[^>]*fileName="clip.mp4"/);
    expect(xml).to.include('mimetype="video/mp4"').and.include('size="2048"');
    for (const m of [parseRoomMessage(live), parseArchivedMessage(archived, ROOM)]) {
      expect(m?.body).to.equal('');
      expect(m?.media).to.deep.equal({ url: media.url, name: 'clip.mp4', size: 2048, mimeType: 'video/mp4', width: 640, height: 360 });
    }
  });

  it('media without a known type does not claim application/octet-stream (Ethora plays that as audio)', () => {
    const msg = enc.text(ctx, { body: '', media: { url: 'https://u/x/report' } }, 'm-4');
    expect(msg.data).to.include({ fileName: 'report', isMediafile: 'true' }).and.not.have.property('mimetype');
  });
});

describe('ethora encoder: actions', () => {
  it('edit: <replace id=ARCHIVE-ID text/> in jabber:client, no body, id edit-message-<ms>', () => {
    const msg = enc.edit(ctx, { stanzaId: TARGET, originId: 'm-1' }, 'Changed', 'e-1')!;
    const { xml, live, archived } = echo(msg, 'ethel');
    expect(xml).to.include(`<replace xmlns="jabber:client" id="${TARGET}" text="Changed"/>`);
    expect(xml).to.include(`id="edit-message-${ctx.now}"`).and.include('<origin-id xmlns="urn:xmpp:sid:0" id="e-1"/>');
    expect(xml).to.not.include('<body').and.not.include('message-correct');
    expect(parseRoomMessage(live)).to.equal(undefined);
    expect(parseAction(live)).to.deep.equal({ kind: 'edit', edit: { room: ROOM, nick: 'ethel', stanzaId: SID, targetId: TARGET, body: 'Changed' } });
    const a = parseArchivedAction(archived, ROOM);
    expect(a?.kind === 'edit' && a.edit).to.deep.include({ targetId: TARGET, body: 'Changed' });
    // Before the echo brings the archive id, our origin-id is all there is.
    expect(enc.edit(ctx, { originId: 'm-1' }, 'x', 'e-2')?.ethoraReplace?.id).to.equal('m-1');
    expect(enc.edit(ctx, {}, 'x', 'e-3')).to.equal(undefined);
  });

  it('retraction: id="deleteMessageStanza", <body xmlns="wow"/>, <delete id=ARCHIVE-ID/>, store hint', () => {
    const msg = enc.retraction(ctx, { stanzaId: TARGET, originId: 'm-1' }, 'r-1')!;
    const { xml, live, archived } = echo(msg, 'ethel');
    expect(xml).to.include('id="deleteMessageStanza"').and.include('<body xmlns="wow"/>');
    expect(xml).to.include(`<delete xmlns="jabber:client" id="${TARGET}"/>`).and.include('<store xmlns="urn:xmpp:hints"/>');
    expect(parse(xml).body).to.equal(undefined);
    expect(parseRoomMessage(live)).to.equal(undefined);
    expect(parseAction(live)).to.deep.equal({ kind: 'retraction', retraction: { room: ROOM, nick: 'ethel', stanzaId: SID, targetId: TARGET } });
    const a = parseArchivedAction(archived, ROOM);
    expect(a?.kind === 'retraction' && a.retraction.targetId).to.equal(TARGET);
  });

  it('reactions: id message-reaction:<ms>, emoji-mart ids where known, from attr, <data senderFirstName>, store hint', () => {
    const msg = enc.reactions(ctx, TARGET, ['👍', '❤️', '🦄', '👍'], 'x-1');
    const { xml, live, archived } = echo(msg, 'ethel');
    expect(xml).to.include(`id="message-reaction:${ctx.now}"`);
    expect(xml).to.include(
      `<reactions xmlns="urn:xmpp:reactions:0" id="${TARGET}" from="ethel@localhost/web-3"><reaction>+1</reaction><reaction>heart</reaction><reaction>🦄</reaction></reactions>`,
    );
    expect(xml)
      .to.match(/<data [^>]*senderFirstName="Ethel Example"/)
      .and.include('<store xmlns="urn:xmpp:hints"/>');
    for (const a of [parseAction(live), parseArchivedAction(archived, ROOM)]) {
      // The claimed `from` is not taken as the sender's JID: only the room's word counts.
      expect(a?.kind === 'reactions' && a.reactions).to.deep.include({ nick: 'ethel', targetId: TARGET, emojis: ['👍', '❤️', '🦄'] });
      expect(a?.kind === 'reactions' && a.reactions).to.not.have.property('senderJid');
    }
  });

  it('typing: id typing-<ms> / stop-typing-<ms>, composing / paused, <data fullName>', () => {
    const on = echo(enc.chatState(ctx, 'composing'), 'ethel');
    expect(on.xml).to.include(`id="typing-${ctx.now}"`).and.include('<composing xmlns="http://jabber.org/protocol/chatstates"/>');
    expect(on.xml).to.match(/<data [^>]*fullName="Ethel Example"/);
    expect(parseChatState(on.live)).to.deep.equal({ room: ROOM, nick: 'ethel', state: 'composing', name: 'Ethel Example' });
    const off = echo(enc.chatState(ctx, 'inactive'), 'ethel');
    expect(off.xml).to.include(`id="stop-typing-${ctx.now}"`).and.include('<paused xmlns="http://jabber.org/protocol/chatstates"/>');
    expect(parseChatState(off.live)?.state).to.equal('paused');
    expect(parseRoomMessage(off.live)).to.equal(undefined);
  });
});
