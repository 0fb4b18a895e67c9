/**
 * StanzaJS's browser platform (stanza/platform/browser/index.js), made of our small modules:
 * the Buffer subset and the two stream classes StanzaJS uses, with the browser's WebSocket,
 * fetch and random numbers (no hashes: SCRAM hashes with WebCrypto, src/platform/sasl.ts).
 * The shipped script and the tests' StanzaJS use it instead of StanzaJS's own (build/stanza-build.mjs).
 */
import { Buffer } from './buffer';

export { Buffer } from './buffer';
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
