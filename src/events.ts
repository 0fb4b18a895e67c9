/**
 * The DOM events `<ethora-chat>` dispatches for the host page. All bubble and are composed;
 * names are prefixed `ethora-`. Payloads are plain data (copies), safe to keep.
 */
import type { ConnectionState } from './state/chat-store.js';
import type { Message } from './state/message.js';

/** A message as events carry it. Text fields are untrusted: render them as text. */
export interface EventMessage {
  key: string;
  room: string;
  nick: string;
  senderName: string;
  body: string;
  time: number;
}

export interface EthoraEventDetails {
  'ethora-connection-change': ConnectionState;
  'ethora-message-received': { room: string; message: EventMessage };
  'ethora-message-sent': { room: string; message: EventMessage };
  'ethora-unread-change': { total: number };
  'ethora-room-open': { room: string };
  'ethora-error': { message: string; room?: string };
}

export type EthoraEventName = keyof EthoraEventDetails;

declare global {
  interface HTMLElementEventMap {
    'ethora-connection-change': CustomEvent<EthoraEventDetails['ethora-connection-change']>;
    'ethora-message-received': CustomEvent<EthoraEventDetails['ethora-message-received']>;
    'ethora-message-sent': CustomEvent<EthoraEventDetails['ethora-message-sent']>;
    'ethora-unread-change': CustomEvent<EthoraEventDetails['ethora-unread-change']>;
    'ethora-room-open': CustomEvent<EthoraEventDetails['ethora-room-open']>;
    'ethora-error': CustomEvent<EthoraEventDetails['ethora-error']>;
  }
}

export function eventMessage(m: Message): EventMessage {
  return { key: m.key, room: m.room, nick: m.nick, senderName: m.senderName, body: m.body, time: m.time };
}

export function dispatch<K extends EthoraEventName>(target: EventTarget, name: K, detail: EthoraEventDetails[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
