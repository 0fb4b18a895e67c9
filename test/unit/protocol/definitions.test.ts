import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { MUCSUB_NODE_MESSAGES } from '../../../src/protocol/definitions.js';
import { fixture, parse, serialise } from './fixtures.js';

describe('protocol definitions', () => {
  describe('Ethora <data> bag (matched by local name)', () => {
    for (const name of ['groupchat-data-jabber-client', 'groupchat-data-inherited-ns', 'groupchat-data-muc-host-ns', 'groupchat-data-ws-url-ns']) {
      it(`reads <data> in ${name}`, async () => {
        const msg = await fixture(name);
        expect(msg.data).to.be.an('object');
        expect(msg.data!.senderJID).to.be.a('string').and.include('@');
        expect(msg.data).to.not.have.property('xmlns');
      });
    }

    it('keeps every attribute as a string, including empty ones', async () => {
      const msg = await fixture('groupchat-data-jabber-client');
      expect(msg.data).to.include({ senderFirstName: 'Alice', fullName: 'Alice Smith', photo: '', isSystemMessage: 'false', push: 'true' });
    });

    it('reads <data> with an explicitly empty namespace', () => {
      const msg = parse(`<message xmlns="jabber:client" type="groupchat" from="r@c.x/n"><body>b</body><data xmlns="" fullName="Zed"/></message>`);
      expect(msg.data).to.deep.equal({ fullName: 'Zed' });
    });

    it('parses attributes named like Object.prototype members (StanzaJS parser bug patched)', () => {
      // Unpatched, StanzaJS fails the whole stream on these: one hostile message would
      // disconnect every occupant of the room.
      const msg = parse(
        `<message xmlns="jabber:client" type="groupchat" from="r@c.x/n"><body>b</body><data toString="1" constructor="y" hasOwnProperty="z"/></message>`,
      );
      expect(Object.getPrototypeOf(msg.data)).to.equal(Object.prototype);
      expect(msg.data).to.deep.equal({ toString: '1', constructor: 'y', hasOwnProperty: 'z' });
      expect(msg.body).to.equal('b');
    });

    it('still refuses a really duplicated attribute, and drops one named __proto__', () => {
      expect(() => parse(`<message xmlns="jabber:client"><data a="1" a="2"/></message>`)).to.throw();
      const msg = parse(`<message xmlns="jabber:client"><data __proto__="x" b="2"/></message>`);
      expect(msg.data).to.deep.equal({ b: '2' });
    });

    it('exports a data bag as <data> attributes', () => {
      const xml = serialise('message', { to: 'r@c.x', type: 'groupchat', body: 'hi', data: { fullName: 'A B' } });
      expect(xml).to.match(/<data[^>]*fullName="A B"/);
    });
  });

  describe('MucSub event wrapper', () => {
    it('unwraps the inner message fully parsed', async () => {
      const msg = await fixture('mucsub-message');
      expect(msg.mucsub?.node).to.equal(MUCSUB_NODE_MESSAGES);
      expect(msg.mucsub?.itemId).to.equal('1727188885290801');
      const inner = msg.mucsub!.message;
      expect(inner.body).to.equal('While you were away');
      expect(inner.type).to.equal('groupchat');
      expect(inner.from).to.equal('design@conference.localhost/bob');
      expect(inner.originId).to.equal('send-text-message-9');
      expect(inner.stanzaIds).to.deep.equal([{ by: 'design@conference.localhost', id: '1727188885290801' }]);
      expect(inner.data?.senderFirstName).to.equal('Bob');
    });

    it('ignores pubsub events for other nodes', () => {
      const msg = parse(
        `<message xmlns="jabber:client" from="r@c.x"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:mucsub:nodes:presence"><item><presence xmlns="jabber:client" from="r@c.x/n"/></item></items></event></message>`,
      );
      expect(msg.mucsub).to.equal(undefined);
    });

    it('ignores a messages item without an inner message', () => {
      const msg = parse(
        `<message xmlns="jabber:client" from="r@c.x"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:mucsub:nodes:messages"><item/></items></event></message>`,
      );
      expect(msg.mucsub).to.equal(undefined);
    });
  });

  describe('IQ payloads', () => {
    it('parses ns:getrooms rooms, whatever the child element name', () => {
      const iq = parse<Stanzas.IQ>(
        `<iq xmlns="jabber:client" type="result" id="g"><query xmlns="ns:getrooms"><room jid="a@c.x" name="A" users_cnt="3"/><chat jid="b@c.x"/></query></iq>`,
      );
      expect(iq.getRooms?.rooms).to.deep.equal([
        { jid: 'a@c.x', name: 'A', usersCnt: '3' },
        { jid: 'b@c.x', name: undefined, usersCnt: undefined },
      ]);
    });

    it('exports the ns:getrooms request as an empty query', () => {
      expect(serialise('iq', { type: 'get', id: 'g', getRooms: {} })).to.include('<query xmlns="ns:getrooms"/>');
    });

    it('parses a MucSub subscriptions list', async () => {
      const iq = await fixture<Stanzas.IQ>('mucsub-subscriptions');
      const subs = iq.mucsubSubscriptions?.subscriptions ?? [];
      expect(subs).to.have.length(2);
      expect(subs[0]).to.deep.include({ jid: 'lobby@conference.localhost', nick: 'alice' });
      expect(subs[0].events).to.include(MUCSUB_NODE_MESSAGES).and.have.length(4);
    });

    it('exports subscribe with its event nodes and unsubscribe', () => {
      const sub = serialise('iq', { type: 'set', to: 'r@c.x', id: 's', mucsubSubscribe: { nick: 'al', events: [MUCSUB_NODE_MESSAGES] } });
      expect(sub).to.include('<subscribe xmlns="urn:xmpp:mucsub:0" nick="al"><event node="urn:xmpp:mucsub:nodes:messages"/></subscribe>');
      const unsub = serialise('iq', { type: 'set', to: 'r@c.x', id: 'u', mucsubUnsubscribe: {} });
      expect(unsub).to.include('<unsubscribe xmlns="urn:xmpp:mucsub:0"/>');
      expect(serialise('iq', { type: 'get', to: 'c.x', id: 'l', mucsubSubscriptions: {} })).to.include('<subscriptions xmlns="urn:xmpp:mucsub:0"/>');
    });
  });
});
