/** Events of the composer and the messages. */
import { EthoraEvent } from './ethora-event.js';

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
export class EthoraSendEvent extends EthoraEvent<SendDetail> {
  static readonly type = 'ethora-send';
  constructor(detail: SendDetail) {
    super(EthoraSendEvent.type, detail, true);
  }
}

/** The user asked to resend a failed message. */
export class EthoraRetryEvent extends EthoraEvent<{ key: string }> {
  static readonly type = 'ethora-retry';
  constructor(detail: { key: string }) {
    super(EthoraRetryEvent.type, detail);
  }
}

/** The user picked a message action (menu or reaction chip); `reason`: a moderator's, for 'moderate'. */
export class EthoraMessageActionEvent extends EthoraEvent<{ action: MessageAction; key: string; emoji?: string; reason?: string }> {
  static readonly type = 'ethora-message-action';
  constructor(detail: { action: MessageAction; key: string; emoji?: string; reason?: string }) {
    super(EthoraMessageActionEvent.type, detail);
  }
}

/** The user clicked a reply's quote: show the original (`id`: its stanza-id). */
export class EthoraJumpEvent extends EthoraEvent<{ id: string }> {
  static readonly type = 'ethora-jump';
  constructor(detail: { id: string }) {
    super(EthoraJumpEvent.type, detail);
  }
}

/** The composer saw real keystrokes, or a pause after them. */
export class EthoraTypingEvent extends EthoraEvent<{ state: 'composing' | 'paused' }> {
  static readonly type = 'ethora-typing';
  constructor(detail: { state: 'composing' | 'paused' }) {
    super(EthoraTypingEvent.type, detail);
  }
}

/** Files chosen with the composer's attach button, or pasted into it. */
export class EthoraAttachEvent extends EthoraEvent<{ files: File[] }> {
  static readonly type = 'ethora-attach';
  constructor(detail: { files: File[] }) {
    super(EthoraAttachEvent.type, detail);
  }
}

/** Up arrow in the empty composer: edit the newest message of ours. */
export class EthoraEditLastEvent extends EthoraEvent {
  static readonly type = 'ethora-edit-last';
  constructor() {
    super(EthoraEditLastEvent.type, null);
  }
}

/** Escape in the composer during an edit or a reply. */
export class EthoraCancelEvent extends EthoraEvent {
  static readonly type = 'ethora-cancel';
  constructor() {
    super(EthoraCancelEvent.type, null);
  }
}

/** The user revealed a message of someone they blocked. */
export class EthoraRevealEvent extends EthoraEvent {
  static readonly type = 'ethora-reveal';
  constructor() {
    super(EthoraRevealEvent.type, null);
  }
}
