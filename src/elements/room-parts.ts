/**
 * Pieces of `<ethora-room>` that need no element of their own: the list of uploads in progress,
 * the side panel, and the quotes of replies (cached, so a reply renders again only when its
 * original changed).
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { EthoraSearchSelectEvent } from '../events/room-events.js';
import type { Translator } from '../i18n/translator.js';
import { quoteAuthor } from '../state/identity.js';
import type { Message } from '../state/message.js';
import type { Room } from '../state/room.js';
import { formatSize } from './media-template.js';
import type { Quote } from './message-element.js';

/** A panel beside the timeline: the members, the room's settings, or message search. */
export type Side = 'members' | 'settings' | 'search';

const SIDE_LABELS: Record<Side, string> = { members: 'Members', settings: 'Room settings', search: /* i18n */ 'Search messages' };

/** The side panel of `room`, as a dialog that `ethora-close` closes. */
export function renderSidePanel(side: Side, room: string, i18n: Translator, on: { close: () => void; searchSelect: (e: EthoraSearchSelectEvent) => void }) {
  const panel =
    side === 'members'
      ? html`<ethora-members .room=${room}></ethora-members>`
      : side === 'settings'
        ? html`<ethora-room-settings .room=${room}></ethora-room-settings>`
        : html`<ethora-search .room=${room} @ethora-search-select=${on.searchSelect}></ethora-search>`;
  return html`<div class="side" part="side-panel" role="dialog" aria-label=${i18n.t(SIDE_LABELS[side])} @ethora-close=${on.close}>${panel}</div>`;
}

/** The room's uploads in progress or failed, each with Cancel or Dismiss. */
export function renderUploads(room: Room, i18n: Translator, cancel: (id: string) => void) {
  if (!room.uploads.size) return nothing;
  return html`<ul class="uploads" part="uploads" aria-label=${i18n.t('Uploads')}>
    ${repeat(
      room.uploads.values(),
      (u) => u.id,
      (u) => html`<li>
        <span class="name">${u.name} <small>${formatSize(u.size)}</small></span>
        ${
          u.error
            ? html`<span class="error" role="alert">${i18n.sentence(u.error)}</span>
              <button @click=${() => cancel(u.id)}>${i18n.t('Dismiss')}</button>`
            : html`<progress max="1" .value=${u.progress} aria-label=${i18n.t('Uploading {name}', { name: u.name })}></progress>
              <button @click=${() => cancel(u.id)}>${i18n.t('Cancel')}</button>`
        }
      </li>`,
    )}
  </ul>`;
}

/**
 * The quote of a reply's original, from the timeline when it is loaded. The same object while
 * neither message changed: a new one would make every reply in the window render again.
 */
export class QuoteCache {
  private readonly quotes = new WeakMap<Message, { target?: Message; i18n: Translator; quote: Quote }>();

  quoteFor(room: Room, m: Message, i18n: Translator): Quote | undefined {
    if (!m.replyTo) return undefined;
    const target = room.timeline.byStanzaId(m.replyTo.id);
    const cached = this.quotes.get(m);
    if (cached && cached.target === target && cached.i18n === i18n) return cached.quote;
    const quote = target
      ? { id: m.replyTo.id, author: target.senderName, text: target.deleted ? i18n.t('Message deleted') : target.body.slice(0, 200) }
      : { id: m.replyTo.id, author: quoteAuthor(m.replyTo.author, m.replyTo.to), text: m.replyTo.quote };
    this.quotes.set(m, { target, i18n, quote });
    return quote;
  }
}
