import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { theme } from './theme.js';

/**
 * Sign-in form shown when the widget has no credentials: an XMPP address, or (mode `email`,
 * the Ethora API sign-in) an email. The password is handed on and never stored.
 *
 * @fires ethora-login {CustomEvent<{jid: string, password: string, email?: string}>} (`jid` is '' in email mode)
 * @csspart form, error
 *
 * @tag ethora-login
 */
export class LoginElement extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: grid; place-items: center; padding: calc(var(--_space) * 3); }
      form { display: grid; gap: var(--_space); width: min(320px, 100%); }
      h2 { margin: 0 0 var(--_space); font-size: 1.2em; }
      label { display: grid; gap: 4px; font-size: 0.9em; color: var(--_muted); }
      input {
        font: inherit; color: var(--_text); background: var(--_surface); padding: 8px 10px;
        border: 1px solid var(--_border); border-radius: var(--_radius);
      }
      button {
        margin-top: var(--_space); padding: 9px; border: none; border-radius: var(--_radius);
        background: var(--_accent); color: var(--_accent-text); font-weight: 600;
      }
      .error { color: var(--_error); margin: 0; }
    `,
  ];

  /** A message to show above the form, e.g. "Wrong username or password". */
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  /** Pre-filled address. */
  @property() jid = '';
  /** `xmpp`: address and password; `email`: email and password for the Ethora API. */
  @property() mode: 'xmpp' | 'email' = 'xmpp';

  protected override render() {
    return html`<form part="form" @submit=${this.onSubmit} aria-busy=${this.busy ? 'true' : 'false'}>
      <h2>Sign in to chat</h2>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
      ${this.mode === 'email'
        ? html`<label>Email
            <input name="email" type="email" autocomplete="email" required />
          </label>`
        : html`<label>Address (user@server)
            <input name="jid" type="text" autocomplete="username" required .value=${this.jid} />
          </label>`}
      <label>Password
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
    </form>`;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    if (this.mode === 'email') {
      const email = String(data.get('email') ?? '').trim();
      const password = String(data.get('password') ?? '');
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
        this.error = 'Enter your email address';
        return;
      }
      this.dispatchEvent(new CustomEvent('ethora-login', { detail: { jid: '', email, password }, bubbles: true, composed: true }));
      return;
    }
    const jid = String(data.get('jid') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!jid.includes('@')) {
      this.error = 'Enter your address as user@server';
      return;
    }
    this.dispatchEvent(new CustomEvent('ethora-login', { detail: { jid, password }, bubbles: true, composed: true }));
  }
}
