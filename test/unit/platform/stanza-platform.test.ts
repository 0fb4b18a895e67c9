import { expect } from '@open-wc/testing';

// The tests' StanzaJS is built like the shipped script (build/stanza-build.mjs).
describe('StanzaJS on our platform (src/platform/stanza-platform.ts)', () => {
  it('uses our Buffer, hashes and streams, and has no DIGEST-MD5', async () => {
    const Stanza = (await import('stanza')).default;
    const { Platform, Utils, Client } = Stanza;
    expect(Platform.name).to.equal('browser');
    expect(Platform.getHashes()).to.deep.equal(['sha-1', 'sha-256']);
    expect(Platform.randomBytes(16)).to.have.length(16);
    expect(Utils.uuid()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const client = new Client();
    const mechanisms = (client.sasl as unknown as { mechanisms: { name: string }[] }).mechanisms.map((m) => m.name);
    expect(mechanisms).to.include('SCRAM-SHA-1').and.include('PLAIN').and.not.include('DIGEST-MD5');
    // The mood and activity tables of the stubbed XEP-0107/0108 definitions are left out.
    expect(Stanza.Constants.USER_MOODS).to.deep.equal([]);
    expect(Stanza.Constants.USER_ACTIVITY_SPECIFIC).to.deep.equal([]);
    expect(Stanza.Constants.ChatState.Composing).to.equal('composing');
  });

  it('computes the RFC 5802 SCRAM-SHA-1 exchange and checks the server signature', async () => {
    const { SASL, Platform } = (await import('stanza')).default;
    const mech = new SASL.SCRAM('SCRAM-SHA-1');
    const credentials = { username: 'user', password: 'pencil', clientNonce: 'fyko+d2lbbFgONRv9qkxdawL' };
    expect(mech.createResponse(credentials)?.toString()).to.equal('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    mech.processChallenge(Platform.Buffer.from('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
    expect(mech.createResponse(credentials)?.toString()).to.equal('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
    mech.processSuccess(Platform.Buffer.from('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='));
    expect(mech.finalize()).to.deep.equal({ authenticated: true, mutuallyAuthenticated: true });
  });
});
