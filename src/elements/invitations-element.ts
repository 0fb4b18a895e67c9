import { LitElement, html, nothing } from 'lit';
import { EthoraRoomSelectEvent } from '../events/room-events.js';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { StoreController } from '../controllers/store-controller.js';
import type { ChatSession } from '../session/chat-session.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { sessionContext } from './session-context.js';
import { theme } from './theme.js';
import { invitationsStyles } from './invitations-element.styles.js';

/**
 * Invitations to rooms (mediated or direct): who invited the user to which room, both as full
 * addresses (a name the inviter chose proves nothing), with Join and Decline. Join refuses an
 * address that is not a room of a MUC service, and a private chat that is not private.
 *
 * @csspart invitation
 *
 * @tag ethora-invitations
 */
export class InvitationsElement extends LitElement {
  static override styles = [theme, invitationsStyles];

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;
  @state() private errors: Record<string, string> = {};
  private readonly list = new StoreController(this, () => ({ session: this.session, topic: 'rooms' }));

  protected override willUpdate(): void {
    this.list.refresh();
  }

  protected override render() {
    const invitations = this.session?.store.invitations ?? [];
    if (!invitations.length) return nothing;
    return html`<ul aria-label=${this.i18n.t('Invitations')}>
      ${repeat(
        invitations,
        (i) => i.room,
        (i) => html`<li part="invitation">
        <span class="text">${this.i18n.t('{who} invited you to {room}', { who: i.from, room: i.room })}${i.reason ? html` — <bdi>${i.reason}</bdi>` : nothing}</span>
        <button class="primary" @click=${() => this.accept(i.room)}>${this.i18n.t('Join')}</button>
        <button @click=${() => this.session?.admin.decline(i.room)}>${this.i18n.t('Decline')}</button>
        ${this.errors[i.room] ? html`<p class="error" role="alert">${this.errors[i.room]}</p>` : nothing}
      </li>`,
      )}
    </ul>`;
  }

  private async accept(room: string): Promise<void> {
    try {
      await this.session?.admin.join(room);
      this.dispatchEvent(new EthoraRoomSelectEvent({ room }));
    } catch (err) {
      this.errors = { ...this.errors, [room]: this.i18n.sentence((err as Error).message) };
    }
  }
}
