/**
 * What the session's collaborators (room entry, history, sending, social, read marks) share:
 * the store, the connection and the way to tell the element. A leaf of the session folder.
 */
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import type { ChatStore } from '../state/chat-store.js';
import type { Message } from '../state/message.js';

/** What a session tells its element, for the page's DOM events. */
export type SessionEvent =
  | { kind: 'message-received'; room: string; message: Message }
  | { kind: 'message-sent'; room: string; message: Message }
  | { kind: 'error'; room?: string; message: string };

/** The device's history cache as the session sees it (src/cache/cache-sync.ts). */
export interface HistoryCachePort {
  /** Up to `max` older messages of a room kept on this device, before the oldest loaded; none: ask the archive. */
  older(room: string, max: number): Promise<Message[]>;
  /** The span of a room shown from the cache and not yet checked against the archive (asked once). */
  unchecked(room: string): { start: number; max: number } | undefined;
}

export interface Link {
  readonly store: ChatStore;
  /** The history cache of this session (undefined with `cache="off"` or before start). */
  cache(): HistoryCachePort | undefined;
  /** The connection of this session, started or not (undefined after stop()). */
  conn(): XmppConnection | undefined;
  /** The connection while its XMPP session is up (online, started or resumed), else undefined. */
  online(): XmppConnection | undefined;
  /** Our default nick in rooms. */
  nick(): string;
  emit(e: SessionEvent): void;
}

/** The sentence for an action tried while offline. */
export const OFFLINE = /* i18n */ 'You are offline: try again when connected';

/** The connection while online, or a human error to show. */
export function onlineOrThrow(link: Link): XmppConnection {
  const conn = link.online();
  if (!conn) throw new Error(OFFLINE);
  return conn;
}
