/**
 * SHA-1 and SHA-256, and HMAC over them: what StanzaJS hashes with in the widget (SCRAM-SHA-1
 * and SCRAM-SHA-256 in SASL, XEP-0115 entity caps). Replaces StanzaJS's stream-based hash
 * classes, MD5 and SHA-512 in the shipped script (build/stanza-build.mjs); DIGEST-MD5 is not
 * offered (the build drops it from StanzaJS's SASL list), so an unknown name throws.
 */
import { Buffer } from './buffer';

type Digest = (message: Uint8Array) => Uint8Array;

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** The message padded to 64-byte blocks with its bit length, as big-endian 32-bit words. */
function words(message: Uint8Array): Uint32Array {
  const length = (((message.length + 8) >> 6) + 1) << 4;
  const w = new Uint32Array(length);
  for (let i = 0; i < message.length; i++) w[i >> 2] |= message[i] << (24 - (i % 4) * 8);
  w[message.length >> 2] |= 0x80 << (24 - (message.length % 4) * 8);
  w[length - 2] = Math.floor(message.length / 0x20000000);
  w[length - 1] = message.length * 8;
  return w;
}

function bytes(state: Uint32Array): Buffer {
  const out = Buffer.alloc(state.length * 4);
  const view = new DataView(out.buffer);
  state.forEach((word, i) => view.setUint32(i * 4, word));
  return out;
}

export const sha1: Digest = (message) => {
  const w = words(message);
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const x = new Uint32Array(80);
  for (let block = 0; block < w.length; block += 16) {
    for (let t = 0; t < 80; t++) x[t] = t < 16 ? w[block + t] : rotl(x[t - 3] ^ x[t - 8] ^ x[t - 14] ^ x[t - 16], 1);
    let [a, b, c, d, e] = h;
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 || t >= 60 ? b ^ c ^ d : (b & c) | (b & d) | (c & d);
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const next = (rotl(a, 5) + f + e + k + x[t]) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = next;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  return bytes(h);
};

const K256 = new Uint32Array(64);
{
  // The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
  let found = 0;
  for (let n = 2; found < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (prime) K256[found++] = ((Math.cbrt(n) % 1) * 0x100000000) | 0;
  }
}
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

export const sha256: Digest = (message) => {
  const w = words(message);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const x = new Uint32Array(64);
  for (let block = 0; block < w.length; block += 16) {
    for (let t = 0; t < 64; t++) {
      if (t < 16) x[t] = w[block + t];
      else {
        const s0 = rotr(x[t - 15], 7) ^ rotr(x[t - 15], 18) ^ (x[t - 15] >>> 3);
        const s1 = rotr(x[t - 2], 17) ^ rotr(x[t - 2], 19) ^ (x[t - 2] >>> 10);
        x[t] = x[t - 16] + s0 + x[t - 7] + s1;
      }
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + x[t]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h.set([h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + hh]);
  }
  return bytes(h);
};

const DIGESTS: Record<string, Digest> = { 'sha-1': sha1, sha1, 'sha-256': sha256, sha256 };

function digestFor(name: string): Digest {
  const digest = DIGESTS[name.toLowerCase()];
  if (!digest) throw new Error(`Unsupported hash algorithm: ${name}`);
  return digest;
}

/** Node's Hash interface as StanzaJS calls it: update(...).update(...).digest(encoding?). */
export class Hash {
  protected parts: Uint8Array[] = [];
  constructor(protected digestFn: Digest) {}

  update(data: string | Uint8Array, encoding?: string): this {
    this.parts.push(typeof data === 'string' ? Buffer.from(data, encoding) : data);
    return this;
  }

  digest(encoding?: string): Buffer | string {
    const hash = Buffer.from(this.result());
    return encoding ? hash.toString(encoding) : hash;
  }

  protected result(): Uint8Array {
    return this.digestFn(Buffer.concat(this.parts));
  }
}

/** RFC 2104 HMAC (64-byte blocks, SHA-1 and SHA-256). */
export class Hmac extends Hash {
  private key: Uint8Array;
  constructor(name: string, key: string | Uint8Array) {
    super(digestFor(name));
    let k: Uint8Array = typeof key === 'string' ? Buffer.from(key) : key;
    if (k.length > 64) k = this.digestFn(k);
    this.key = Buffer.concat([k], 64);
  }

  protected override result(): Uint8Array {
    const pad = (byte: number): Buffer => Buffer.from(this.key.map((b) => b ^ byte));
    const inner = this.digestFn(Buffer.concat([pad(0x36), ...this.parts]));
    return this.digestFn(Buffer.concat([pad(0x5c), inner]));
  }
}

export const createHash = (name: string): Hash => new Hash(digestFor(name));
export const createHmac = (name: string, key: string | Uint8Array): Hmac => new Hmac(name, key);
