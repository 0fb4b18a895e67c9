/**
 * StanzaJS's SASL library (stanza/lib/sasl) as the widget signs in, replacing it in the shipped
 * script (build/stanza-edits.mjs, SHIMS): SCRAM-SHA-256 and SCRAM-SHA-1 (RFC 5802, RFC 7677)
 * computed with WebCrypto, X-OAUTH2 and PLAIN (the password, which may be a token), and
 * ANONYMOUS (the guest host). StanzaJS's sasl plugin asks the factory for a mechanism among
 * those the server offers, feeds it the server's challenges and success, and sends what
 * `createResponse` returns (awaited: PATCHES). Nothing is cached or emitted: a reconnect derives
 * the keys again (a few ms). WebCrypto needs a secure context, as the widget does already
 * (crypto.randomUUID, src/session/ids.ts). No channel binding (-PLUS): a browser has no TLS data.
 */
import { saslprep } from './stringprep';

/** What the mechanisms read of StanzaJS's credentials (`clientNonce`: fixed by tests). */
export interface Credentials {
  username?: string;
  password?: string;
  clientNonce?: string;
}

export interface Mechanism {
  readonly name: string;
  createResponse(credentials: Credentials): string | Promise<string>;
  processChallenge(challenge?: Uint8Array): void;
  processSuccess(data?: Uint8Array): void;
  getCacheableCredentials(): null;
  finalize(): { authenticated: boolean; mutuallyAuthenticated: boolean };
}

/** Most preferred first: StanzaJS's order, less what the widget never signs in with. */
const PREFERENCE = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'X-OAUTH2', 'PLAIN', 'ANONYMOUS'];

/**
 * More PBKDF2 rounds than a server would ask (ejabberd 4,096, Prosody 10,000) is refused: a
 * hostile server cannot make the sign-in compute for seconds.
 */
export const MAX_ITERATIONS = 1_000_000;

export class Factory {
  /** The mechanism preferred among `names` (the server's offer), or null when none fits. */
  createMechanism(names: string[]): Mechanism | null {
    const offered = names.map((name) => name.toUpperCase());
    const name = PREFERENCE.find((known) => offered.includes(known));
    return !name ? null : name.startsWith('SCRAM-') ? new Scram(name) : new Simple(name);
  }
}

/** PLAIN and X-OAUTH2 (RFC 4616: no authorization identity), and ANONYMOUS (RFC 4505: no trace). */
export class Simple implements Mechanism {
  private authenticated = false;
  constructor(readonly name: string) {}

  createResponse({ username, password }: Credentials): string {
    return this.name === 'ANONYMOUS' ? '' : `\0${username ?? ''}\0${password ?? ''}`;
  }

  processChallenge(): void {}

  processSuccess(): void {
    this.authenticated = true;
  }

  getCacheableCredentials(): null {
    return null;
  }

  finalize(): { authenticated: boolean; mutuallyAuthenticated: boolean } {
    return { authenticated: this.authenticated, mutuallyAuthenticated: false };
  }
}

/**
 * RFC 5802's server-first-message, strictly: nonce, base64 salt and iteration count, in this
 * order (a leading `m=`, a mandatory extension, does not match and fails the exchange).
 */
const SERVER_FIRST = /^r=([\x21-\x2b\x2d-\x7e]+),s=([A-Za-z0-9+/]+={0,2}),i=(\d{1,10})(?:,|$)/;
/** The gs2 header: no channel binding, no authorization identity. */
const GS2_HEADER = 'n,,';

/** Bytes WebCrypto takes (not a shared buffer). */
type Bytes = Uint8Array<ArrayBuffer>;

const utf8 = new TextEncoder();
const text = (data?: Uint8Array): string => new TextDecoder().decode(data);
const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
/** SCRAM's `saslname`: ',' and '=' escaped. */
const saslname = (name: string): string => name.replaceAll('=', '=3D').replaceAll(',', '=2C');

export class Scram implements Mechanism {
  private readonly hash: string;
  private clientFirstBare?: string;
  private clientNonce = '';
  private serverFirst?: string;
  private serverFinal?: string;
  /** The signature the server must send (base64), once our proof is computed. */
  private expected?: string;

  constructor(readonly name: string) {
    this.hash = name === 'SCRAM-SHA-1' ? 'SHA-1' : 'SHA-256';
  }

  createResponse(credentials: Credentials): string | Promise<string> {
    if (this.clientFirstBare === undefined) {
      this.clientNonce = credentials.clientNonce ?? toBase64(crypto.getRandomValues(new Uint8Array(18)));
      this.clientFirstBare = `n=${saslname(saslprep(credentials.username))},r=${this.clientNonce}`;
      return GS2_HEADER + this.clientFirstBare;
    }
    // The server-final-message may come as a challenge (RFC 6120 §6.3.10): an empty answer.
    if (this.expected) return '';
    return this.clientFinal(this.clientFirstBare, credentials.password);
  }

  /** Never throws (StanzaJS calls it outside its try): the checks run in createResponse. */
  processChallenge(challenge?: Uint8Array): void {
    if (this.expected) this.serverFinal = text(challenge);
    else this.serverFirst = text(challenge);
  }

  processSuccess(data?: Uint8Array): void {
    if (data?.length) this.serverFinal = text(data);
  }

  getCacheableCredentials(): null {
    return null;
  }

  /** Signed in only if the server proved it knows the password: its signature (`v=`) is ours. */
  finalize(): { authenticated: boolean; mutuallyAuthenticated: boolean } {
    const ok = this.expected !== undefined && /^v=([^,]*)/.exec(this.serverFinal ?? '')?.[1] === this.expected;
    return { authenticated: ok, mutuallyAuthenticated: ok };
  }

  private async clientFinal(clientFirstBare: string, password?: string): Promise<string> {
    const [, nonce, salt, count] = SERVER_FIRST.exec(this.serverFirst ?? '') ?? [];
    if (!nonce) throw new Error('SCRAM: malformed server challenge');
    if (!nonce.startsWith(this.clientNonce) || nonce.length === this.clientNonce.length) throw new Error('SCRAM: the server nonce does not extend ours');
    const iterations = Number(count);
    if (!(iterations >= 1 && iterations <= MAX_ITERATIONS)) throw new Error(`SCRAM: iteration count ${count} out of range`);
    const withoutProof = `c=${btoa(GS2_HEADER)},r=${nonce}`;
    const authMessage = utf8.encode(`${clientFirstBare},${this.serverFirst},${withoutProof}`);
    const salted = await this.pbkdf2(saslprep(password), base64Bytes(salt), iterations);
    const clientKey = await this.hmac(salted, utf8.encode('Client Key'));
    const storedKey = new Uint8Array(await crypto.subtle.digest(this.hash, clientKey));
    const signature = await this.hmac(storedKey, authMessage);
    const serverKey = await this.hmac(salted, utf8.encode('Server Key'));
    this.expected = toBase64(await this.hmac(serverKey, authMessage));
    return `${withoutProof},p=${toBase64(clientKey.map((byte, i) => byte ^ signature[i]))}`;
  }

  /** RFC 5802 Hi(): PBKDF2 with HMAC of the mechanism's hash. */
  private async pbkdf2(password: string, salt: Bytes, iterations: number): Promise<Bytes> {
    const key = await crypto.subtle.importKey('raw', utf8.encode(password), 'PBKDF2', false, ['deriveBits']);
    const bits = this.hash === 'SHA-1' ? 160 : 256;
    return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: this.hash, salt, iterations }, key, bits));
  }

  private async hmac(keyBytes: Bytes, message: Bytes): Promise<Bytes> {
    const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: this.hash }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  }
}

function base64Bytes(base64: string): Bytes {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new Error('SCRAM: the salt is not base64');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
