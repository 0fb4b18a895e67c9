import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { parseGetRooms, parseRoomInfo, parseSubscriptions } from '../../../src/protocol/parse-rooms.js';
import { fixture, parse } from './fixtures.js';

const iq = (name: string) => fixture<Stanzas.IQ>(name);

describe('parseRoomInfo', () => {
  it('reads name, description, occupants and features', async () => {
    const info = parseRoomInfo(await iq('disco-info-room'));
    expect(info).to.deep.include({ room: 'lobby@conference.localhost', name: 'Lobby', description: 'Say hello here', occupants: 3 });
    expect(info!.features).to.include.members(['urn:xmpp:mucsub:0', 'urn:xmpp:mam:2', 'http://jabber.org/protocol/muc']);
  });

  it('works without the roominfo form', () => {
    const info = parseRoomInfo(
      parse(
        `<iq xmlns="jabber:client" type="result" from="r@c.x" id="1"><query xmlns="http://jabber.org/protocol/disco#info"><identity category="conference" type="text"/><feature var="muc_open"/></query></iq>`,
      ),
    );
    expect(info).to.deep.equal({ room: 'r@c.x', features: ['muc_open'] });
  });

  it('is undefined for other IQs', async () => {
    expect(parseRoomInfo(await iq('mucsub-subscriptions'))).to.equal(undefined);
  });
});

describe('parseSubscriptions', () => {
  it('lists subscribed rooms with their nicks', async () => {
    expect(parseSubscriptions(await iq('mucsub-subscriptions'))).to.deep.equal([
      { room: 'lobby@conference.localhost', nick: 'alice' },
      { room: 'design@conference.localhost', nick: 'Alice S' },
    ]);
  });

  it('gives [] for an empty list and undefined for other IQs', async () => {
    expect(
      parseSubscriptions(parse(`<iq xmlns="jabber:client" type="result" id="1" from="c.x"><subscriptions xmlns="urn:xmpp:mucsub:0"/></iq>`)),
    ).to.deep.equal([]);
    expect(parseSubscriptions(await iq('getrooms-result'))).to.equal(undefined);
  });
});

describe('parseGetRooms', () => {
  it('reads the Ethora room list, skipping entries without a JID and bad counts', async () => {
    expect(parseGetRooms(await iq('getrooms-result'))).to.deep.equal([
      { room: '6e5c4ab1f0d2@conference.xmpp.chat.ethora.com', name: 'Random talks', usersCount: 115 },
      { room: '77aa01b2c3d4@conference.xmpp.chat.ethora.com', name: 'TestChat', usersCount: 2 },
      { room: '88bb01b2c3d4@conference.xmpp.chat.ethora.com', name: 'Bad count' },
    ]);
  });

  it('gives [] for an empty query', () => {
    expect(parseGetRooms(parse(`<iq xmlns="jabber:client" type="result" id="1"><query xmlns="ns:getrooms"/></iq>`))).to.deep.equal([]);
  });
});
