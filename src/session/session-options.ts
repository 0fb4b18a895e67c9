/** What a ChatSession is started with, and the hooks a page may set on it. */
import type { KeepAliveOptions } from '../protocol/keepalive.js';
import type { Dialect } from '../protocol/types.js';
import type { RestServices } from './ethora-account.js';

export type { KeepAliveOptions };

export interface SessionOptions {
  service: string;
  jid: string;
  password: string;
  /** Fresh password (token) for each reconnect; see ConnectionOptions.renewPassword. */
  renewPassword?: () => Promise<string>;
  /** Nick to use in rooms; default: the JID's local part. */
  nick?: string;
  /** Room JIDs to join at start (pinned in the list). */
  rooms: string[];
  maxReconnectAttempts: number;
  /** Which wire shapes to write (both are always read). Default 'standard'. */
  dialect?: Dialect;
  /** Only these rooms: the user's other rooms (subscriptions, server lists) are not listed. */
  onlyListed?: boolean;
  /** Room list and (optionally) uploads from a REST API: the Ethora sign-in. */
  rest?: RestServices;
  /** Dead-link detection in seconds (protocol/keepalive.ts). */
  keepAlive?: Partial<KeepAliveOptions>;
  /** Keep unconfirmed messages in IndexedDB across reloads (default true; false also erases them). */
  persistOutbox?: boolean;
  /** Keep the history cache on this device (default true; false also erases it). */
  cache?: boolean;
}

/**
 * Transforms or vetoes outgoing text (the `messageFilter` property): return the text to send,
 * or null/'' to send nothing.
 */
export type MessageFilter = (text: string, room: string) => string | null | undefined;

/** Whether start() failed because the server refused the credentials (show the sign-in form again). */
export function refusedCredentials(err: unknown): boolean {
  return (err as { condition?: string } | undefined)?.condition === 'not-authorized';
}
