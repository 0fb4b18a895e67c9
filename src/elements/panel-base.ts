import { LitElement, css, html, nothing } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import type { ChatSession } from '../session/chat-session.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { sessionContext } from './session-context.js';
import { theme } from './theme.js';

/** Look of the panels (forms and lists over the chat): fields, buttons, rows, errors. */
export const panelStyles = css`
  :host { display: flex; flex-direction: column; min-height: 0; background: var(--_bg); color: var(--_text); }
  .head {
    display: flex; align-items: center; gap: var(--_space); padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
  }
  h2 { margin: 0; font-size: 1.05em; flex: 1; }
  h3 { margin: calc(var(--_space) * 2) 0 var(--_space); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; color: var(--_muted); }
  .body { flex: 1; overflow-y: auto; padding: var(--_space) calc(var(--_space) * 1.5); }
  form { display: grid; gap: var(--_space); }
  label { display: grid; gap: 4px; font-size: 0.9em; color: var(--_muted); }
  label.check { display: flex; align-items: center; gap: var(--_space); color: var(--_text); }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); display: grid; gap: 4px; margin: 0; }
  legend { font-size: 0.9em; color: var(--_muted); padding: 0 4px; }
  input[type='text'], input[type='search'], textarea {
    font: inherit; color: var(--_text); background: var(--_surface); padding: 7px 10px; width: 100%;
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  textarea { resize: vertical; min-height: 3.5em; }
  button {
    padding: 6px 12px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
  }
  button.primary { border-color: var(--_accent); background: var(--_accent); color: var(--_accent-text); font-weight: 600; }
  button.danger { border-color: var(--_error); color: var(--_error); background: none; }
  button.close { border: none; background: none; font-size: 1.3em; line-height: 1; padding: 2px 8px; }
  button:disabled { opacity: 0.6; cursor: default; }
  .row { display: flex; gap: var(--_space); align-items: center; flex-wrap: wrap; }
  .error { color: var(--_error); margin: 0; }
  .muted { color: var(--_muted); font-size: 0.85em; }
  .empty { color: var(--_muted); padding: var(--_space) 0; }
  ul { list-style: none; margin: 0; padding: 0; }
  li.item { padding: 6px 0; border-bottom: 1px solid var(--_border); }
  .grow { flex: 1; min-width: 0; overflow-wrap: anywhere; }
`;

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
    this.dispatchEvent(new CustomEvent('ethora-close', { bubbles: true, composed: true }));
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
