/** Events of the session as a whole, dispatched by `<ethora-chat>` (and the sign-in form). */
import type { ConnectionState } from '../state/chat-store.js';
import type { Message } from '../state/message.js';
import { EthoraEvent } from './ethora-event.js';

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
export class EthoraConnectionChangeEvent extends EthoraEvent<ConnectionState> {
  static readonly type = 'ethora-connection-change';
  constructor(detail: ConnectionState) {
    super(EthoraConnectionChangeEvent.type, detail);
  }
}

/** A new message from someone else arrived live. */
export class EthoraMessageReceivedEvent extends EthoraEvent<{ room: string; message: EventMessage }> {
  static readonly type = 'ethora-message-received';
  constructor(detail: { room: string; message: EventMessage }) {
    super(EthoraMessageReceivedEvent.type, detail);
  }
}

/** The room confirmed a message of ours. */
export class EthoraMessageSentEvent extends EthoraEvent<{ room: string; message: EventMessage }> {
  static readonly type = 'ethora-message-sent';
  constructor(detail: { room: string; message: EventMessage }) {
    super(EthoraMessageSentEvent.type, detail);
  }
}

/** The total unread count changed. */
export class EthoraUnreadChangeEvent extends EthoraEvent<{ total: number }> {
  static readonly type = 'ethora-unread-change';
  constructor(detail: { total: number }) {
    super(EthoraUnreadChangeEvent.type, detail);
  }
}

/** A room was opened (by the user or the API). */
export class EthoraRoomOpenEvent extends EthoraEvent<{ room: string }> {
  static readonly type = 'ethora-room-open';
  constructor(detail: { room: string }) {
    super(EthoraRoomOpenEvent.type, detail);
  }
}

/** Something failed that the user sees. */
export class EthoraErrorEvent extends EthoraEvent<{ message: string; room?: string }> {
  static readonly type = 'ethora-error';
  constructor(detail: { message: string; room?: string }) {
    super(EthoraErrorEvent.type, detail);
  }
}

/** The user submitted the sign-in form; never carries the password. */
export class EthoraLoginEvent extends EthoraEvent<{ jid: string; email?: string }> {
  static readonly type = 'ethora-login';
  constructor(detail: { jid: string; email?: string }) {
    super(EthoraLoginEvent.type, detail);
  }
}
