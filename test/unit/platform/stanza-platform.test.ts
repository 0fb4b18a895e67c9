import { expect } from '@open-wc/testing';
import { MAX_ITERATIONS } from '../../../src/platform/sasl.js';

// The tests' StanzaJS is built like the shipped script (build/stanza-build.mjs).
describe('StanzaJS on our platform (src/platform/stanza-platform.ts)', () => {
  it('uses our Buffer, streams and SASL, and offers only the SASL mechanisms the widget can use', async () => {
    const Stanza = await import('stanza');
    const { Platform, Utils, Client } = Stanza;
    expect(Platform.name).to.equal('browser');
    expect(Platform.randomBytes(16)).to.have.length(16);
    expect(Utils.uuid()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const client = new Client();
    // Nothing computes our own entity capabilities (XEP-0115): their methods are left out, disco#info stays.
    const agent = Stanza.createClient({});
    // (`in`, not chai's property check: a failure would print the whole client.)
    expect(['updateCaps', 'getCurrentCaps'].filter((name) => name in agent)).to.deep.equal([]);
    expect(agent.disco.getNodeInfo('').features).to.include('http://jabber.org/protocol/disco#info');
    // Its SASL is ours (src/platform/sasl.ts): no -PLUS, DIGEST-MD5, EXTERNAL or OAUTHBEARER.
    expect((Stanza.SASL as unknown as Record<string, unknown>).MAX_ITERATIONS).to.equal(MAX_ITERATIONS);
    expect(['register', 'disable'].filter((name) => name in client.sasl)).to.deep.equal([]);
    const offered = ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'EXTERNAL', 'DIGEST-MD5', 'OAUTHBEARER', 'SCRAM-SHA-1'];
    expect(client.sasl.createMechanism(offered)?.name).to.equal('SCRAM-SHA-1');
    expect(client.sasl.createMechanism(offered.slice(0, -1))).to.equal(null);
    // The mood and activity tables of the stubbed XEP-0107/0108 definitions are left out.
    expect(Stanza.Constants.USER_MOODS).to.deep.equal([]);
    expect(Stanza.Constants.USER_ACTIVITY_SPECIFIC).to.deep.equal([]);
    expect(Stanza.Constants.ChatState.Composing).to.equal('composing');
  });

  it('keeps only the namespaces and constants some code reads, with their values (build/stanza-exports.mjs)', async () => {
    const { Namespaces, Constants } = await import('stanza');
    expect(Namespaces.NS_MUC_USER).to.equal('http://jabber.org/protocol/muc#user');
    expect(Constants.StanzaErrorCondition.ItemNotFound).to.equal('item-not-found');
    // Read by name here, not as `Namespaces.X`, which the build's scan would count as a use.
    const byName = (module: object, name: string) => (module as Record<string, unknown>)[name];
    expect(byName(Namespaces, 'NS_JINGLE_1')).to.equal(undefined);
    expect(byName(Namespaces, 'NS_OMEMO_AXOLOTL')).to.equal(undefined);
    // Read only by the entity plugin, which the script leaves out.
    expect(byName(Namespaces, 'NS_HASH_NAME')).to.equal(undefined);
    // Read only by code the script leaves out: Constants' StreamType (kept as literals) and the roster fetch.
    expect(['NS_BOSH', 'NS_ROSTER'].map((name) => byName(Namespaces, name))).to.deep.equal([undefined, undefined]);
    expect(Constants.StreamType.Client).to.equal('jabber:client');
    expect(byName(Constants, 'JingleAction')).to.equal(undefined);
  });

  it('leaves out the methods no code names, and keeps the ones it does (build/stanza-prune.mjs)', async () => {
    const Stanza = await import('stanza');
    const client = Stanza.createClient({});
    // Built from parts: the build keeps any method whose name appears as a word in test/ or src/.
    const byName = (object: object, name: string) => (object as Record<string, unknown>)[name];
    // A plugin's client methods (the room configuration form: the widget never asks for it)...
    expect(byName(client, ['get', 'RoomConfig'].join(''))).to.equal(undefined);
    expect(typeof client.joinRoom).to.equal('function');
    // ...and a class's (disco items: the widget lists none of its own).
    expect(byName(client.disco, ['add', 'Item'].join(''))).to.equal(undefined);
    expect(typeof client.disco.addFeature).to.equal('function');
  });
});
