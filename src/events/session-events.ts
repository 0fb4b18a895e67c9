/** Events of the session as a whole, dispatched by `<ethora-chat>` (and the sign-in form). */
import type { ConnectionState } from '../state/chat-store.js';
import type { Message } from '../state/message.js';
import { eventClass } from './ethora-event.js';

/** A message as events carry it. Text fields are untrusted: render them as text. */
export interface EventMessage {
  key: string;
  room: string;
  nick: string;
  senderName: string;
  body: string;
  time: number;
}

export function eventMessage(m: Message): EventMessage {
  return { key: m.key, room: m.room, nick: m.nick, senderName: m.senderName, body: m.body, time: m.time };
}

/** The connection state changed. */
export const EthoraConnectionChangeEvent = eventClass<ConnectionState>('ethora-connection-change');
export type EthoraConnectionChangeEvent = InstanceType<typeof EthoraConnectionChangeEvent>;

/** A new message from someone else arrived live. */
export const EthoraMessageReceivedEvent = eventClass<{ room: string; message: EventMessage }>('ethora-message-received');
export type EthoraMessageReceivedEvent = InstanceType<typeof EthoraMessageReceivedEvent>;

/** The room confirmed a message of ours. */
export const EthoraMessageSentEvent = eventClass<{ room: string; message: EventMessage }>('ethora-message-sent');
export type EthoraMessageSentEvent = InstanceType<typeof EthoraMessageSentEvent>;

/** The total unread count changed. */
export const EthoraUnreadChangeEvent = eventClass<{ total: number }>('ethora-unread-change');
export type EthoraUnreadChangeEvent = InstanceType<typeof EthoraUnreadChangeEvent>;

/** A room was opened (by the user or the API). */
export const EthoraRoomOpenEvent = eventClass<{ room: string }>('ethora-room-open');
export type EthoraRoomOpenEvent = InstanceType<typeof EthoraRoomOpenEvent>;

/** Something failed that the user sees. */
export const EthoraErrorEvent = eventClass<{ message: string; room?: string }>('ethora-error');
export type EthoraErrorEvent = InstanceType<typeof EthoraErrorEvent>;

/** The user submitted the sign-in form; never carries the password. */
export const EthoraLoginEvent = eventClass<{ jid: string; email?: string }>('ethora-login');
export type EthoraLoginEvent = InstanceType<typeof EthoraLoginEvent>;
