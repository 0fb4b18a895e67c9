/** Events of the composer and the messages. */
import { eventClass } from './ethora-event.js';

/** What the user did to a message (menu or reaction chip). */
export type MessageAction = 'react' | 'reply' | 'edit' | 'delete' | 'moderate' | 'block';

/** A message the user sends: new (a reply when `replyTo`), or the new text of one of theirs (`edit`). */
export interface SendDetail {
  /** The room's JID ('' from a composer outside a room). */
  room: string;
  text: string;
  /** The key of the message this one replies to. */
  replyTo?: string;
  /** The key of the message of ours this text replaces. */
  edit?: string;
}

/**
 * The user sends a message (from `<ethora-composer>`, or `sendMessage()`). Cancelable:
 * dispatched before the message goes out; `preventDefault()` sends nothing and leaves the text
 * in the composer.
 */
export const EthoraSendEvent = eventClass<SendDetail>('ethora-send', true);
export type EthoraSendEvent = InstanceType<typeof EthoraSendEvent>;

/** The user asked to resend a failed message. */
export const EthoraRetryEvent = eventClass<{ key: string }>('ethora-retry');
export type EthoraRetryEvent = InstanceType<typeof EthoraRetryEvent>;

/** The user picked a message action (menu or reaction chip); `reason`: a moderator's, for 'moderate'. */
export const EthoraMessageActionEvent = eventClass<{ action: MessageAction; key: string; emoji?: string; reason?: string }>('ethora-message-action');
export type EthoraMessageActionEvent = InstanceType<typeof EthoraMessageActionEvent>;

/** The user clicked a reply's quote: show the original (`id`: its stanza-id). */
export const EthoraJumpEvent = eventClass<{ id: string }>('ethora-jump');
export type EthoraJumpEvent = InstanceType<typeof EthoraJumpEvent>;

/** The composer saw real keystrokes, or a pause after them. */
export const EthoraTypingEvent = eventClass<{ state: 'composing' | 'paused' }>('ethora-typing');
export type EthoraTypingEvent = InstanceType<typeof EthoraTypingEvent>;

/** Files chosen with the composer's attach button, or pasted into it. */
export const EthoraAttachEvent = eventClass<{ files: File[] }>('ethora-attach');
export type EthoraAttachEvent = InstanceType<typeof EthoraAttachEvent>;

/** Up arrow in the empty composer: edit the newest message of ours. */
export const EthoraEditLastEvent = eventClass('ethora-edit-last');
export type EthoraEditLastEvent = InstanceType<typeof EthoraEditLastEvent>;

/** Escape in the composer during an edit or a reply. */
export const EthoraCancelEvent = eventClass('ethora-cancel');
export type EthoraCancelEvent = InstanceType<typeof EthoraCancelEvent>;

/** The user revealed a message of someone they blocked. */
export const EthoraRevealEvent = eventClass('ethora-reveal');
export type EthoraRevealEvent = InstanceType<typeof EthoraRevealEvent>;
