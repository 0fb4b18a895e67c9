/**
 * StanzaJS's browser platform (stanza/platform/browser/index.js), made of our small modules:
 * the Buffer subset, SHA-1/SHA-256 hashing and the two stream classes StanzaJS uses, with the
 * browser's WebSocket, fetch and random numbers. The shipped script and the tests' StanzaJS use
 * it instead of StanzaJS's own (build/stanza-build.mjs).
 */
import { Buffer } from './buffer';

export { Buffer } from './buffer';
export { Hash, Hmac, createHash, createHmac } from './hashes';
export { Duplex, Transform, Readable, Writable, PassThrough } from './stream';

export const name = 'browser';

export function randomBytes(size: number): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(size)));
}

/** No DNS in a browser (StanzaJS asks only for BOSH/host-meta discovery, not built in). */
export function createResolver(): undefined {
  return undefined;
}

export const fetch = globalThis.fetch.bind(globalThis);
export const WebSocket = globalThis.WebSocket;
export const RTCPeerConnection = (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection;
