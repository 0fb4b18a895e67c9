/**
 * The part of Node's Buffer StanzaJS calls (SASL, base64 text fields, entity caps, uuids):
 * a Uint8Array with from / concat / compare and toString('utf8' | 'base64' | 'hex').
 * Replaces the 64 KB buffer package in the shipped script (build/stanza-build.mjs). Decoding
 * is lenient like Node's: a hostile base64 or hex text never throws, it decodes what it can.
 */
/** 'utf8' (the default), 'base64' or 'hex'. */
type Encoding = string;
type Source = string | ArrayLike<number> | Iterable<number> | ArrayBuffer | { data: number[] };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fromBase64(text: string): Uint8Array {
  let clean = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/[^A-Za-z0-9+/]/g, '');
  if (clean.length % 4 === 1) clean = clean.slice(0, -1);
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function fromHex(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < text.length; i += 2) {
    const byte = parseInt(text.slice(i, i + 2), 16);
    if (!/^[0-9a-f]{2}$/i.test(text.slice(i, i + 2))) break;
    bytes.push(byte);
  }
  return bytes;
}

export class Buffer extends Uint8Array {
  // Node's signature, not Uint8Array.from's (its second argument is a map function).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static override from(source: Source, encoding: any = 'utf8'): Buffer {
    if (typeof source === 'string') {
      if (encoding === 'base64') return new Buffer(fromBase64(source));
      if (encoding === 'hex') return new Buffer(fromHex(source));
      return new Buffer(encoder.encode(source));
    }
    if (source instanceof ArrayBuffer) return new Buffer(new Uint8Array(source));
    // A Buffer serialised by JSON.stringify: { type: 'Buffer', data: [...] } (StanzaJS's reviveData).
    if ('data' in source && Array.isArray(source.data)) return new Buffer(source.data);
    return new Buffer(source as ArrayLike<number>);
  }

  static concat(list: readonly Uint8Array[], totalLength?: number): Buffer {
    const result = new Buffer(totalLength ?? list.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of list) {
      if (offset >= result.length) break;
      result.set(part.subarray(0, result.length - offset), offset);
      offset += part.length;
    }
    return result;
  }

  /** Byte order, as Node: -1, 0 or 1. */
  static compare(a: Uint8Array, b: Uint8Array): number {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  compare(other: Uint8Array): number {
    return Buffer.compare(this, other);
  }

  equals(other: Uint8Array): boolean {
    return Buffer.compare(this, other) === 0;
  }

  override toString(encoding: Encoding = 'utf8'): string {
    if (encoding === 'hex') return Array.from(this, (byte) => byte.toString(16).padStart(2, '0')).join('');
    if (encoding === 'base64') {
      let binary = '';
      for (let i = 0; i < this.length; i += 0x8000) binary += String.fromCharCode(...this.subarray(i, i + 0x8000));
      return btoa(binary);
    }
    return decoder.decode(this);
  }

  toJSON(): { type: 'Buffer'; data: number[] } {
    return { type: 'Buffer', data: Array.from(this) };
  }
}
