import { LitElement, css, html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { theme } from './theme.js';

/**
 * The message input: Enter sends, Shift+Enter starts a new line.
 *
 * @fires ethora-send {CustomEvent<{text: string}>} the user sent a message
 * @csspart composer, input, send
 */
export class ComposerElement extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; border-top: 1px solid var(--_border); background: var(--_bg); }
      form { display: flex; gap: var(--_space); padding: var(--_space); align-items: flex-end; }
      textarea {
        flex: 1; resize: none; min-height: 40px; max-height: 160px; padding: 9px 10px;
        font: inherit; color: var(--_text); background: var(--_surface);
        border: 1px solid var(--_border); border-radius: var(--_radius);
      }
      button {
        height: 40px; padding: 0 16px; border: none; border-radius: var(--_radius);
        background: var(--_accent); color: var(--_accent-text); font-weight: 600;
      }
      button:disabled { opacity: 0.5; cursor: default; }
    `,
  ];

  /** Placeholder and accessible label of the input. */
  @property() label = 'Write a message';
  @property({ type: Boolean }) disabled = false;
  @query('textarea') private input!: HTMLTextAreaElement;

  protected override render() {
    return html`<form part="composer" @submit=${this.onSubmit}>
      <textarea
        part="input"
        rows="1"
        aria-label=${this.label}
        placeholder=${this.label}
        ?disabled=${this.disabled}
        @keydown=${this.onKeyDown}
        @input=${this.autoSize}
      ></textarea>
      <button part="send" type="submit" ?disabled=${this.disabled}>Send</button>
    </form>`;
  }

  override focus(): void {
    this.input?.focus();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send();
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    this.send();
  }

  private send(): void {
    const text = this.input.value;
    if (!text.trim() || this.disabled) return;
    this.dispatchEvent(new CustomEvent('ethora-send', { detail: { text }, bubbles: true, composed: true }));
    this.input.value = '';
    this.autoSize();
  }

  private autoSize(): void {
    const el = this.input;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 160)}px`;
  }
}
