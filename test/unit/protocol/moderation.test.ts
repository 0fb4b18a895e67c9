import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { banIq, banListIq, moderateIq, parseBanList, roomImageIq } from '../../../src/protocol/moderation.js';
import { parse, serialise } from './fixtures.js';

const ROOM = 'lobby@conference.localhost';

describe('moderation IQs: encoders and the ban list parser', () => {
  it('XEP-0425 :1 — <moderate id><retract/><reason/></moderate>; the reason is escaped and bounded', () => {
    const xml = serialise('iq', { ...moderateIq(ROOM, '1727188885290611', 'Spam <b>&', false), id: 'q1' });
    expect(xml).to.include(`to="${ROOM}"`).and.include('type="set"');
    expect(xml).to.include(
      '<moderate xmlns="urn:xmpp:message-moderate:1" id="1727188885290611"><retract xmlns="urn:xmpp:message-retract:1"/><reason>Spam &lt;b&gt;&amp;</reason></moderate>',
    );
    expect(serialise('iq', moderateIq(ROOM, '1', 'r'.repeat(5000), false))).to.include(`<reason>${'r'.repeat(1000)}</reason>`);
    expect(serialise('iq', moderateIq(ROOM, '1', '  ', false))).to.not.include('<reason');
  });

  it('XEP-0425 :0 — <apply-to id><moderate><retract/><reason/></moderate></apply-to>', () => {
    const xml = serialise('iq', moderateIq(ROOM, '42', 'Off topic', true));
    expect(xml).to.include(
      '<apply-to xmlns="urn:xmpp:fasten:0" id="42"><moderate xmlns="urn:xmpp:message-moderate:0"><retract xmlns="urn:xmpp:message-retract:0"/><reason>Off topic</reason></moderate></apply-to>',
    );
  });

  it('Ethora ban, unban, get_list and room image: the shapes Ethora’s server reads (no `to`)', () => {
    expect(serialise('iq', banIq('ban', ROOM, 'bob@localhost', 3600, 'spam')))
      .to.include(
        '<query xmlns="ns:deepx:muc:user:ban" action="ban" user="bob@localhost" type="room" room="lobby@conference.localhost" time="3600" comment="spam"/>',
      )
      .and.not.include(' to=');
    expect(serialise('iq', banIq('ban', ROOM, 'bob@localhost')))
      .to.not.include('time=')
      .and.not.include('comment=');
    expect(serialise('iq', banIq('unban', ROOM, 'bob@localhost', 60, 'x')))
      .to.include('action="unban"')
      .and.not.include('time=')
      .and.not.include('comment=');
    expect(serialise('iq', banListIq(ROOM))).to.include('action="get_list" type="room"');
    // A left-out image keeps its value on the server; '' clears it ("none").
    expect(serialise('iq', roomImageIq(ROOM, 'https://img.example/a.png', undefined))).to.include(
      '<query xmlns="ns:getrooms:setprofile" room="lobby@conference.localhost" room_thumbnail="https://img.example/a.png"/>',
    );
    expect(serialise('iq', roomImageIq(ROOM, '', 'https://img.example/b.png'))).to.include('room_thumbnail="none" room_background="https://img.example/b.png"');
  });

  it('reads a get_list answer defensively: bad users dropped, expiry in ms, for ever = no expiry', () => {
    const iq =
      parse<Stanzas.IQ>(`<iq xmlns="jabber:client" type="result" id="b"><query xmlns="ns:deepx:muc:user:ban"><result status="success" action="get_list"/>
      <ban user="Bob@LocalHost" expires="0" comment="spam" by="alice@localhost"/><ban user="carol@localhost" expires="1700000000" comment=""/>
      <ban user="not a jid@@" expires="1"/><ban expires="5"/><ban user="dan@localhost/res" expires="x" constructor="1"/></query></iq>`);
    expect(parseBanList(iq)).to.deep.equal([
      { jid: 'bob@localhost', comment: 'spam', by: 'alice@localhost' },
      { jid: 'carol@localhost', until: 1700000000000 },
      { jid: 'dan@localhost' },
    ]);
    expect(parseBanList(parse<Stanzas.IQ>('<iq xmlns="jabber:client" type="result" id="c"/>'))).to.deep.equal([]);
  });
});
