import { LitElement, html } from 'lit';
import { EthoraRevealEvent } from '../events/message-events.js';
import { consume } from '@lit/context';
import { property } from 'lit/decorators.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { theme } from './theme.js';
import { blockedLineStyles } from './blocked-line-element.styles.js';

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
  static override styles = [theme, blockedLineStyles];

  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  protected override render() {
    return html`<p part="blocked">${this.i18n.t('Hidden message from a blocked user')}
      <button part="reveal" aria-label=${this.i18n.t('Show the hidden message from a blocked user')} @click=${this.reveal}>${this.i18n.t('Show')}</button></p>`;
  }

  private reveal(): void {
    this.dispatchEvent(new EthoraRevealEvent());
  }
}
