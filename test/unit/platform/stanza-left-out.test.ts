import { expect } from '@open-wc/testing';
import * as Stanza from 'stanza';
import type { Agent, Stanzas } from 'stanza';
import { NS_BOOKMARKS_2 } from '../../../src/protocol/definitions-bookmarks.js';
import { parse, serialise } from '../protocol/fixtures.js';

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

describe('StanzaJS as the script has it: the client stream only (build/stanza-edits.mjs)', () => {
  it('reads stanzas in jabber:client; server-to-server, component and BOSH ones are unknown elements', () => {
    const { client } = clientWithOutbox();
    const body = (ns: string) =>
      incoming<Stanzas.ReceivedMessage | undefined>(client, `<message xmlns="${ns}" type="groupchat" from="r@c.localhost/bob"><body>b</body></message>`)?.body;
    expect(body('jabber:client')).to.equal('b');
    expect(['jabber:server', 'jabber:component:accept'].map(body)).to.deep.equal([undefined, undefined]);
    expect(incoming(client, '<body xmlns="http://jabber.org/protocol/httpbind" rid="1"/>')).to.equal(undefined);
  });

  it('reads an archived message only in jabber:client (XEP-0297 inside XEP-0313)', () => {
    const { client } = clientWithOutbox();
    const archived = (ns: string) =>
      incoming<Stanzas.ReceivedMessage>(
        client,
        `<message xmlns="jabber:client" from="r@c.localhost"><result xmlns="urn:xmpp:mam:2" queryid="q" id="a1"><forwarded xmlns="urn:xmpp:forward:0"><message xmlns="${ns}" type="groupchat" from="r@c.localhost/bob"><body>old</body></message></forwarded></result></message>`,
      ).archive?.item.message?.body;
    expect(archived('jabber:client')).to.equal('old');
    expect(archived('jabber:server')).to.equal(undefined);
  });
});

describe('StanzaJS as the script has it: definitions kept in part (build/stanza-definitions.mjs)', () => {
  it('reads no roster (RFC 6121) and no form validation (XEP-0122); messages, presences and forms still parse', () => {
    const push = parse<Record<string, unknown>>(
      `<iq xmlns="jabber:client" type="set" id="r"><query xmlns="jabber:iq:roster"><item jid="${BOB}"/></query></iq>`,
    );
    expect(push).to.not.have.property('roster');
    const form = parse<Stanzas.Message>(
      `<message xmlns="jabber:client" from="${BOB}"><body>b</body><x xmlns="jabber:x:data" type="form"><field var="n" type="text-single"><value>1</value><validate xmlns="http://jabber.org/protocol/xdata-validate" datatype="xs:integer"/></field></x></message>`,
    );
    expect(form.body).to.equal('b');
    expect(form.forms?.[0].fields).to.deep.equal([{ name: 'n', type: 'text-single', rawValues: ['1'], value: '1' }]);
    expect(parse<Stanzas.Presence>(`<presence xmlns="jabber:client" from="${BOB}"><show>away</show><status>out</status></presence>`)).to.include({
      show: 'away',
      status: 'out',
    });
  });
});

describe('StanzaJS as the script has it: of pubsub (XEP-0060), what bookmarks use', () => {
  it('writes a published item with its publish-options form, and reads fetched items', () => {
    const xml = serialise('iq', {
      type: 'set',
      id: 'p',
      pubsub: {
        context: 'user',
        publish: { node: NS_BOOKMARKS_2, item: { id: 'r@c.localhost', content: { itemType: NS_BOOKMARKS_2, name: 'R', autojoin: true } } },
        publishOptions: { type: 'submit', fields: [{ name: 'pubsub#persist_items', value: 'true' }] },
      },
    });
    expect(xml).to.include(
      `<publish node="${NS_BOOKMARKS_2}"><item id="r@c.localhost"><conference xmlns="${NS_BOOKMARKS_2}" name="R" autojoin="1"/></item></publish>`,
    );
    expect(xml).to.include(
      '<publish-options><x xmlns="jabber:x:data" type="submit"><field var="pubsub#persist_items"><value>true</value></field></x></publish-options>',
    );
    const iq = parse<Stanzas.IQ>(
      `<iq xmlns="jabber:client" type="result" id="f"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="${NS_BOOKMARKS_2}"><item id="r@c.localhost"><conference xmlns="${NS_BOOKMARKS_2}" name="R" autojoin="true"><nick>n</nick></conference></item></items></pubsub></iq>`,
    );
    const fetched = (iq.pubsub as { fetch?: { node?: string; items?: Array<{ id?: string; content?: object }> } }).fetch;
    expect(fetched?.node).to.equal(NS_BOOKMARKS_2);
    expect(fetched?.items).to.deep.equal([{ id: 'r@c.localhost', content: { itemType: NS_BOOKMARKS_2, name: 'R', autojoin: true, nick: 'n' } }]);
  });

  it('reads no pubsub#event notification and no subscription, owner or error element', () => {
    const msg = parse<Record<string, unknown>>(
      `<message xmlns="jabber:client" from="${BOB}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="n"><item id="1"/></items></event><body>b</body></message>`,
    );
    expect(msg).to.not.have.property('pubsub');
    expect(msg.body).to.equal('b');
    const iq = parse<Stanzas.IQ>(
      `<iq xmlns="jabber:client" type="set" id="s"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscribe node="n" jid="${BOB}"/></pubsub></iq>`,
    );
    expect(iq.pubsub).to.deep.equal({});
    const owner = parse<Stanzas.IQ>(
      `<iq xmlns="jabber:client" type="set" id="o"><pubsub xmlns="http://jabber.org/protocol/pubsub#owner"><purge node="n"/></pubsub></iq>`,
    );
    expect(owner).to.not.have.property('pubsub');
    const error = parse<Stanzas.IQ>(
      `<iq xmlns="jabber:client" type="error" id="e"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><closed-node xmlns="http://jabber.org/protocol/pubsub#errors"/></error></iq>`,
    );
    expect(error.error).to.deep.equal({ type: 'cancel', condition: 'item-not-found' });
  });
});
