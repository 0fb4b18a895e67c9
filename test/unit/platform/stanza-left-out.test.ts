import { expect } from '@open-wc/testing';
import Stanza from 'stanza';
import type { Agent, Stanzas } from 'stanza';

// The tests' StanzaJS is built like the shipped script (build/stanza-build.mjs): these are the
// plugins and definitions it leaves out, seen the way a peer or the server would see them.
const BOB = 'bob@localhost/phone';

function clientWithOutbox(): { client: Agent; errors: string[]; messages: object[] } {
  const client = Stanza.createClient({ jid: 'alice@localhost' });
  const errors: string[] = [];
  const messages: object[] = [];
  client.sendIQError = ((iq: Stanzas.IQ, reply: { error?: { condition?: string } }) => {
    errors.push(`${iq.id}: ${reply.error?.condition}`);
  }) as Agent['sendIQError'];
  client.sendMessage = (msg: object) => {
    messages.push(msg);
    return '';
  };
  return { client, errors, messages };
}

const incoming = <T>(client: Agent, xml: string): T => client.stanzas.import(Stanza.JXT.parse(xml)) as T;

describe('StanzaJS as the script has it: what is left out', () => {
  it('answers no entity time or software version query (XEP-0202, XEP-0092): the service is unavailable', () => {
    const { client, errors } = clientWithOutbox();
    client.emit('iq', incoming(client, `<iq xmlns="jabber:client" type="get" id="t" from="${BOB}"><time xmlns="urn:xmpp:time"/></iq>`));
    client.emit('iq', incoming(client, `<iq xmlns="jabber:client" type="get" id="v" from="${BOB}"><query xmlns="jabber:iq:version"/></iq>`));
    expect(errors).to.deep.equal(['t: service-unavailable', 'v: service-unavailable']);
  });

  it('lists in disco#info none of the features the widget does not have', () => {
    const { client } = clientWithOutbox();
    const features = client.disco.getNodeInfo('').features ?? [];
    const absent = [
      'urn:xmpp:time',
      'jabber:iq:version',
      'urn:xmpp:receipts',
      'urn:xmpp:chat-markers:0',
      'urn:xmpp:rtt:0',
      'urn:xmpp:attention:0',
      'urn:xmpp:hashes:2',
    ];
    expect(absent.filter((ns) => features.includes(ns))).to.deep.equal([]);
    expect(features).to.include('http://jabber.org/protocol/disco#info');
  });

  it('sends no delivery receipt for a one-to-one message the widget never shows (XEP-0184)', () => {
    const { client, messages } = clientWithOutbox();
    const msg = incoming<Stanzas.ReceivedMessage>(
      client,
      `<message xmlns="jabber:client" type="chat" id="m1" from="${BOB}"><body>hi</body><request xmlns="urn:xmpp:receipts"/></message>`,
    );
    client.emit('message', msg);
    expect(messages).to.deep.equal([]);
    expect(msg.body).to.equal('hi');
  });

  it('does not read carbons, receipts, markers, capabilities or occupant ids; the rest of the stanza still parses', () => {
    const { client } = clientWithOutbox();
    const msg = incoming<Record<string, unknown>>(
      client,
      `<message xmlns="jabber:client" type="groupchat" from="r@c.localhost/bob"><body>b</body><received xmlns="urn:xmpp:receipts" id="x"/><markable xmlns="urn:xmpp:chat-markers:0"/><occupant-id xmlns="urn:xmpp:occupant-id:0" id="o"/><stanza-id xmlns="urn:xmpp:sid:0" by="r@c.localhost" id="s1"/></message>`,
    );
    expect(['receipt', 'marker', 'occupantId', 'carbon'].filter((key) => key in msg)).to.deep.equal([]);
    expect(msg.body).to.equal('b');
    expect(msg.stanzaIds).to.deep.equal([{ by: 'r@c.localhost', id: 's1' }]);
    const pres = incoming<Record<string, unknown>>(
      client,
      `<presence xmlns="jabber:client" from="${BOB}"><c xmlns="http://jabber.org/protocol/caps" hash="sha-1" node="n" ver="v"/></presence>`,
    );
    expect(pres).to.not.have.property('legacyCapabilities');
  });
});
