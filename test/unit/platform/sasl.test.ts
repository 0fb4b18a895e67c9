import { expect } from '@open-wc/testing';
import { Factory, MAX_ITERATIONS, Scram, Simple } from '../../../src/platform/sasl.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256): user "user", password "pencil". */
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

/** A SCRAM exchange up to our client-final-message, the server's first message being `serverFirst`. */
async function answer(mechanism: string, serverFirst: string, password = 'pencil', clientNonce = 'fyko+d2lbbFgONRv9qkxdawL') {
  const mech = new Scram(mechanism);
  const credentials = { username: 'user', password, clientNonce };
  void mech.createResponse(credentials); // the client-first-message
  mech.processChallenge(bytes(serverFirst));
  return { mech, final: await mech.createResponse(credentials) };
}

/** The error a hostile server-first-message ends the exchange with. */
async function refusal(serverFirst: string): Promise<string> {
  return answer('SCRAM-SHA-1', serverFirst).then(
    () => 'answered',
    (e: Error) => e.message,
  );
}

describe('SASL of ours (src/platform/sasl.ts)', () => {
  for (const v of VECTORS) {
    it(`${v.mechanism}: the RFC's messages, and signed in only with the server's signature`, async () => {
      const mech = new Scram(v.mechanism);
      const credentials = { username: 'user', password: 'pencil', clientNonce: v.clientNonce };
      expect(mech.createResponse(credentials)).to.equal(`n,,n=user,r=${v.clientNonce}`);
      mech.processChallenge(bytes(v.serverFirst));
      expect(await mech.createResponse(credentials)).to.equal(v.clientFinal);
      expect(mech.finalize()).to.deep.equal({ authenticated: false, mutuallyAuthenticated: false });
      mech.processSuccess(bytes(v.serverFinal));
      expect(mech.finalize()).to.deep.equal({ authenticated: true, mutuallyAuthenticated: true });
      expect(mech.getCacheableCredentials()).to.equal(null);
    });
  }

  it('refuses a success without the server signature, or with another one', async () => {
    const [v] = VECTORS;
    const { mech } = await answer(v.mechanism, v.serverFirst);
    mech.processSuccess(undefined);
    expect(mech.finalize().authenticated).to.equal(false);
    mech.processSuccess(bytes('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA='));
    expect(mech.finalize().authenticated).to.equal(false);
    mech.processSuccess(bytes('e=other-error'));
    expect(mech.finalize().authenticated).to.equal(false);
    // A signature offered before our proof was sent proves nothing.
    const early = new Scram('SCRAM-SHA-1');
    early.processSuccess(bytes(v.serverFinal));
    expect(early.finalize().authenticated).to.equal(false);
  });

  it('answers a server-final-message sent as a challenge with an empty response (RFC 6120 §6.3.10)', async () => {
    const [v] = VECTORS;
    const { mech } = await answer(v.mechanism, v.serverFirst);
    mech.processChallenge(bytes(v.serverFinal));
    expect(await mech.createResponse({ username: 'user', password: 'pencil' })).to.equal('');
    mech.processSuccess(new Uint8Array());
    expect(mech.finalize().authenticated).to.equal(true);
  });

  it('prepares the password with SASLprep and escapes the user name', async () => {
    const [v] = VECTORS;
    // U+00AD (soft hyphen) is mapped to nothing: the RFC's proof for "pencil".
    expect((await answer(v.mechanism, v.serverFirst, 'pen\u00ADcil')).final).to.equal(v.clientFinal);
    expect((await answer(v.mechanism, v.serverFirst, 'pencil!')).final).to.not.equal(v.clientFinal);
    expect(new Scram('SCRAM-SHA-1').createResponse({ username: 'a,b=c', clientNonce: 'n' })).to.equal('n,,n=a=2Cb=3Dc,r=n');
  });

  it('makes a fresh random nonce per exchange', () => {
    const first = (new Scram('SCRAM-SHA-256').createResponse({ username: 'u' }) as string).split(',r=')[1];
    const second = (new Scram('SCRAM-SHA-256').createResponse({ username: 'u' }) as string).split(',r=')[1];
    expect(first).to.match(/^[A-Za-z0-9+/]{24}$/);
    expect(second).to.not.equal(first);
  });

  it('ends the exchange with a clear error on a hostile or broken challenge, computing nothing', async () => {
    const ours = 'fyko+d2lbbFgONRv9qkxdawL';
    expect(await refusal(`r=someoneelse${ours},s=QSXCR+Q6sek8bf92,i=4096`)).to.equal('SCRAM: the server nonce does not extend ours');
    expect(await refusal(`r=${ours},s=QSXCR+Q6sek8bf92,i=4096`)).to.equal('SCRAM: the server nonce does not extend ours');
    expect(await refusal(`r=${ours}x,s=QSXCR+Q6sek8bf92,i=0`)).to.equal('SCRAM: iteration count 0 out of range');
    expect(await refusal(`r=${ours}x,s=QSXCR+Q6sek8bf92,i=${MAX_ITERATIONS + 1}`)).to.equal(`SCRAM: iteration count ${MAX_ITERATIONS + 1} out of range`);
    expect(await refusal(`r=${ours}x,s=QSXCR+Q6sek8bf92,i=4294967296`)).to.equal('SCRAM: iteration count 4294967296 out of range');
    expect(await refusal(`r=${ours}x,s=QSXCR+Q6sek8bf92,i=99999999999999999999`)).to.equal('SCRAM: malformed server challenge');
    expect(await refusal(`r=${ours}x,s=QSXCR+Q6sek8bf92,i=-1`)).to.equal('SCRAM: malformed server challenge');
    expect(await refusal(`m=ext,r=${ours}x,s=QSXCR+Q6sek8bf92,i=4096`)).to.equal('SCRAM: malformed server challenge');
    expect(await refusal(`r=${ours}x,i=4096`)).to.equal('SCRAM: malformed server challenge');
    expect(await refusal(`r=${ours}x,s=QSXCR=+Q6sek8bf92,i=4096`)).to.equal('SCRAM: malformed server challenge');
    expect(await refusal(`r=${ours}x,s=QSXCR,i=4096`)).to.equal('SCRAM: the salt is not base64');
    expect(await refusal('')).to.equal('SCRAM: malformed server challenge');
    expect(await refusal('\u0000\uffff<script>')).to.equal('SCRAM: malformed server challenge');
    // No challenge at all (an empty <challenge/>): processChallenge never throws.
    const mech = new Scram('SCRAM-SHA-1');
    void mech.createResponse({ username: 'user', clientNonce: ours });
    expect(() => mech.processChallenge(undefined)).to.not.throw();
    const error = await Promise.resolve(mech.createResponse({ password: 'pencil' })).catch((e: Error) => e.message);
    expect(error).to.equal('SCRAM: malformed server challenge');
    expect(mech.finalize().authenticated).to.equal(false);
  });

  it('picks the preferred mechanism the server offers, in StanzaJS order, never a -PLUS one', () => {
    const pick = (...names: string[]) => new Factory().createMechanism(names)?.name ?? null;
    expect(pick('PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'X-OAUTH2', 'ANONYMOUS')).to.equal('SCRAM-SHA-256');
    expect(pick('SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'scram-sha-1', 'PLAIN')).to.equal('SCRAM-SHA-1');
    expect(pick('PLAIN', 'X-OAUTH2')).to.equal('X-OAUTH2');
    expect(pick('SCRAM-SHA-512', 'DIGEST-MD5', 'PLAIN')).to.equal('PLAIN');
    expect(pick('ANONYMOUS')).to.equal('ANONYMOUS');
    expect(pick('DIGEST-MD5', 'EXTERNAL', 'OAUTHBEARER', 'SCRAM-SHA-256-PLUS')).to.equal(null);
    expect(new Factory().createMechanism(['SCRAM-SHA-1'])).to.be.instanceOf(Scram);
  });

  it('PLAIN and X-OAUTH2 send user and password, ANONYMOUS nothing; a success signs in', () => {
    expect(new Simple('PLAIN').createResponse({ username: 'user', password: 'pencil' })).to.equal('\0user\0pencil');
    expect(new Simple('X-OAUTH2').createResponse({ username: 'user', password: 'token' })).to.equal('\0user\0token');
    const anonymous = new Simple('ANONYMOUS');
    expect(anonymous.createResponse({ username: 'user', password: 'pencil' })).to.equal('');
    expect(anonymous.finalize().authenticated).to.equal(false);
    anonymous.processSuccess();
    expect(anonymous.finalize()).to.deep.equal({ authenticated: true, mutuallyAuthenticated: false });
    expect(anonymous.getCacheableCredentials()).to.equal(null);
  });
});
