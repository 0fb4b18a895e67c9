import { expect } from '@open-wc/testing';
import * as Stanza from 'stanza';
import { deriveScramWithWebCrypto, saltedPassword, withSaltedPassword } from '../../../src/protocol/scram-webcrypto.js';

const { Buffer } = Stanza.Platform;

/**
 * RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256): user "user", password "pencil".
 * StanzaJS's own SCRAM writes the messages; the salted password comes from WebCrypto.
 */
const VECTORS = [
  {
    mechanism: 'SCRAM-SHA-1',
    clientNonce: 'fyko+d2lbbFgONRv9qkxdawL',
    serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
    clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  },
  {
    mechanism: 'SCRAM-SHA-256',
    clientNonce: 'rOprNGfwEbeRWgbNEkqO',
    serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  },
];

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('SCRAM with WebCrypto (RFC 5802 / RFC 7677 test vectors)', () => {
  for (const v of VECTORS) {
    it(`${v.mechanism}: StanzaJS answers the RFC's challenge with the RFC's proof, the salted password from WebCrypto`, async () => {
      const client = Stanza.createClient({ jid: 'user@example.com', password: 'pencil' });
      deriveScramWithWebCrypto(client);
      const mech = client.sasl.createMechanism([v.mechanism])!;
      const first = await client.getCredentials();
      expect(first).to.not.have.property('saltedPassword');
      const clientFirst = mech.createResponse({ ...first, username: 'user', clientNonce: v.clientNonce });
      expect(String(clientFirst)).to.equal(`n,,n=user,r=${v.clientNonce}`);

      mech.processChallenge(Buffer.from(v.serverFirst));
      const creds = await client.getCredentials();
      expect(creds).to.have.property('saltedPassword');
      const clientFinal = mech.createResponse({ ...creds, username: 'user', clientNonce: v.clientNonce });
      expect(String(clientFinal)).to.equal(v.clientFinal);

      mech.processSuccess(Buffer.from(v.serverFinal));
      expect(mech.finalize({})).to.deep.equal({ authenticated: true, mutuallyAuthenticated: true });
    });
  }

  it('SCRAM-SHA-1 salted password is RFC 5802 Hi("pencil", salt, 4096)', async () => {
    const salt = Buffer.from('QSXCR+Q6sek8bf92', 'base64');
    expect(hex((await saltedPassword('SCRAM-SHA-1', 'pencil', salt, 4096))!)).to.equal('1d96ee3a529b5a5f9e47c01f229a2cb8a6e15f7d');
  });

  it('leaves what it cannot do exactly to StanzaJS: non-ASCII passwords (SASLprep), unknown mechanisms, cached keys', async () => {
    const salt = Buffer.from('QSXCR+Q6sek8bf92', 'base64');
    expect(await saltedPassword('SCRAM-SHA-1', 'pässwörd', salt, 4096)).to.equal(undefined);
    expect(await saltedPassword('PLAIN', 'pencil', salt, 4096)).to.equal(undefined);
    const mech = { name: 'SCRAM-SHA-1', salt, iterationCount: 4096 };
    const nonAscii = { password: 'pässwörd' };
    expect(await withSaltedPassword(mech, nonAscii)).to.equal(nonAscii);
    const cached = { password: 'pencil', salt, clientKey: Buffer.from('k'), serverKey: Buffer.from('s') };
    expect(await withSaltedPassword(mech, cached)).to.equal(cached);
    const otherSalt = { ...cached, salt: Buffer.from('other') };
    expect(await withSaltedPassword(mech, otherSalt)).to.have.property('saltedPassword');
  });

  it('PLAIN is untouched: the credentials StanzaJS reads carry no derived key', async () => {
    const client = Stanza.createClient({ jid: 'user@example.com', password: 'pencil' });
    deriveScramWithWebCrypto(client);
    const mech = client.sasl.createMechanism(['PLAIN'])!;
    const creds = await client.getCredentials();
    expect(creds).to.not.have.property('saltedPassword');
    expect(String(mech.createResponse({ ...creds, username: 'user' }))).to.equal('\0user\0pencil');
  });
});
