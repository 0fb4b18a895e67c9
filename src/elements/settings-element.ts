import { LitElement, html, nothing } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { StoreController } from '../controllers/store-controller.js';
import type { ChatSession } from '../session/chat-session.js';
import type { Permission } from '../session/notifications.js';
import { sessionContext } from './session-context.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { theme } from './theme.js';
import { settingsStyles } from './settings-element.styles.js';

/**
 * The account's settings: browser notifications (asked for only when the user turns them on)
 * and the blocked users, each with Unblock, and a field to block an address. Refusals are shown here.
 *
 * @csspart settings, notify, blocked-list, blocked-user, unblock, block-form, error
 *
 * @tag ethora-settings
 */
export class SettingsElement extends LitElement {
  static override styles = [theme, settingsStyles];

  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  @state() private error = '';
  @state() private busy = new Set<string>();
  /** The permission after the user last asked (the Notification API has no change event everywhere). */
  @state() private permission?: Permission;
  private readonly social = new StoreController(this, () => ({ session: this.session, topic: 'social' }));

  protected override willUpdate(): void {
    this.social.refresh();
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const n = session.notifications;
    const permission = this.permission ?? n.permission;
    const blocked = [...session.store.blocked].sort();
    const t = (text: string, values?: Readonly<Record<string, string>>) => this.i18n.t(text, values);
    return html`<section part="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">${t('Settings')}</h2>
      <label part="notify">
        <input type="checkbox" .checked=${n.enabled && permission === 'granted'} ?disabled=${permission === 'unsupported'} @change=${this.onNotify} />
        <span>${t('Notify me of new messages while this page is hidden')}</span>
      </label>
      ${
        permission === 'denied'
          ? html`<p class="hint">${t('Notifications are blocked for this site in the browser’s settings.')}</p>`
          : permission === 'unsupported'
            ? html`<p class="hint">${t('This browser cannot show notifications here.')}</p>`
            : html`<p class="hint">${t('For rooms you are subscribed to and have not muted.')}</p>`
      }
      <h3 id="blocked-heading">${t('Blocked users')}</h3>
      ${
        blocked.length
          ? html`<ul part="blocked-list" aria-labelledby="blocked-heading">
            ${repeat(
              blocked,
              (j) => j,
              (j) => html`<li part="blocked-user"><span title=${j}>${j}</span>
              <button part="unblock" aria-label=${t('Unblock {name}', { name: j })} ?disabled=${this.busy.has(j)} @click=${() => this.unblock(j)}>${t('Unblock')}</button></li>`,
            )}
          </ul>`
          : html`<p class="hint">${t('No one is blocked. Block someone from the menu of one of their messages, or by address here.')}</p>`
      }
      <form part="block-form" @submit=${this.onBlock}>
        <input name="jid" type="text" aria-label=${t('Address to block')} placeholder="name@server" autocomplete="off" maxlength="300" />
        <button type="submit">${t('Block')}</button>
      </form>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.i18n.sentence(this.error)}</p>` : nothing}
    </section>`;
  }

  private async onNotify(e: Event): Promise<void> {
    const box = e.target as HTMLInputElement;
    const n = this.session!.notifications;
    this.error = '';
    if (!box.checked) {
      n.disable();
      return;
    }
    // This runs in the click's user gesture: the browser may show its permission prompt.
    this.permission = await n.enable();
    box.checked = this.permission === 'granted';
    if (this.permission === 'denied') this.error = this.i18n.t('The browser did not allow notifications');
  }

  /** Blocks an address typed by the user (someone who writes to them directly, say). */
  private async onBlock(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('jid') as HTMLInputElement;
    const jid = input.value.trim();
    this.error = '';
    if (!/^[^@\s/]+@[^@\s/]+$/.test(jid)) {
      this.error = this.i18n.t('Type an address like name@server');
      return;
    }
    try {
      await this.session!.block(jid);
      input.value = '';
    } catch (err) {
      this.error = this.i18n.t('Could not block {name}: {reason}', { name: jid, reason: this.i18n.sentence((err as Error).message) });
    }
  }

  private async unblock(jid: string): Promise<void> {
    this.busy = new Set(this.busy).add(jid);
    this.error = '';
    try {
      await this.session!.unblock(jid);
    } catch (err) {
      this.error = this.i18n.t('Could not unblock {name}: {reason}', { name: jid, reason: this.i18n.sentence((err as Error).message) });
    } finally {
      const next = new Set(this.busy);
      next.delete(jid);
      this.busy = next;
    }
  }
}
