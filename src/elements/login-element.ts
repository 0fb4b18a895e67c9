import { LitElement, html, nothing } from 'lit';
import { EthoraLoginEvent } from '../events/session-events.js';
import { consume } from '@lit/context';
import { property } from 'lit/decorators.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { theme } from './theme.js';
import { formText } from './form-text.js';
import { loginStyles } from './login-element.styles.js';

/** What the sign-in form hands to its widget. */
export interface LoginCredentials {
  jid: string;
  password: string;
  email?: string;
}

/**
 * Sign-in form shown when the widget has no credentials: an XMPP address, or (mode `email`,
 * the Ethora API sign-in) an email. The password is handed on and never stored.
 *
 * @fires ethora-login {CustomEvent<{jid: string, email?: string}>} the user submitted the form (`jid` is '' in
 *   email mode). The password is not in the event (a page's analytics script would hear it):
 *   it goes to the `submit` callback only.
 * @csspart form, error
 *
 * @tag ethora-login
 */
export class LoginElement extends LitElement {
  static override styles = [theme, loginStyles];

  /** A message to show above the form, e.g. "Wrong username or password". */
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  /** Pre-filled address. */
  @property() jid = '';
  /** Receives what the user typed, password included (set by <ethora-chat>; never an event). */
  @property({ attribute: false }) submit?: (credentials: LoginCredentials) => void;
  /** `xmpp`: address and password; `email`: email and password for the Ethora API. */
  @property() mode: 'xmpp' | 'email' = 'xmpp';
  /** The widget's language (its `lang`), from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  protected override render() {
    const t = (text: string) => this.i18n.t(text);
    return html`<form part="form" @submit=${this.onSubmit} aria-busy=${this.busy ? 'true' : 'false'}>
      <h2>${t('Sign in to chat')}</h2>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.i18n.sentence(this.error)}</p>` : nothing}
      ${
        this.mode === 'email'
          ? html`<label>${t('Email')}
            <input name="email" type="email" autocomplete="email" required />
          </label>`
          : html`<label>${t('Address (user@server)')}
            <input name="jid" type="text" autocomplete="username" required .value=${this.jid} />
          </label>`
      }
      <label>${t('Password')}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit" ?disabled=${this.busy}>${this.busy ? t('Signing in…') : t('Sign in')}</button>
    </form>`;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    if (this.mode === 'email') {
      const email = formText(data, 'email').trim();
      const password = formText(data, 'password');
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
        this.error = /* i18n */ 'Enter your email address';
        return;
      }
      this.hand(form, { jid: '', email, password });
      return;
    }
    const jid = formText(data, 'jid').trim();
    const password = formText(data, 'password');
    if (!jid.includes('@')) {
      this.error = /* i18n */ 'Enter your address as user@server';
      return;
    }
    this.hand(form, { jid, password });
  }

  /** The password to the callback, the rest to the page; the typed password leaves the DOM. */
  private hand(form: HTMLFormElement, credentials: LoginCredentials): void {
    const input = form.elements.namedItem('password');
    if (input instanceof HTMLInputElement) input.value = '';
    this.submit?.(credentials);
    const detail = credentials.email === undefined ? { jid: credentials.jid } : { jid: '', email: credentials.email };
    this.dispatchEvent(new EthoraLoginEvent(detail));
  }
}
