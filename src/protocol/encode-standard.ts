/**
 * The 'standard' dialect: plain XEPs, as Conversations, Gajim, Converse.js or Dino read them.
 * - text: body + origin-id; a reply adds XEP-0461 `<reply>` and a XEP-0428 "> quote" fallback;
 * - media: body = URL + XEP-0066 OOB (the convention for XEP-0363 uploads);
 * - edit: XEP-0308 naming the original's id (= our origin-id);
 * - retraction: XEP-0424 naming the room's stanza-id (then our origin-id, see retraction()),
 *   with a fallback body and a store hint;
 * - reactions: XEP-0444 in Unicode with a store hint (body-less, so the archive needs it);
 * - chat states (XEP-0085). No displayed markers (XEP-0333): read state lives in private
 *   storage (read-state.ts), in both dialects.
 */
import type { Stanzas } from 'stanza';
import { NS_REPLY, NS_RETRACT } from './definitions-xep.js';
import { cleanReactions } from './emoji.js';
import { quoteOf, replyToJid, type Encoder } from './encode-common.js';

/** XEP-0424's suggested text for clients that do not know retractions. */
export const RETRACTION_FALLBACK = "This person attempted to retract a previous message, but it's unsupported by your client.";

export const standardEncoder: Encoder = {
  text(ctx, content, id) {
    const { body, replyTo, media } = content;
    const msg: Stanzas.Message = { to: ctx.room, type: 'groupchat', id, originId: id, body };
    if (media) {
      // OOB receivers show the attachment when the body is exactly its URL.
      msg.body = media.url;
      msg.links = [{ url: media.url, ...(media.name ? { description: media.name } : {}) }];
    }
    if (replyTo?.id) {
      const to = replyToJid(ctx.room, replyTo);
      msg.reply = { id: replyTo.id, ...(to ? { to } : {}) };
      const quote = quoteOf(replyTo);
      // No quote in front of a media URL: OOB receivers would no longer see the attachment.
      if (quote && !media) {
        const prefix = `${quote
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}\n`;
        msg.body = prefix + body;
        msg.fallbacks = [{ for: NS_REPLY, bodies: [{ start: 0, end: [...prefix].length }] }];
      }
    }
    return msg;
  },

  edit(ctx, target, body, id) {
    const original = target.originId ?? target.stanzaId;
    if (!original) return undefined;
    return { to: ctx.room, type: 'groupchat', id, originId: id, body, replace: original };
  },

  retraction(ctx, target, id) {
    // In a room, XEP-0424 (since 0.4) names the target by the room's stanza-id: what the server's
    // archive, Gajim, QXmpp and our own parser match. Converse.js (14) matches a retraction only
    // against the sender's own message id / origin-id, and reads the LAST <retract> of a message
    // (sizzle(...).pop()), where every other reader takes the first. So one stanza carries both:
    // first the stanza-id, then a second <retract> naming our origin-id. One fallback body, one
    // archived retraction, both kinds of reader, live and from the archive.
    const targetId = target.stanzaId ?? target.originId;
    if (!targetId) return undefined;
    const senderId = target.stanzaId && target.originId !== target.stanzaId ? target.originId : undefined;
    return {
      to: ctx.room,
      type: 'groupchat',
      id,
      originId: id,
      retract: { id: targetId, ...(senderId ? { senderId } : {}) },
      body: RETRACTION_FALLBACK,
      fallbacks: [{ for: NS_RETRACT }],
      processingHints: { store: true },
    };
  },

  reactions(ctx, targetStanzaId, emojis, id) {
    return {
      to: ctx.room,
      type: 'groupchat',
      id,
      originId: id,
      reactions: { id: targetStanzaId, values: cleanReactions(emojis) },
      processingHints: { store: true },
    };
  },

  chatState(ctx, state) {
    return { to: ctx.room, type: 'groupchat', chatState: state };
  },
};
