/**
 * SCRAM's salted password (RFC 5802 Hi(): PBKDF2, 4,096 iterations on ejabberd and Prosody)
 * computed by the browser's WebCrypto instead of StanzaJS's JavaScript SHA-1: about 5 ms instead
 * of ~100 ms of a cold start's main thread (plus the garbage). StanzaJS's SCRAM is synchronous,
 * but it asks for the credentials after reading the server's challenge and takes a cached
 * `saltedPassword` for the same salt; this gives it one. Where WebCrypto is missing (a page
 * that is not a secure context) or the password is not plain ASCII (SASLprep would change it),
 * nothing is added and StanzaJS computes it as before. The password is only read, never kept.
 */
import type { Agent, SASL } from 'stanza';

/** The parts of StanzaJS's SCRAM mechanism read here, once it has processed the challenge. */
interface ScramState {
  name: string;
  salt?: Uint8Array;
  iterationCount?: number;
}

/** WebCrypto's PBKDF2 hash and output length for each SCRAM mechanism. */
const HASHES: Record<string, { hash: string; bits: number }> = {
  'SCRAM-SHA-1': { hash: 'SHA-1', bits: 160 },
  'SCRAM-SHA-256': { hash: 'SHA-256', bits: 256 },
  'SCRAM-SHA-512': { hash: 'SHA-512', bits: 512 },
};

/** Printable ASCII and space: SASLprep (RFC 4013) leaves such a password as it is. */
const SASLPREP_IDENTITY = /^[\x20-\x7e]*$/;

/** RFC 5802 Hi(password, salt, i) with WebCrypto; undefined where it cannot be done exactly. */
export async function saltedPassword(mechanism: string, password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array | undefined> {
  const spec = HASHES[mechanism.toUpperCase()];
  const subtle = globalThis.crypto?.subtle;
  if (!spec || !subtle || !SASLPREP_IDENTITY.test(password) || !(iterations > 0)) return undefined;
  const key = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: spec.hash, salt: new Uint8Array(salt), iterations }, key, spec.bits);
  return new Uint8Array(bits);
}

/**
 * The credentials for answering a SCRAM challenge, with the salted password derived by WebCrypto
 * when StanzaJS has none cached for this salt; the same credentials otherwise.
 */
export async function withSaltedPassword(mech: ScramState | undefined, creds: SASL.CacheableCredentials): Promise<SASL.CacheableCredentials> {
  const { salt, iterationCount } = mech ?? {};
  if (!mech || !salt?.length || !iterationCount || !creds.password) return creds;
  if (creds.salt && sameBytes(creds.salt, salt) && (creds.saltedPassword || (creds.clientKey && creds.serverKey))) return creds;
  const derived = await saltedPassword(mech.name, creds.password, salt, iterationCount).catch(() => undefined);
  if (!derived) return creds;
  // StanzaJS's Buffer type: it copies both with Buffer.from and compares the salt with Buffer.compare.
  return { ...creds, salt: salt as SASL.CacheableCredentials['salt'], saltedPassword: derived as SASL.CacheableCredentials['saltedPassword'] };
}

/**
 * Makes the client's SCRAM use WebCrypto: remembers the mechanism StanzaJS picks for each
 * sign-in, and adds the salted password to the credentials it reads for the challenge.
 * Install after anything else that replaces client.getCredentials.
 */
export function deriveScramWithWebCrypto(client: Agent): void {
  let mech: ScramState | undefined;
  const create = client.sasl.createMechanism.bind(client.sasl);
  client.sasl.createMechanism = (names: string[]) => {
    const created = create(names);
    mech = created && created.name.toUpperCase() in HASHES ? created : undefined;
    return created;
  };
  const read = client.getCredentials.bind(client);
  client.getCredentials = async () => {
    const creds = await read();
    return creds && withSaltedPassword(mech, creds);
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
