/**
 * Outgoing stanzas as StanzaJS JSON, one encoder per dialect (the widget reads both, but
 * writes one). Encoders are pure: XmppConnection supplies the context and sends the result.
 */
import type { Encoder } from './encode-common.js';
import { ethoraEncoder } from './encode-ethora.js';
import { standardEncoder } from './encode-standard.js';
import type { Dialect } from './types.js';

export type { ActionTarget, EncodeContext, Encoder, ReplyTarget, OutgoingContent } from './encode-common.js';

export function encoderFor(dialect: Dialect): Encoder {
  return dialect === 'ethora' ? ethoraEncoder : standardEncoder;
}
