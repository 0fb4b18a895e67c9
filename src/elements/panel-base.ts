import { LitElement, html, nothing } from 'lit';
import { EthoraCloseEvent } from '../events/room-events.js';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import type { ChatSession } from '../session/chat-session.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { sessionContext } from './session-context.js';
import { theme } from './theme.js';
import { panelStyles } from './panel-base.styles.js';

/**
 * A panel of the chat (a form or list over the room or the room list): the session by
 * context, a close button that fires `ethora-close`, and `run()` for an action that shows
 * "busy" while it runs and its error, if any, where the user acted.
 *
 * @fires ethora-close {CustomEvent} the user closed the panel (or it finished its job)
 */
export class PanelElement extends LitElement {
  static override styles = [theme, panelStyles];

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;
  /** An action is running. */
  @state() protected busy = false;
  /** Why the last action failed ('' when it did not). */
  @state() protected error = '';

  /** Runs an action; true when it succeeded. */
  protected async run(action: () => unknown): Promise<boolean> {
    this.busy = true;
    this.error = '';
    try {
      await action();
      return true;
    } catch (err) {
      this.error = (err as Error)?.message || 'That did not work';
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Shorthand for the language's text. */
  protected t(english: string, values?: Readonly<Record<string, string | number>>): string {
    return this.i18n.t(english, values);
  }

  protected close(): void {
    this.dispatchEvent(new EthoraCloseEvent());
  }

  protected header(title: string) {
    return html`<div class="head" part="panel-header">
      <h2 id="title">${title}</h2>
      <button class="close" aria-label=${this.i18n.t('Close')} @click=${() => this.close()}>×</button>
    </div>`;
  }

  protected errorLine() {
    return this.error ? html`<p class="error" role="alert" part="error">${this.i18n.sentence(this.error)}</p>` : nothing;
  }

  /** Focuses the panel's first field (or its first button). */
  override focus(): void {
    const root = this.renderRoot;
    (root.querySelector<HTMLElement>('input:checked, input, textarea') ?? root.querySelector<HTMLElement>('button'))?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.close();
  };
}
