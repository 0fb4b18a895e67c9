import { LitElement, html, nothing } from 'lit';
import { consume } from '@lit/context';
import { property } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import type { ChatSession } from '../session/chat-session.js';
import type { ConnectionState } from '../state/chat-store.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { sessionContext } from './session-context.js';
import { theme } from './theme.js';
import { connectionStatusStyles } from './connection-status-element.styles.js';

/** Human text for a connection state. */
export function describeConnection(c: ConnectionState, i18n: Translator = english): string {
  switch (c.status) {
    case 'idle':
      return i18n.t('Not connected');
    case 'connecting':
      return i18n.t('Connecting…');
    case 'online':
      return i18n.t('Online');
    case 'reconnecting':
      return i18n.t('Reconnecting (attempt {attempt} of {max})…', { attempt: c.attempt, max: c.maxAttempts });
    case 'offline':
      return i18n.t('Offline');
    case 'error':
      return i18n.t('Error: {reason}', { reason: c.reason ? i18n.sentence(c.reason) : i18n.t('connection failed') });
  }
}

/**
 * The connection state, always visible, with a Retry button in the error state.
 * @csspart status, retry
 *
 * @tag ethora-connection-status
 */
export class ConnectionStatusElement extends LitElement {
  static override styles = [theme, connectionStatusStyles];

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  /** The widget's language (its `lang`), from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;
  @property({ reflect: true }) status = 'idle';
  private readonly conn = new StoreController(this, () => ({ session: this.session, topic: 'connection' }));

  protected override willUpdate(): void {
    this.conn.refresh();
    this.status = this.session?.store.connection.status ?? 'idle';
  }

  protected override render() {
    const state = this.session?.store.connection;
    if (!state) return nothing;
    return html`<span class="dot" aria-hidden="true"></span>
      <span part="status" role="status" aria-live="polite">${describeConnection(state, this.i18n)}</span>
      ${state.status === 'error' ? html`<button part="retry" @click=${() => this.session?.retry()}>${this.i18n.t('Retry')}</button>` : nothing}`;
  }
}
