import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { mimeFromUrl, parseMainMessage } from '../../../src/protocol/parse-content.js';
import { parseArchivedMessage, parseRoomMessage } from '../../../src/protocol/parse-message.js';
import { fixture, parse } from './fixtures.js';

const ROOM = 'lobby@conference.localhost';
const TARGET = '1727188885290611';

describe('replies', () => {
  it('XEP-0461: keeps the reference, strips the fallback range (code points) and keeps it as the quote', async () => {
    const m = parseRoomMessage(await fixture('groupchat-reply'));
    expect(m?.body).to.equal('Great idea!');
    expect(m?.replyTo).to.deep.equal({ id: TARGET, to: `${ROOM}/anna`, quote: 'Anna wrote:\nWe should bake a cake 🎂' });
  });

  it('XEP-0461 without a fallback keeps the body whole', () => {
    const m = parseRoomMessage({ type: 'groupchat', from: `${ROOM}/bob`, body: 'Sure', reply: { id: TARGET } });
    expect(m).to.deep.include({ body: 'Sure', replyTo: { id: TARGET } });
  });

  it('ignores a fallback range that does not fit the body, or one for another feature', () => {
    const base = { type: 'groupchat' as const, from: `${ROOM}/bob`, body: '> q\nanswer', reply: { id: TARGET } };
    for (const bodies of [[{ start: 0, end: 99 }], [{ start: 3, end: 1 }], [{ start: -1, end: 2 }], [{}], []]) {
      expect(parseRoomMessage({ ...base, fallbacks: [{ for: 'urn:xmpp:reply:0', bodies }] })?.body, JSON.stringify(bodies)).to.equal('> q\nanswer');
    }
    expect(parseRoomMessage({ ...base, fallbacks: [{ for: 'urn:xmpp:other', bodies: [{ start: 0, end: 4 }] }] })?.body).to.equal('> q\nanswer');
    // A fallback without a <reply> is not a reply: nothing is stripped.
    const noReply = parseRoomMessage({
      type: 'groupchat',
      from: `${ROOM}/bob`,
      body: '> q\nanswer',
      fallbacks: [{ for: 'urn:xmpp:reply:0', bodies: [{ start: 0, end: 4 }] }],
    });
    expect(noReply).to.deep.include({ body: '> q\nanswer' }).and.not.have.property('replyTo');
  });

  it('Ethora: isReply + mainMessage JSON gives the reference, quote and author (numeric id accepted)', async () => {
    const m = parseRoomMessage(await fixture('groupchat-ethora-reply'));
    expect(m?.body).to.equal('Thread answer');
    expect(m?.replyTo).to.deep.equal({ id: TARGET, quote: 'Original text', author: 'Alice Smith' });
    expect(m?.senderName).to.equal('Bob Jones');
  });

  it('Ethora: an invalid mainMessage gives a plain message, not an error', async () => {
    const m = parseRoomMessage(await fixture('groupchat-ethora-reply-bad-json'));
    expect(m?.body).to.equal('Reply with broken mainMessage');
    expect(m).to.not.have.property('replyTo');
  });

  it('parseMainMessage survives hostile JSON', () => {
    for (const bad of ['', 'null', '[]', '"str"', '42', '{"text":"no id"}', '{"id":{}}', '{"id":""}', '{"id":1e400}', '{', 5, undefined]) {
      expect(parseMainMessage(bad), String(bad)).to.equal(undefined);
    }
    expect(parseMainMessage('{"id":"a","text":5,"userName":["x"]}')).to.deep.equal({ id: 'a' });
    expect(parseMainMessage('{"__proto__":{"polluted":1},"id":"a"}')).to.deep.equal({ id: 'a' });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    const long = parseMainMessage(JSON.stringify({ id: 'a', text: 'x'.repeat(5000) }));
    expect([...(long?.text ?? '')].length).to.equal(1000);
  });

  it('both forms for the same target: the XEP-0461 quote wins, Ethora adds the author', () => {
    const msg = parse(`<message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob"><body>&gt; hi
yo</body><reply xmlns="urn:xmpp:reply:0" id="${TARGET}"/><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="5"/></fallback><data isReply="true" mainMessage='{"id":"${TARGET}","text":"hi there","userName":"Al"}'/></message>`);
    expect(parseRoomMessage(msg)).to.deep.include({ body: 'yo', replyTo: { id: TARGET, quote: 'hi', author: 'Al' } });
  });
});

describe('media', () => {
  it('XEP-0066 OOB: the URL becomes media with a type guessed from the extension; the body stays', async () => {
    const m = parseRoomMessage(await fixture('groupchat-oob'));
    expect(m?.media).to.deep.equal({ url: 'https://upload.localhost/abc/cat%20photo.JPG', mimeType: 'image/jpeg' });
    expect(m?.body).to.equal('https://upload.localhost/abc/cat%20photo.JPG');
  });

  it('Ethora media: garbage numbers are left out, a missing location is no media', () => {
    const base = { type: 'groupchat' as const, from: `${ROOM}/bob`, body: 'media' };
    const m = parseRoomMessage({ ...base, data: { isMediafile: 'true', location: 'https://f.x/a.bin', size: '12abc', width: '-3', height: '480' } });
    expect(m?.media).to.deep.equal({ url: 'https://f.x/a.bin', height: 480 });
    const none = parseRoomMessage({ ...base, data: { isMediafile: 'true' } });
    expect(none).to.deep.include({ body: 'media' }).and.not.have.property('media');
  });

  it('guesses common types and nothing for unknown extensions', () => {
    expect(mimeFromUrl('https://x/a.PNG?sig=1')).to.equal('image/png');
    expect(mimeFromUrl('https://x/v.webm#t=1')).to.equal('video/webm');
    expect(mimeFromUrl('https://x/a.exe')).to.equal(undefined);
    expect(mimeFromUrl('https://x/noext')).to.equal(undefined);
  });
});

describe('system lines and archive markers', () => {
  it('Ethora isSystemMessage="true" is a system line from the room itself, never from an occupant', async () => {
    expect(parseRoomMessage(await fixture('groupchat-system-room'))).to.deep.include({ body: 'Bob joined the room', system: true });
    // An occupant's claim stays that occupant's message.
    expect(parseRoomMessage(await fixture('groupchat-system'))).to.deep.include({ body: 'Bob joined the room', nick: 'admin' });
    expect(parseRoomMessage(await fixture('groupchat-system'))).to.not.have.property('system');
    expect(parseRoomMessage(await fixture('groupchat-data-jabber-client'))).to.not.have.property('system');
  });

  it('an archived Ethora <deleted/> is a tombstone: no body ("deleted"), no media', async () => {
    const m = parseArchivedMessage((await fixture('mam-ethora-deleted')).archive!, ROOM);
    expect(m).to.deep.include({ nick: 'alice', stanzaId: TARGET, body: '', deleted: true });
    expect(m).to.not.have.property('media');
  });

  it('an archived Ethora <replaced/> marks the message edited', async () => {
    const m = parseArchivedMessage((await fixture('mam-ethora-replaced')).archive!, ROOM);
    expect(m).to.deep.include({ body: 'Edited text', edited: true });
  });

  it('XEP-0424 / XEP-0425 archive tombstones are deleted messages', async () => {
    for (const name of ['mam-tombstone-moderated', 'mam-tombstone-retracted']) {
      const m = parseArchivedMessage((await fixture(name)).archive!, ROOM);
      expect(m, name).to.deep.include({ body: '', deleted: true });
    }
  });

  it('keeps old behaviour for plain archived messages (no flags)', async () => {
    const m = parseArchivedMessage((await fixture('mam-result')).archive!, ROOM);
    for (const flag of ['edited', 'deleted', 'system', 'media', 'replyTo']) expect(m).to.not.have.property(flag);
  });

  it('survives markers and links of the wrong shape', () => {
    const m = parseRoomMessage({ type: 'groupchat', from: `${ROOM}/a`, body: 'x', links: [null, { url: 5 }] as unknown as Stanzas.Message['links'] });
    expect(m).to.deep.equal({ room: ROOM, nick: 'a', body: 'x' });
  });
});
