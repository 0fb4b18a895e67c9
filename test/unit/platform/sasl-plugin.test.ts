import { expect } from '@open-wc/testing';
import * as Stanza from 'stanza';

const { Buffer } = Stanza.Platform;

/** RFC 5802 §5's exchange: user "user", password "pencil". */
const NONCE = 'fyko+d2lbbFgONRv9qkxdawL';
const SERVER_FIRST = `r=${NONCE}3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096`;
const CLIENT_FINAL = `c=biws,r=${NONCE}3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=`;
const SERVER_FINAL = 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=';

interface Sent {
  type: string;
  mechanism?: string;
  value?: string;
}

/**
 * StanzaJS's sasl plugin as the script has it (build/stanza-edits.mjs PATCHES) with our
 * mechanisms, driven the way the stream does: the server's features, then its SASL elements.
 */
async function signIn(offered: string[]) {
  const client = Stanza.createClient({ jid: 'user@example.com', password: 'pencil' });
  client.config.credentials = { ...client.config.credentials, clientNonce: NONCE };
  const sent: Sent[] = [];
  const send = (kind: string, data: { type: string; mechanism?: string; value?: string | Uint8Array }) => {
    if (kind === 'sasl') sent.push({ ...data, value: data.value === undefined ? undefined : String(Buffer.from(data.value)) });
  };
  (client as unknown as { send: typeof send }).send = send;
  const events: string[] = [];
  client.on('auth:success', () => events.push('auth:success'));
  client.on('auth:failed', () => events.push('auth:failed'));
  const ended = new Promise<string>((resolve) => {
    const handlers = (client as unknown as { features: { handlers: Record<string, (f: unknown, done: (cmd: string) => void) => void> } }).features.handlers;
    handlers.sasl({ sasl: { mechanisms: offered } }, resolve);
  });
  const server = async (type: string, value?: string) => {
    const before = sent.length;
    client.emit('sasl', { type, value: value === undefined ? undefined : Buffer.from(value) } as never);
    // The plugin answers a challenge asynchronously (credentials, WebCrypto).
    for (let i = 0; i < 200 && type === 'challenge' && sent.length === before; i++) await new Promise((r) => setTimeout(r, 5));
  };
  while (!sent.length) await new Promise((r) => setTimeout(r, 1));
  return { sent, events, ended, server };
}

describe("StanzaJS's sasl plugin with our mechanisms", () => {
  it('signs in with SCRAM when the server proves it knows the password', async () => {
    const { sent, events, ended, server } = await signIn(['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS']);
    expect(sent[0]).to.deep.equal({ type: 'auth', mechanism: 'SCRAM-SHA-1', value: `n,,n=user,r=${NONCE}` });
    await server('challenge', SERVER_FIRST);
    expect(sent[1]).to.deep.equal({ type: 'response', value: CLIENT_FINAL });
    await server('success', SERVER_FINAL);
    expect(await ended).to.equal('restart');
    expect(events).to.deep.equal(['auth:success']);
  });

  it('does not sign in when the server sends success with a wrong signature, or none', async () => {
    for (const final of ['v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=', undefined]) {
      const { sent, events, ended, server } = await signIn(['SCRAM-SHA-1']);
      await server('challenge', SERVER_FIRST);
      expect(sent[1].value).to.equal(CLIENT_FINAL);
      await server('success', final);
      expect(await ended).to.equal('disconnect');
      expect(events).to.deep.equal(['auth:failed']);
    }
  });

  it('aborts on a hostile challenge, and a success after it does not sign in', async () => {
    const { sent, events, ended, server } = await signIn(['SCRAM-SHA-256']);
    await server('challenge', `r=${NONCE}x,s=QSXCR+Q6sek8bf92,i=4000000000`);
    expect(sent[1]).to.deep.equal({ type: 'abort', value: undefined });
    await server('success');
    expect(await ended).to.equal('disconnect');
    expect(events).to.deep.equal(['auth:failed']);
  });

  it('signs in with PLAIN, and a guest with ANONYMOUS', async () => {
    const plain = await signIn(['PLAIN']);
    expect(plain.sent[0]).to.deep.equal({ type: 'auth', mechanism: 'PLAIN', value: '\0user\0pencil' });
    await plain.server('success');
    expect(await plain.ended).to.equal('restart');
    const guest = await signIn(['ANONYMOUS']);
    expect(guest.sent[0]).to.deep.equal({ type: 'auth', mechanism: 'ANONYMOUS', value: '' });
  });
});
