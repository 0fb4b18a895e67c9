/**
 * The 'ethora' dialect: what @ethora/chat-component sends (ethora-protocol.md §2.8-2.14), so
 * Ethora's web and mobile clients and its server modules (mod_edit, mod_delete) understand us.
 * Every stanza also carries an XEP-0359 origin-id = the caller's id, so our own echoes can be
 * matched even where Ethora's routing needs a fixed or time-stamped message id.
 *
 * Departures from what Ethora's client sends, on purpose:
 * - `<data>` is in jabber:client (Ethora uses its websocket URL; every reader matches by name);
 * - edit and delete add a store hint: they are body-less, so a plain ejabberd (no mod_edit /
 *   mod_delete to rewrite the original) would not archive them and they would be lost on
 *   reload (checked on ejabberd 23.01). The delete keeps Ethora's empty `<body xmlns="wow"/>`
 *   and `<delete id/>` exactly; the hint is what Ethora itself adds to reactions and media;
 * - no `photo`, `senderWalletAddress`, `tokenAmount`: we have none to give.
 */
import type { MessageData } from './definitions.js';
import { ETHORA_DELETE_ID } from './definitions-ethora.js';
import { cleanReactions, emojiMartId } from './emoji.js';
import { quoteOf, type EncodeContext, type Encoder, type ReplyTarget } from './encode-common.js';
import type { WireMedia } from './types.js';

export const ethoraEncoder: Encoder = {
  text(ctx, content, id) {
    const { body, replyTo, media } = content;
    const data: MessageData = { ...sender(ctx), ...reply(ctx, replyTo), ...(media ? mediaData(media) : {}), push: 'true' };
    if (media) {
      // Ethora's receivers key media off <data isMediafile>; the body is a placeholder.
      return { to: ctx.room, type: 'groupchat', id, originId: id, body: 'media', data, processingHints: { store: true } };
    }
    return { to: ctx.room, type: 'groupchat', id, originId: id, body, data };
  },

  edit(ctx, target, body, id) {
    // mod_edit finds the original by archive id; our origin-id is the fallback that at least
    // our own widget resolves when the echo (with the archive id) has not come back yet.
    const original = target.stanzaId ?? target.originId;
    if (!original) return undefined;
    return {
      to: ctx.room,
      type: 'groupchat',
      // Ethora's receivers route edits on this id prefix.
      id: `edit-message-${ctx.now}`,
      originId: id,
      ethoraReplace: { id: original, text: body },
      processingHints: { store: true },
    };
  },

  retraction(ctx, target, id) {
    const original = target.stanzaId ?? target.originId;
    if (!original) return undefined;
    return {
      to: ctx.room,
      type: 'groupchat',
      // Ethora's receivers route deletes on this literal id.
      id: ETHORA_DELETE_ID,
      originId: id,
      ethoraDelete: { id: original },
      processingHints: { store: true },
    };
  },

  reactions(ctx, targetStanzaId, emojis, id) {
    return {
      to: ctx.room,
      type: 'groupchat',
      // Ethora's receivers route reactions on this id prefix.
      id: `message-reaction:${ctx.now}`,
      originId: id,
      reactions: { id: targetStanzaId, from: ctx.jid, values: cleanReactions(emojis).map(emojiMartId) },
      data: { senderFirstName: ctx.name, senderLastName: '' },
      processingHints: { store: true },
    };
  },

  chatState(ctx, state) {
    // Ethora only knows composing (on focus) and paused (on blur).
    const typing = state === 'composing';
    return {
      to: ctx.room,
      type: 'groupchat',
      id: `${typing ? 'typing' : 'stop-typing'}-${ctx.now}`,
      chatState: typing ? 'composing' : 'paused',
      data: { fullName: ctx.name },
    };
  },
};

function sender(ctx: EncodeContext): MessageData {
  return {
    senderFirstName: ctx.name,
    senderLastName: '',
    fullName: ctx.name,
    senderJID: ctx.jid,
    roomJid: ctx.room,
    isSystemMessage: 'false',
  };
}

/** isReply + mainMessage JSON as ECC:helpers/createMainMessageForThread.ts builds it. */
function reply(ctx: EncodeContext, replyTo: ReplyTarget | undefined): MessageData {
  if (!replyTo?.id) return { isReply: 'false', showInChannel: 'false', mainMessage: '' };
  const main = {
    text: quoteOf(replyTo),
    id: replyTo.id,
    userName: replyTo.author ?? replyTo.nick ?? '',
    createdAt: '',
    roomJid: ctx.room,
  };
  // showInChannel: Ethora threads a reply away from the main timeline unless this is true.
  return { isReply: 'true', showInChannel: 'true', mainMessage: JSON.stringify(main) };
}

function mediaData(media: WireMedia): MessageData {
  const name = media.name ?? media.url.split(/[?#]/)[0].split('/').pop() ?? 'file';
  const data: MessageData = {
    isMediafile: 'true',
    location: media.url,
    fileName: name,
    originalName: name,
    isVisible: 'true',
  };
  // No guess when unknown: Ethora plays application/octet-stream as audio.
  if (media.mimeType) data.mimetype = media.mimeType;
  if (media.previewUrl) data.locationPreview = media.previewUrl;
  if (media.size !== undefined) data.size = String(media.size);
  // Not Ethora keys: its clients spread and ignore them; ours reserve the image's box.
  if (media.width !== undefined) data.width = String(media.width);
  if (media.height !== undefined) data.height = String(media.height);
  return data;
}
