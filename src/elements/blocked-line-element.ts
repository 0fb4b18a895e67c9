import { LitElement, css, html } from 'lit';
import { theme } from './theme.js';

/**
 * The collapsed stand-in for a message from a user the reader blocked: one muted line and a
 * button that reveals the message (for this view only; nothing is sent).
 *
 * @fires ethora-reveal {CustomEvent} the reader asked to see the hidden message
 * @csspart blocked, reveal
 *
 * @tag ethora-blocked-line
 */
export class BlockedLineElement extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      p { margin: 2px 0 2px 44px; color: var(--_muted); font-size: 0.85em; font-style: italic; display: flex; gap: var(--_space); align-items: baseline; }
      button { font-style: normal; border: 1px solid var(--_border); background: var(--_bg); border-radius: 6px; padding: 0 8px; }
    `,
  ];

  protected override render() {
    return html`<p part="blocked">Hidden message from a blocked user
      <button part="reveal" aria-label="Show the hidden message from a blocked user" @click=${this.reveal}>Show</button></p>`;
  }

  private reveal(): void {
    this.dispatchEvent(new CustomEvent('ethora-reveal', { bubbles: true, composed: true }));
  }
}
