import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Message } from '../state/message.js';
import { theme } from './theme.js';
import { formatTime, hue, initials, linkify } from './text.js';

/**
 * One message: avatar initials in a stable colour, sender, time, body as text with safe
 * links, and delivery state (pending, failed with a retry button).
 *
 * @fires ethora-retry {CustomEvent<{key: string}>} the user asked to resend a failed message
 * @csspart message, avatar, author, time, bubble, body, status
 */
export class MessageElement extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; padding: 2px var(--_space); }
      .row { display: grid; grid-template-columns: 36px 1fr; gap: var(--_space); align-items: start; }
      .avatar {
        width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center;
        font-size: 13px; font-weight: 600; color: #fff; user-select: none;
      }
      .head { display: flex; gap: var(--_space); align-items: baseline; min-width: 0; }
      .author { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .time { color: var(--_muted); font-size: 0.8em; white-space: nowrap; }
      .bubble {
        display: inline-block; max-width: 100%; padding: 6px 10px; margin-top: 2px;
        background: var(--_bubble); border-radius: var(--_radius);
      }
      :host([own]) .bubble { background: var(--_own-bubble); }
      .body { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
      .body a { color: var(--_accent); }
      .status { font-size: 0.8em; color: var(--_muted); margin-top: 2px; }
      .failed { color: var(--_error); }
      .status button {
        background: none; border: 1px solid currentColor; border-radius: 6px; padding: 0 6px; margin-left: 4px;
      }
      :host([status='pending']) .bubble { opacity: 0.7; }
    `,
  ];

  @property({ attribute: false }) message?: Message;
  /** Continues a group of messages from the same sender: no avatar or name. */
  @property({ type: Boolean, reflect: true }) continued = false;
  @property({ type: Boolean, reflect: true }) own = false;
  @property({ reflect: true }) status = 'sent';

  protected override willUpdate(): void {
    this.own = this.message?.own ?? false;
    this.status = this.message?.status ?? 'sent';
  }

  protected override render() {
    const m = this.message;
    if (!m) return nothing;
    const time = formatTime(m.time);
    return html`
      <div class="row" part="message">
        ${this.continued
          ? html`<span></span>`
          : html`<div class="avatar" part="avatar" aria-hidden="true" style="background:hsl(${hue(m.senderName)} 55% 42%)">
              ${initials(m.senderName)}
            </div>`}
        <div>
          ${this.continued
            ? html`<span class="sr-only">${m.senderName}, ${time}:</span>`
            : html`<div class="head">
                <span class="author" part="author">${m.senderName}</span>
                <time class="time" part="time" datetime=${new Date(m.time).toISOString()}>${time}</time>
              </div>`}
          <div class="bubble" part="bubble">
            <div class="body" part="body">${linkify(m.body).map((s) =>
              'href' in s ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer">${s.text}</a>` : s.text,
            )}</div>
          </div>
          ${this.renderStatus(m)}
        </div>
      </div>
    `;
  }

  private renderStatus(m: Message) {
    if (m.status === 'pending') return html`<div class="status" part="status">Sending…</div>`;
    if (m.status === 'failed')
      return html`<div class="status failed" part="status" role="alert">
        Not sent${m.error ? html`: ${m.error}` : nothing}
        <button @click=${this.onRetry}>Retry</button>
      </div>`;
    return nothing;
  }

  private onRetry(): void {
    if (!this.message) return;
    this.dispatchEvent(
      new CustomEvent('ethora-retry', { detail: { key: this.message.key }, bubbles: true, composed: true }),
    );
  }
}
