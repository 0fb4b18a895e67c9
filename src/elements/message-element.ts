import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { EthoraJumpEvent, EthoraMessageActionEvent, EthoraRetryEvent } from '../events/message-events.js';
import { reactionSummary, type Message } from '../state/message.js';
import { renderMedia } from './media-template.js';
import { english, type Translator } from '../i18n/translator.js';
import { theme } from './theme.js';
import { clip, formatTime, hue, initials, linkify } from './text.js';
import { cleanName, quoteAuthor } from '../state/identity.js';
import { AVATAR_HUES, messageStyles } from './message-element.styles.js';
import type { MessageMenuElement } from './message-menu-element.js';

/** What a reply quotes: resolved from the timeline when the original is loaded. */
export interface Quote {
  id: string;
  author?: string;
  text?: string;
}

/**
 * One message: avatar initials in a stable colour, sender, time, body as text with safe
 * links, and delivery state (pending, failed with a retry button).
 *
 * @fires ethora-retry {EthoraRetryEvent} the user asked to resend a failed message
 * @fires ethora-message-action {EthoraMessageActionEvent} react, reply, edit, delete or block (from the menu or a reaction chip)
 * @fires ethora-jump {EthoraJumpEvent} the user clicked a reply's quote: show the original
 * @csspart message, avatar, author, time, bubble, body, more, status, quote, reactions, reaction, tombstone, edited
 *
 * @tag ethora-message
 */
export class MessageElement extends LitElement {
  static override styles = [theme, AVATAR_HUES, messageStyles];

  /** The widget's language, given by the room view (a row asks no context: bursts connect thousands). */
  @property({ attribute: false }) i18n: Translator = english;

  @property({ attribute: false }) message?: Message;
  /** Continues a group of messages from the same sender: no avatar or name. */
  @property({ type: Boolean, reflect: true }) continued = false;
  @property({ type: Boolean, reflect: true }) own = false;
  @property({ reflect: true }) status = 'sent';
  /** The reader may delete this message (their own). */
  @property({ type: Boolean }) canDelete = false;
  /** The reader may remove this message as the room's moderator. */
  @property({ type: Boolean }) canModerate = false;
  /** The quote of the message this one replies to. */
  @property({ attribute: false }) quote?: Quote;
  /** Hosts that inline media may load from (the `inline-media-hosts` setting); all when undefined. */
  @property({ attribute: false }) mediaHosts?: ReadonlySet<string>;
  /** The reader's reaction keys (their nick in the room and their JID), to mark their own reactions. */
  @property({ attribute: false }) me: readonly string[] = [];
  /** From a user the reader blocked: collapsed to one line until revealed. */
  @property({ type: Boolean, reflect: true }) blocked = false;
  /** The reader may block the sender (someone else, whose real JID is known). */
  @property({ type: Boolean }) canBlock = false;
  /** The reader revealed this blocked user's message. */
  @state() private revealed = false;
  /** A long body is shown in full (after "Show more"). */
  @state() private expanded = false;
  /**
   * The actions menu element exists once the reader may want it (a pointer over the message, or
   * the focus in it): an element with its own shadow root per message made every message cost two.
   * Until then a plain button stands in its place.
   */
  @state() private menuWanted = false;

  constructor() {
    super();
    this.addEventListener('pointerenter', this.wantMenu);
    this.addEventListener('focusin', this.wantMenu);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('message') && changed.get('message')?.key !== this.message?.key) this.expanded = this.revealed = false;
    this.own = this.message?.own ?? false;
    this.status = this.message?.status ?? 'sent';
  }

  protected override render() {
    const m = this.message;
    if (!m) return nothing;
    if (this.blocked && !this.revealed) return html`<ethora-blocked-line @ethora-reveal=${() => (this.revealed = true)}></ethora-blocked-line>`;
    const time = formatTime(m.time, this.i18n);
    return html`
      <div class="row" part="message">
        ${
          this.continued
            ? html`<span></span>`
            : html`<div class="avatar hue-${Math.floor(hue(m.senderName) / 30)}" part="avatar" aria-hidden="true">
              ${initials(m.senderName)}
            </div>`
        }
        <div class="content">
          ${this.renderMenu(m)}
          ${
            this.continued
              ? html`<span class="sr-only">${m.senderName}, ${time}:</span>`
              : html`<div class="head">
                <bdi class="author" part="author">${m.senderName}</bdi>
                <time class="time" part="time" datetime=${new Date(m.time).toISOString()}>${time}</time>
                ${m.edited && !m.deleted ? html`<span class="edited" part="edited">${this.i18n.t('(edited)')}</span>` : nothing}
              </div>`
          }
          <div class="bubble" part="bubble">${m.deleted ? this.renderTombstone(m) : this.renderContent(m)}</div>
          ${this.continued && m.edited && !m.deleted ? html`<span class="edited" part="edited">${this.i18n.t('(edited)')}</span>` : nothing}
          ${this.renderReactions(m)}
          ${this.renderStatus(m)}
        </div>
      </div>
    `;
  }

  private renderContent(m: Message) {
    const q = this.quote ?? (m.replyTo ? { id: m.replyTo.id, author: quoteAuthor(m.replyTo.author, m.replyTo.to), text: m.replyTo.quote } : undefined);
    return html`${
      q
        ? html`<button class="quote" part="quote" @click=${() => this.dispatchEvent(new EthoraJumpEvent({ id: q.id }))} aria-label=${this.i18n.t('Reply to {author}: {text}. Show the original', { author: q.author ?? this.i18n.t('a message'), text: q.text ?? '' })}>
            ${q.author ? html`<b><bdi>${cleanName(q.author)}</bdi></b> ` : nothing}${q.text ?? this.i18n.t('Original message')}
          </button>`
        : nothing
    }
      ${m.body && !(m.media && m.body === m.media.url) ? this.renderBody(m.body) : nothing}
      ${m.media ? renderMedia(m.media, this.i18n, this.mediaHosts) : nothing}`;
  }

  /** Text with safe links; a very long text clipped until the reader asks for the rest. */
  private renderBody(body: string) {
    const head = clip(body);
    const shown = head !== undefined && !this.expanded ? head : body;
    return html`<div class="body" part="body">${linkify(shown).map((s) =>
      'href' in s ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer"><bdi>${s.text}</bdi></a>` : s.text,
    )}${shown !== body ? '…' : nothing}</div>
      ${
        head !== undefined
          ? html`<button class="more" part="more" aria-expanded=${this.expanded ? 'true' : 'false'} @click=${() => (this.expanded = !this.expanded)}>
            ${this.expanded ? this.i18n.t('Show less') : this.i18n.t('Show more ({n} more characters)', { n: body.length - shown.length })}</button>`
          : nothing
      }`;
  }

  private renderTombstone(m: Message) {
    const text = m.moderation
      ? m.moderation.reason
        ? this.i18n.t('Removed by a moderator: {reason}', { reason: m.moderation.reason })
        : this.i18n.t('Removed by a moderator')
      : this.i18n.t('Message deleted');
    return html`<div class="tombstone" part="tombstone">${text}</div>`;
  }

  private renderReactions(m: Message) {
    const summary = reactionSummary(m);
    if (!summary.length) return nothing;
    return html`<div class="reactions" part="reactions">
      ${summary.map((r) => {
        const mine = r.keys.some((k) => this.me.includes(k));
        const who = r.names.join(', ');
        return html`<button class="reaction" part="reaction" title=${who} aria-pressed=${mine ? 'true' : 'false'}
          aria-label=${`${r.emoji} ${this.i18n.number(r.names.length)}: ${who}. ${this.i18n.t(mine ? 'Remove your reaction' : 'Add this reaction')}`}
          @click=${() => this.dispatchEvent(new EthoraMessageActionEvent({ action: 'react', key: m.key, emoji: r.emoji }))}>${r.emoji} ${r.names.length}</button>`;
      })}
    </div>`;
  }

  private renderMenu(m: Message) {
    if (m.deleted || m.system || m.status !== 'sent') return nothing;
    if (!this.menuWanted)
      return html`<button class="actions" aria-label=${this.i18n.t('Message actions')} aria-haspopup="dialog" aria-expanded="false" @click=${this.openMenu}>⋯</button>`;
    return html`<ethora-message-menu .messageKey=${m.key} ?canEdit=${m.own} ?canDelete=${this.canDelete} ?canModerate=${this.canModerate && !m.own} ?canBlock=${this.canBlock && !m.own && !this.blocked}></ethora-message-menu>`;
  }

  private renderStatus(m: Message) {
    if (m.status === 'pending') return html`<div class="status" part="status">${this.i18n.t('Sending…')}</div>`;
    if (m.status === 'failed')
      return html`<div class="status failed" part="status" role="alert">
        ${m.error ? this.i18n.t('Not sent: {reason}', { reason: this.i18n.sentence(m.error) }) : this.i18n.t('Not sent')}
        <button @click=${this.onRetry}>${this.i18n.t('Retry')}</button>
      </div>`;
    return nothing;
  }

  private readonly wantMenu = (e: Event): void => {
    if (this.menuWanted) return;
    this.menuWanted = true;
    // The stand-in button got the focus (Tab): the menu's own button takes it.
    if (e.type === 'focusin' && (e.composedPath()[0] as Element).classList?.contains('actions')) void this.menu().then((menu) => menu?.focus());
  };

  /** The stand-in button clicked before anything created the menu (a tap): the menu, open. */
  private async openMenu(): Promise<void> {
    this.menuWanted = true;
    await (await this.menu())?.open();
  }

  /** The menu element once rendered. */
  private async menu(): Promise<MessageMenuElement | undefined> {
    await this.updateComplete;
    const menu = this.renderRoot.querySelector('ethora-message-menu') ?? undefined;
    await menu?.updateComplete;
    return menu;
  }

  private onRetry(): void {
    if (!this.message) return;
    this.dispatchEvent(new EthoraRetryEvent({ key: this.message.key }));
  }
}
