import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { parseArchivedMessage, parseMessageError, parseRoomMessage } from '../../../src/protocol/parse-message.js';
import { fixture } from './fixtures.js';

describe('parseRoomMessage', () => {
  it('parses an Ethora text message with stanza-id, origin-id and <data>', async () => {
    const m = parseRoomMessage(await fixture('groupchat-data-jabber-client'));
    expect(m).to.deep.include({
      room: 'lobby@conference.localhost',
      nick: 'alice',
      id: 'send-text-message-6f1c2a3e-8b7d-4d3c-9a51-0e2f4b7c9d10',
      originId: 'send-text-message-6f1c2a3e-8b7d-4d3c-9a51-0e2f4b7c9d10',
      stanzaId: '1727188885290611',
      body: 'Hello',
      senderJid: 'alice@localhost',
      senderName: 'Alice Smith',
    });
    expect(m!.time).to.equal(undefined);
    expect(m!.data?.roomJid).to.equal('lobby@conference.localhost');
  });

  it('falls back to first + last name, then first name only, then nothing', async () => {
    expect(parseRoomMessage(await fixture('groupchat-data-inherited-ns'))?.senderName).to.equal('Alice Smith');
    expect(parseRoomMessage(await fixture('groupchat-data-muc-host-ns'))?.senderName).to.equal('Alice');
    expect(parseRoomMessage(await fixture('groupchat-data-ws-url-ns'))?.senderName).to.equal(undefined);
  });

  it('reads all four <data> namespace variants the same way', async () => {
    for (const name of ['groupchat-data-jabber-client', 'groupchat-data-inherited-ns', 'groupchat-data-muc-host-ns', 'groupchat-data-ws-url-ns']) {
      const m = parseRoomMessage(await fixture(name));
      expect(m?.data?.senderJID, name).to.be.a('string');
      expect(m?.senderJid, name).to.match(/^[^/]+@[^/]+$/);
    }
  });

  it('lower-cases the room and keeps the nick as sent', async () => {
    const m = parseRoomMessage(await fixture('groupchat-data-muc-host-ns'));
    expect(m?.room).to.equal('5f1e0c9d2a@conference.xmpp.chat.ethora.com');
    expect(m?.nick).to.equal('0x6c2d_alice');
    const upper = parseRoomMessage({ type: 'groupchat', from: 'Lobby@Conference.LocalHost/Alice', body: 'x' });
    expect(upper).to.deep.include({ room: 'lobby@conference.localhost', nick: 'Alice' });
  });

  it('drops a stanza-id not stamped by the room (forged)', async () => {
    const m = parseRoomMessage(await fixture('groupchat-forged-stanza-id'));
    expect(m?.body).to.equal('I claim an archive id');
    expect(m?.stanzaId).to.equal(undefined);
  });

  it('takes the time from a delay stamped by the room, and ignores a sender-made delay', async () => {
    const replay = parseRoomMessage(await fixture('groupchat-history-replay'));
    expect(replay?.time).to.equal(Date.parse('2024-09-24T14:41:25.290Z'));
    const backdated = parseRoomMessage(await fixture('groupchat-self-delayed'));
    expect(backdated?.body).to.equal('Pretend I said this last year');
    expect(backdated?.time).to.equal(undefined);
  });

  it('unwraps a MucSub event into a room message', async () => {
    const m = parseRoomMessage(await fixture('mucsub-message'));
    expect(m).to.deep.include({
      room: 'design@conference.localhost',
      nick: 'bob',
      stanzaId: '1727188885290801',
      originId: 'send-text-message-9',
      body: 'While you were away',
      senderName: 'Bob Jones',
      senderJid: 'bob@localhost',
    });
  });

  it('rejects a MucSub wrapper that does not come from the room itself', async () => {
    expect(parseRoomMessage(await fixture('mucsub-forged-wrapper'))).to.equal(undefined);
  });

  it('keeps Ethora media messages (<data isMediafile>), dropping the placeholder body "media"', async () => {
    const m = parseRoomMessage(await fixture('groupchat-media'));
    expect(m?.body).to.equal('');
    expect(m?.data?.location).to.equal('https://files.example.com/a.png');
    expect(m?.media).to.deep.equal({
      url: 'https://files.example.com/a.png',
      previewUrl: 'https://files.example.com/a-preview.png',
      name: 'a.png',
      mimeType: 'image/png',
      size: 12345,
    });
  });

  it('ignores subject changes, typing notifications and non-groupchat messages', async () => {
    expect(parseRoomMessage(await fixture('groupchat-subject'))).to.equal(undefined);
    expect(parseRoomMessage(await fixture('groupchat-typing'))).to.equal(undefined);
    expect(parseRoomMessage({ type: 'chat', from: 'lobby@conference.localhost/alice', body: 'pm' })).to.equal(undefined);
    expect(parseRoomMessage(await fixture('message-error-banned'))).to.equal(undefined);
    expect(parseRoomMessage(await fixture('mam-result'))).to.equal(undefined);
  });

  it('gives messages from the room itself an empty nick', () => {
    expect(parseRoomMessage({ type: 'groupchat', from: 'lobby@conference.localhost', body: 'Room is now logged' })).to.deep.include({
      room: 'lobby@conference.localhost',
      nick: '',
    });
  });

  it('filters by MUC domain when a hint is given', () => {
    const forged: Stanzas.Message = { type: 'groupchat', from: 'mallory@localhost/x', body: 'fake room' };
    expect(parseRoomMessage(forged)).to.not.equal(undefined);
    expect(parseRoomMessage(forged, { mucDomainHint: 'conference.localhost' })).to.equal(undefined);
    const real: Stanzas.Message = { type: 'groupchat', from: 'lobby@conference.localhost/a', body: 'ok' };
    expect(parseRoomMessage(real, { mucDomainHint: 'Conference.Localhost' })?.body).to.equal('ok');
  });
});

describe('parseArchivedMessage', () => {
  it('uses the MAM result id as stanza-id and the forwarded delay as time', async () => {
    const msg = await fixture('mam-result');
    const m = parseArchivedMessage(msg.archive!, 'Lobby@conference.localhost');
    expect(m).to.deep.include({
      room: 'lobby@conference.localhost',
      nick: 'alice',
      id: 'send-text-message-6f1c',
      originId: 'send-text-message-6f1c',
      stanzaId: '1727188885290611',
      body: 'Archived hello',
      senderJid: 'alice@localhost',
      senderName: 'Alice Smith',
      time: Date.parse('2024-09-24T14:41:25.290Z'),
    });
  });

  it('rejects a result whose message is from another room', async () => {
    const msg = await fixture('mam-result');
    expect(parseArchivedMessage(msg.archive!, 'design@conference.localhost')).to.equal(undefined);
  });

  it('returns undefined for a result without id or message', () => {
    expect(parseArchivedMessage({ queryId: 'q', id: '', item: { message: { body: 'x' } } }, 'r@c.x')).to.equal(undefined);
    expect(parseArchivedMessage({ queryId: 'q', id: '1', item: {} }, 'r@c.x')).to.equal(undefined);
  });
});

describe('parseMessageError', () => {
  it('turns a ban bounce into a human reason for our message id', async () => {
    expect(parseMessageError(await fixture('message-error-banned'))).to.deep.equal({
      room: 'lobby@conference.localhost',
      id: 'send-text-message-77',
      reason: 'You are not allowed to send messages to this room',
      condition: 'forbidden',
    });
  });

  it('explains the ejabberd not-an-occupant bounce', async () => {
    expect(parseMessageError(await fixture('message-error-not-occupant'))?.reason).to.equal('You are not in this room');
  });

  it('ignores non-error messages and bounces without id', async () => {
    expect(parseMessageError(await fixture('groupchat-data-jabber-client'))).to.equal(undefined);
    expect(parseMessageError({ type: 'error', from: 'lobby@conference.localhost' })).to.equal(undefined);
  });

  it('gives a generic reason for an unknown condition', () => {
    const e = parseMessageError({ type: 'error', from: 'r@c.x', id: 'm1', error: { condition: 'undefined-condition' } });
    expect(e?.reason).to.equal('The message was not delivered');
  });
});
