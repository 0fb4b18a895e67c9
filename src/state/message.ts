import type { WireMessage } from '../protocol/types.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** One message in a room's timeline, as the views see it. All text fields are untrusted. */
export interface Message {
  /** Stable local key for rendering: our id for messages we sent, else stanza-id, else id. */
  readonly key: string;
  readonly room: string;
  readonly nick: string;
  readonly senderJid?: string;
  readonly senderName: string;
  readonly body: string;
  /** Server time (ms); local clock for live messages that carry no delay. */
  readonly time: number;
  /** The room archive's id (XEP-0359 stanza-id by the room / MAM result id). */
  readonly stanzaId?: string;
  /** XEP-0359 origin-id (or the stanza id when a peer sends none). */
  readonly originId?: string;
  readonly status: DeliveryStatus;
  readonly error?: string;
  /** Sent by this account. */
  readonly own: boolean;
}

/** Builds a timeline message from a parsed wire message. */
export function fromWire(wire: WireMessage, own: boolean, now: number): Message {
  const originId = wire.originId ?? wire.id;
  return {
    key: (own ? originId : undefined) ?? wire.stanzaId ?? originId ?? `${wire.room}#${now}#${Math.random()}`,
    room: wire.room,
    nick: wire.nick,
    senderJid: wire.senderJid,
    senderName: wire.senderName?.trim() || wire.nick || wire.room,
    body: wire.body,
    time: wire.time ?? now,
    stanzaId: wire.stanzaId,
    originId,
    status: 'sent',
    own,
  };
}
