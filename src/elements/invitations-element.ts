import { LitElement, css, html, nothing } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { StoreController } from '../controllers/store-controller.js';
import type { ChatSession } from '../session/chat-session.js';
import { localPart } from '../session/ids.js';
import { sessionContext } from './session-context.js';
import { theme } from './theme.js';

/**
 * Invitations to rooms (mediated or direct): who invited the user to which room, with Join
 * and Decline.
 *
 * @csspart invitation
 *
 * @tag ethora-invitations
 */
export class InvitationsElement extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      ul { list-style: none; margin: 0; padding: 0; }
      li {
        display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); padding: 6px calc(var(--_space) * 1.5);
        background: color-mix(in srgb, var(--_accent) 10%, var(--_bg)); border-bottom: 1px solid var(--_border);
      }
      .text { flex: 1; min-width: 10em; overflow-wrap: anywhere; }
      button { padding: 3px 10px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
      button.primary { border-color: var(--_accent); background: var(--_accent); color: var(--_accent-text); font-weight: 600; }
      .error { color: var(--_error); width: 100%; margin: 0; }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  @state() private errors: Record<string, string> = {};
  private readonly list = new StoreController(this, () => ({ session: this.session, topic: 'rooms' }));

  protected override willUpdate(): void {
    this.list.refresh();
  }

  protected override render() {
    const invitations = this.session?.store.invitations ?? [];
    if (!invitations.length) return nothing;
    return html`<ul aria-label="Invitations">
      ${repeat(invitations, (i) => i.room, (i) => html`<li part="invitation">
        <span class="text"><strong>${localPart(i.from)}</strong> invited you to <strong>${localPart(i.room)}</strong>${i.reason ? html` — ${i.reason}` : nothing}</span>
        <button class="primary" @click=${() => this.accept(i.room)}>Join</button>
        <button @click=${() => this.session?.admin.decline(i.room)}>Decline</button>
        ${this.errors[i.room] ? html`<p class="error" role="alert">${this.errors[i.room]}</p>` : nothing}
      </li>`)}
    </ul>`;
  }

  private async accept(room: string): Promise<void> {
    try {
      await this.session?.admin.join(room);
      this.dispatchEvent(new CustomEvent('ethora-room-select', { detail: { room }, bubbles: true, composed: true }));
    } catch (err) {
      this.errors = { ...this.errors, [room]: (err as Error).message };
    }
  }
}
