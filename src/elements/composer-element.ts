import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { EthoraAttachEvent, EthoraCancelEvent, EthoraEditLastEvent, EthoraSendEvent, EthoraTypingEvent } from '../events/message-events.js';
import { MAX_BODY_LENGTH, codePointLength } from '../state/message.js';
import { theme } from './theme.js';
import { composerStyles } from './composer-element.styles.js';

/** What the next send does besides sending: edit a message, or reply to one. */
export type ComposerMode = { kind: 'edit'; text: string } | { kind: 'reply'; author: string; text: string };

/** After this long without a keystroke, "composing" turns into "paused". */
const PAUSE_MS = 5000;
/** The length counter appears from this share of MAX_BODY_LENGTH on. */
const COUNT_FROM = 0.9;

/**
 * The message input: Enter sends, Shift+Enter starts a new line, Up in an empty input edits
 * the last own message, Escape cancels an edit or reply.
 *
 * @fires ethora-send {EthoraSendEvent} the user sent a message (or the edited text); cancelable: prevented, the text stays
 * @fires ethora-edit-last {CustomEvent} Up arrow in the empty input
 * @fires ethora-cancel {CustomEvent} Escape (or the close button) during an edit or reply
 * @fires ethora-typing {CustomEvent<{state: 'composing' | 'paused'}>} on real keystrokes, not per key
 * @fires ethora-attach {CustomEvent<{files: File[]}>} files chosen with the attach button or pasted
 * @csspart composer, input, send, mode, count
 *
 * @tag ethora-composer
 */
export class ComposerElement extends LitElement {
  static override styles = [theme, composerStyles];

  /** Placeholder and accessible label of the input (default: "Write a message" in the widget's language). */
  @property() label = '';
  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  /** The room this composer writes to (carried in `ethora-send`). */
  @property() room = '';
  @property({ type: Boolean }) disabled = false;
  /** Editing or replying; undefined for a plain message. */
  @property({ attribute: false }) mode?: ComposerMode;
  /** The textarea (rendered always; read after the first render). */
  private get input(): HTMLTextAreaElement {
    return this.renderRoot?.querySelector('textarea') as HTMLTextAreaElement;
  }
  /** Characters in the input (code points of the trimmed text, as sent). */
  @state() private length = 0;
  private composing = false;
  private pauseTimer?: ReturnType<typeof setTimeout>;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The edited text goes into the input after rendering (updated), but is counted now.
    if (changed.has('mode') && this.mode?.kind === 'edit') this.length = codePointLength(this.mode.text.trim());
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('mode') && this.mode?.kind === 'edit') {
      this.input.value = this.mode.text;
      this.autoSize();
      this.input.focus();
      this.input.setSelectionRange(this.input.value.length, this.input.value.length);
    } else if (changed.has('mode') && this.mode) this.input.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTyping();
  }

  protected override render() {
    const mode = this.mode;
    const t = (text: string, values?: Readonly<Record<string, string | number>>) => this.i18n.t(text, values);
    const label = this.label || t('Write a message');
    return html`${
      mode
        ? html`<div class="mode" part="mode" role="status">
            <span>${mode.kind === 'edit' ? t('Editing your message') : html`${t('Replying to')} <b>${mode.author}</b>: ${mode.text}`}</span>
            <button type="button" aria-label=${t(mode.kind === 'edit' ? 'Cancel editing' : 'Cancel reply')} @click=${this.cancel}>✕</button>
          </div>`
        : nothing
    }
      ${this.renderCount()}
      <form part="composer" @submit=${this.onSubmit}>
        <button class="attach" part="attach" type="button" aria-label=${t('Attach files')} ?disabled=${this.disabled} @click=${this.pickFiles}>
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5"/></svg>
        </button>
        <input class="files" type="file" multiple hidden @change=${this.onFiles} />
      <textarea
        part="input"
        rows="1"
        aria-label=${label}
        aria-invalid=${this.length > MAX_BODY_LENGTH ? 'true' : 'false'}
        aria-describedby="count"
        placeholder=${label}
        ?disabled=${this.disabled}
        @keydown=${this.onKeyDown}
        @input=${this.onInput}
        @blur=${this.stopTyping}
        @paste=${this.onPaste}
      ></textarea>
      <button part="send" type="submit" ?disabled=${this.disabled}>${t(this.mode?.kind === 'edit' ? 'Save' : 'Send')}</button>
    </form>`;
  }

  /** Near the limit: how many characters are left; over it: why Send does nothing. */
  private renderCount() {
    const n = this.length;
    const max = MAX_BODY_LENGTH;
    if (n > max)
      return html`<div id="count" class="count over" part="count" role="alert">
        ${this.i18n.t('Too long to send: {n} characters, the limit is {max}. Shorten it or send it in parts.', { n, max })}
      </div>`;
    if (n < max * COUNT_FROM) return html`<div id="count" hidden></div>`;
    return html`<div id="count" class="count" part="count" aria-live="polite">${this.i18n.number(n)} / ${this.i18n.number(max)}</div>`;
  }

  private measure(): void {
    this.length = codePointLength(this.input.value.trim());
  }

  /** The text in the input (what the user typed, or a draft put back). */
  get text(): string {
    return this.input?.value ?? '';
  }

  set text(value: string) {
    if (!this.input || this.input.value === value) return;
    this.input.value = value;
    this.measure();
    this.autoSize();
  }

  override focus(): void {
    this.input?.focus();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send();
    } else if (e.key === 'ArrowUp' && this.input.value === '' && !this.mode) {
      e.preventDefault();
      this.dispatchEvent(new EthoraEditLastEvent());
    } else if (e.key === 'Escape' && this.mode) {
      e.preventDefault();
      this.cancel();
    }
  }

  private pickFiles(): void {
    this.renderRoot.querySelector<HTMLInputElement>('.files')?.click();
  }

  private onFiles(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) this.dispatchEvent(new EthoraAttachEvent({ files }));
  }

  private onPaste(e: ClipboardEvent): void {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    this.dispatchEvent(new EthoraAttachEvent({ files }));
  }

  private onInput(): void {
    this.measure();
    this.autoSize();
    if (!this.input.value) return this.stopTyping();
    if (!this.composing) {
      this.composing = true;
      this.dispatchEvent(new EthoraTypingEvent({ state: 'composing' }));
    }
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.stopTyping(), PAUSE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.pauseTimer);
    if (!this.composing) return;
    this.composing = false;
    this.dispatchEvent(new EthoraTypingEvent({ state: 'paused' }));
  }

  private cancel(): void {
    if (this.mode?.kind === 'edit') {
      this.input.value = '';
      this.measure();
      this.autoSize();
    }
    this.dispatchEvent(new EthoraCancelEvent());
    this.input.focus();
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    this.send();
  }

  private send(): void {
    const text = this.input.value;
    if (!text.trim() || this.disabled) return;
    // Over the limit the text stays, and the alert above the input says why nothing was sent.
    if (codePointLength(text.trim()) > MAX_BODY_LENGTH) return void this.measure();
    // A listener that prevents the send (the host page's veto) leaves the text in the input.
    if (!this.dispatchEvent(new EthoraSendEvent({ room: this.room, text }))) return;
    clearTimeout(this.pauseTimer);
    this.composing = false; // the message itself ends the typing indication for others
    this.input.value = '';
    this.measure();
    this.autoSize();
  }

  private autoSize(): void {
    const el = this.input;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 160)}px`;
  }
}
