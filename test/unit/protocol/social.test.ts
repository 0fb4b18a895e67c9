import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { parseGetRooms } from '../../../src/protocol/parse-rooms.js';
import { blockedJids, parsePrefs, parseRoomLast } from '../../../src/protocol/social.js';
import { fixture, parse, serialise } from './fixtures.js';

describe('parseRoomLast (Ethora ns:room:last)', () => {
  it('reads members with name, role, last activity and ban state; skips entries without a JID and repeats', async () => {
    expect(parseRoomLast(await fixture<Stanzas.IQ>('room-last-result'))).to.deep.equal([
      { jid: 'alice@xmpp.chat.ethora.com', name: 'test test', role: 'owner', lastActive: 1731677817000 },
      { jid: 'carol@xmpp.chat.ethora.com', name: 'carol', role: 'participant', banned: true },
    ]);
  });

  it('is undefined for other IQs and for errors', async () => {
    expect(parseRoomLast(await fixture<Stanzas.IQ>('getrooms-result'))).to.equal(undefined);
    expect(parseRoomLast(parse<Stanzas.IQ>(`<iq xmlns="jabber:client" type="error" id="1"><query xmlns="ns:room:last"/></iq>`))).to.equal(undefined);
  });

  it('exports the request with the room', () => {
    expect(serialise('iq', { type: 'get', id: 'm', roomLast: { room: 'r@c.x' } })).to.include('<query xmlns="ns:room:last" room="r@c.x"/>');
  });
});

describe('parseGetRooms images', () => {
  it('keeps http(s) thumbnails and backgrounds, drops "none" and other schemes', () => {
    const iq = parse<Stanzas.IQ>(`<iq xmlns="jabber:client" type="result" id="g"><query xmlns="ns:getrooms">
      <room jid="a@c.x" room_thumbnail="https://cdn.example.com/a.png" room_background="none"/>
      <room jid="b@c.x" room_thumbnail="javascript:alert(1)" room_background="http://cdn.example.com/b.jpg"/></query></iq>`);
    expect(parseGetRooms(iq)).to.deep.equal([
      { room: 'a@c.x', thumbnail: 'https://cdn.example.com/a.png' },
      { room: 'b@c.x', background: 'http://cdn.example.com/b.jpg' },
    ]);
  });
});

describe('blocking and preferences', () => {
  it('normalises block list JIDs (bare, lower case, once) and drops garbage', () => {
    expect(blockedJids(['Bob@Localhost/phone', 'bob@localhost', 'not a jid', 7, 'carol@localhost'])).to.deep.equal(['bob@localhost', 'carol@localhost']);
    expect(blockedJids(undefined)).to.deep.equal([]);
  });

  it('parses a block list push as StanzaJS gives it', () => {
    const iq = parse<Stanzas.IQ>(`<iq xmlns="jabber:client" type="set" id="push1"><block xmlns="urn:xmpp:blocking"><item jid="Bob@localhost"/></block></iq>`);
    expect(iq.blockList?.action).to.equal('block');
    expect(blockedJids(iq.blockList?.jids)).to.deep.equal(['bob@localhost']);
  });

  it('reads muted rooms from private storage, keeping unknown keys for the write-back', () => {
    const value = JSON.stringify({ muted: ['A@conference.localhost', 3], later: { x: 1 }, __proto__x: 1 });
    const iq = parse<Stanzas.IQ>(
      `<iq xmlns="jabber:client" type="result" id="p"><query xmlns="jabber:iq:private"><prefs xmlns="urn:ethora-chat:prefs:0" value='${value}'/></query></iq>`,
    );
    const prefs = parsePrefs(iq);
    expect(prefs.muted).to.deep.equal(['a@conference.localhost']);
    expect(prefs.raw).to.have.property('later');
  });

  it('gives no muted rooms for missing or broken storage', () => {
    const broken = parse<Stanzas.IQ>(
      `<iq xmlns="jabber:client" type="result" id="p"><query xmlns="jabber:iq:private"><prefs xmlns="urn:ethora-chat:prefs:0" value="{not json"/></query></iq>`,
    );
    expect(parsePrefs(broken).muted).to.deep.equal([]);
    expect(parsePrefs(parse<Stanzas.IQ>(`<iq xmlns="jabber:client" type="result" id="p"/>`)).muted).to.deep.equal([]);
  });
});
