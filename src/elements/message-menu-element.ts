import { LitElement, html, nothing } from 'lit';
import { EthoraMessageActionEvent, type MessageAction } from '../events/message-events.js';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { MenuController } from '../controllers/menu-controller.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { theme } from './theme.js';
import { messageMenuStyles } from './message-menu-element.styles.js';

/** The quick reactions offered; any other emoji can be typed. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '🔥'];

export type { MessageAction } from '../events/message-events.js';

/** True for a short string of emoji (one grapheme-ish, up to a few code points). */
export function isEmoji(text: string): boolean {
  const t = text.trim();
  return (
    t.length > 0 && [...t].length <= 8 && /^(\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u.test(t) && /\p{Extended_Pictographic}/u.test(t)
  );
}

/**
 * A message's actions behind one "More" button: a menu (arrow keys move, Escape closes and
 * gives focus back) with quick reactions, a field to type any emoji, reply, edit, delete,
 * block the sender.
 *
 * @fires ethora-message-action {EthoraMessageActionEvent} `{action, key, emoji?}` for the message `messageKey`
 * @csspart button, menu
 *
 * @tag ethora-message-menu
 */
export class MessageMenuElement extends LitElement {
  static override styles = [theme, messageMenuStyles];

  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  /** The key of the message the actions are for (carried in the event). */
  @property({ attribute: false }) messageKey = '';
  @property({ type: Boolean }) canEdit = false;
  @property({ type: Boolean }) canDelete = false;
  @property({ type: Boolean }) canReact = true;
  /** Offer "Remove as moderator" (someone else's message, in a room that lets us). */
  @property({ type: Boolean }) canModerate = false;
  /** Offer "Block sender" (someone else's message whose sender is known). */
  @property({ type: Boolean }) canBlock = false;
  @state() private confirming = false;
  @state() private moderating = false;
  @state() private emojiError = '';
  private readonly menu = new MenuController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('.item, [role=dialog] input')],
    button: () => this.renderRoot.querySelector<HTMLElement>('.more'),
    rowLength: QUICK_REACTIONS.length,
  });

  protected override render() {
    return html`<button class="more" part="button" aria-label=${this.i18n.t('Message actions')} aria-haspopup="dialog" aria-expanded=${this.menu.open ? 'true' : 'false'} @click=${this.toggle}>⋯</button>
      ${this.menu.open ? this.renderMenu() : nothing}`;
  }

  private renderMenu() {
    return html`<div role="dialog" part="menu" aria-label=${this.i18n.t('Message actions')} @keydown=${this.menu.onKey} @focusout=${this.menu.onFocusOut}>
      ${
        this.canReact
          ? html`<div class="emojis" role="group" aria-label=${this.i18n.t('React')}>
            ${QUICK_REACTIONS.map((e) => html`<button class="item" aria-label=${this.i18n.t('React with {emoji}', { emoji: e })} @click=${() => this.emit('react', e)}>${e}</button>`)}
          </div>
          <input aria-label=${this.i18n.t('React with another emoji')} placeholder=${this.i18n.t('Other emoji…')} maxlength="16" @keydown=${this.onEmojiKey} />
          ${this.emojiError ? html`<div class="hint" role="alert">${this.emojiError}</div>` : nothing}`
          : nothing
      }
      <button class="item" @click=${() => this.emit('reply')}>${this.i18n.t('Reply')}</button>
      ${this.canEdit ? html`<button class="item" @click=${() => this.emit('edit')}>${this.i18n.t('Edit')}</button>` : nothing}
      ${
        this.canDelete
          ? this.confirming
            ? html`<button class="item danger" @click=${() => this.emit('delete')}>${this.i18n.t('Yes, delete for everyone')}</button>
              <button class="item" @click=${() => (this.confirming = false)}>${this.i18n.t('Keep it')}</button>`
            : html`<button class="item danger" @click=${this.askDelete}>${this.i18n.t('Delete…')}</button>`
          : nothing
      }
      ${
        this.canModerate
          ? this.moderating
            ? html`<input class="reason" aria-label=${this.i18n.t('Reason (optional)')} placeholder=${this.i18n.t('Reason (optional)')} maxlength="500" @keydown=${this.onReasonKey} />
              <button class="item danger moderate" @click=${this.confirmModerate}>${this.i18n.t('Remove for everyone')}</button>
              <button class="item" @click=${() => (this.moderating = false)}>${this.i18n.t('Keep it')}</button>`
            : html`<button class="item danger moderate" @click=${this.askModerate}>${this.i18n.t('Remove as moderator…')}</button>`
          : nothing
      }
      ${this.canBlock ? html`<button class="item danger" @click=${() => this.emit('block')}>${this.i18n.t('Block sender')}</button>` : nothing}
    </div>`;
  }

  private toggle(): Promise<void> {
    this.confirming = false;
    this.moderating = false;
    this.emojiError = '';
    return this.menu.toggle();
  }

  close(): void {
    this.menu.close();
  }

  /** Opens the menu (its first item takes the focus). */
  open(): Promise<void> {
    return this.menu.open ? Promise.resolve() : this.toggle();
  }

  /** Focuses the menu's button. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('.more')?.focus(options);
  }

  /** The focused "Delete…" is replaced by the confirmation, which gets the focus. */
  private askDelete(): Promise<void> {
    return this.menu.swap(
      () => (this.confirming = true),
      () => this.renderRoot.querySelector<HTMLElement>('.danger'),
    );
  }

  /** "Remove as moderator…" becomes a reason field (focused) and the confirmation. */
  private askModerate(): Promise<void> {
    return this.menu.swap(
      () => (this.moderating = true),
      () => this.renderRoot.querySelector<HTMLElement>('input.reason'),
    );
  }

  private confirmModerate(): void {
    const reason = this.renderRoot.querySelector<HTMLInputElement>('input.reason')?.value.trim() ?? '';
    this.emit('moderate', undefined, reason || undefined);
  }

  private onReasonKey(e: KeyboardEvent): void {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    this.confirmModerate();
  }

  private onEmojiKey(e: KeyboardEvent): void {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const value = (e.target as HTMLInputElement).value.trim();
    if (!isEmoji(value)) {
      this.emojiError = this.i18n.t('Type a single emoji');
      return;
    }
    this.emit('react', value);
  }

  private emit(action: MessageAction, emoji?: string, reason?: string): void {
    this.menu.close();
    this.dispatchEvent(new EthoraMessageActionEvent({ action, key: this.messageKey, emoji, ...(reason ? { reason } : {}) }));
  }
}
