/**
 * Pieces of `<ethora-room>` that need no element of their own: the header's subtitle, the notice
 * above the timeline, its rows, the list of uploads in progress, the side panel, and the quotes
 * of replies (cached, so a reply renders again only when its original changed).
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { EthoraSearchSelectEvent } from '../events/room-events.js';
import type { Translator } from '../i18n/translator.js';
import { myKeys, quoteAuthor } from '../state/identity.js';
import type { Message } from '../state/message.js';
import type { Room } from '../state/room.js';
import type { ConnectionStatus } from '../state/chat-store.js';
import type { ChatSession } from '../session/chat-session.js';
import { formatSize } from './media-template.js';
import { formatDay, isolateNames } from './text.js';
import type { TimelineItem } from './timeline-items.js';
import type { TimelineWindowController } from '../controllers/timeline-window-controller.js';
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

/** Under the room's name: its join state, "offline" when what shows is not current, else its description or occupants. */
export function renderSubtitle(room: Room, members: number, status: ConnectionStatus, i18n: Translator) {
  if (room.join === 'error') return html`<span class="error" role="alert">${i18n.sentence(room.joinError ?? '')}</span>`;
  if (room.join === 'joining') return i18n.t(room.rejoining ? 'Reconnecting to room…' : 'Joining…');
  // Painted from the device's cache, or the server out of reach: not current.
  if (['reconnecting', 'offline', 'error'].includes(status) || (status === 'connecting' && room.timeline.size > 0))
    return html`<span part="offline">${i18n.t('Offline: messages saved on this device')}</span>`;
  return room.description || (members ? i18n.t('{n} online', { n: members }) : '');
}

/** Above the rendered messages: older ones to show or load, the history's state, or its start. */
export function renderTop(
  room: Room,
  window: Pick<TimelineWindowController, 'filling' | 'shown'>,
  i18n: Translator,
  on: { showOlder: () => void; loadOlder: () => void },
) {
  if (window.filling) return nothing;
  if (window.shown.start > 0) return html`<p class="notice"><button @click=${on.showOlder}>${i18n.t('Load older messages')}</button></p>`;
  if (room.historyError)
    return html`<p class="notice error">${i18n.t('Could not load history: {reason}', { reason: i18n.sentence(room.historyError) })}
      <button @click=${on.loadOlder}>${i18n.t('Try again')}</button></p>`;
  if (room.loadingHistory) return html`<p class="notice" role="status">${i18n.t('Loading history…')}</p>`;
  if (room.timeline.complete)
    return room.timeline.size
      ? html`<p class="notice">${i18n.t('Start of the conversation')}</p>`
      : html`<p class="notice">${i18n.t('No messages yet. Say hello!')}</p>`;
  if (!room.historyFetched) return nothing;
  return html`<p class="notice"><button @click=${on.loadOlder}>${i18n.t('Load older messages')}</button></p>`;
}

/** What a timeline row needs from its room view (made once per render). */
export interface ItemContext {
  i18n: Translator;
  session: ChatSession;
  /** The message highlighted for a moment (the original of a clicked reply). */
  highlighted?: string;
  values: RowValues;
  /** Our reaction keys in the room (`values.myKeys`). */
  me: readonly string[];
}

/** One row of the timeline: a day, the unread divider, a system line or a message. */
export function renderTimelineItem(room: Room, i: TimelineItem, c: ItemContext) {
  if (i.kind === 'day') return html`<li class="day">${formatDay(i.time, Date.now(), c.i18n)}</li>`;
  if (i.kind === 'unread') return html`<li class="divider" part="unread-divider">${c.i18n.t('New messages')}</li>`;
  if (i.kind === 'system')
    return html`<li class="system" data-key=${i.message.key} part="system">${i.message.line ? c.i18n.t(i.message.line.text, isolateNames(i.message.line.values)) : i.message.body}</li>`;
  const m = i.message;
  const { session } = c;
  return html`<li data-key=${m.key} class=${c.highlighted === m.key ? 'highlight' : ''}>
    <ethora-message .message=${m} .i18n=${c.i18n} .mediaHosts=${session.mediaHosts} ?continued=${i.continued} .quote=${c.values.quoteFor(room, m, c.i18n)} .me=${c.me}
      ?canDelete=${m.own} ?canModerate=${!m.own && session.canModerate(room.jid)} ?blocked=${session.store.isHidden(m)} ?canBlock=${!m.own && !!m.authorJid}></ethora-message>
  </li>`;
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
 * Values given to message rows that keep their identity while they do not change: a new object
 * or array would make every row in the window render again. The quote of a reply's original
 * (from the timeline when it is loaded), and our reaction keys in the room.
 */
export class RowValues {
  private readonly quotes = new WeakMap<Message, { target?: Message; i18n: Translator; quote: Quote }>();
  private keys: readonly string[] = [];

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

  /** Our reaction keys (`myKeys`): the same array while our JID and nick are the same. */
  myKeys(me: string, nick: string): readonly string[] {
    const keys = myKeys(me, nick);
    if (this.keys.join('\n') !== keys.join('\n')) this.keys = keys;
    return this.keys;
  }
}
