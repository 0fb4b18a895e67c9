import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { provide } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import { ChatSession } from '../session/chat-session.js';
import { sessionContext } from './session-context.js';
import { theme } from './theme.js';

/** Splits the `rooms` attribute: JIDs separated by spaces or commas. */
export function parseRoomList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).map((s) => s.trim()).filter((s) => /^[^@\s/]+@[^@\s/]+$/.test(s));
}

/**
 * The chat widget: one XMPP session (its own, so several widgets on a page are independent),
 * the connection state, the room list and the active room. Without credentials it shows a
 * sign-in form.
 *
 * @fires ethora-room-select {CustomEvent<{room: string}>} (from the room list)
 * @csspart header, status, rooms, room, login
 * @cssproperty --ethora-color-accent and the other tokens in README.md
 */
export class ChatElement extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: flex; flex-direction: column; position: relative; overflow: hidden;
        width: 100%; height: 100%; min-height: 320px; min-width: 280px;
        background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius);
        container-type: inline-size;
      }
      :host([hidden]) { display: none; }
      header {
        display: flex; align-items: center; justify-content: space-between; gap: var(--_space);
        padding: 6px calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border); background: var(--_surface);
      }
      .me { font-size: 0.85em; color: var(--_muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .main { flex: 1; display: grid; grid-template-columns: minmax(200px, 30%) 1fr; min-height: 0; }
      ethora-room-list { border-inline-end: 1px solid var(--_border); }
      @container (max-width: 599px) {
        .main { grid-template-columns: 1fr; }
        .main[data-view='room'] ethora-room-list { display: none; }
        .main[data-view='list'] ethora-room { display: none; }
      }
    `,
  ];

  /** WebSocket URL of the XMPP service, e.g. wss://chat.example.com/ws. */
  @property() service = '';
  /** Account address (user@server). */
  @property() jid = '';
  /** Account password. Kept in memory only, never written to storage. */
  @property() password = '';
  /** Room JIDs to join at start, separated by spaces or commas; pinned in the list. */
  @property() rooms = '';
  /** Nick in rooms; default: the JID's local part. */
  @property() nick = '';
  /** Which wire dialect the widget writes: `standard` XEPs, or `ethora` for Ethora servers and clients. It reads both. */
  @property() dialect: 'standard' | 'ethora' = 'standard';
  /** Reconnect attempts after a lost connection before the error state. */
  @property({ type: Number, attribute: 'max-reconnect-attempts' }) maxReconnectAttempts = 3;

  @provide({ context: sessionContext }) protected session = new ChatSession();
  @state() private loginError = '';
  /** The last sign-in was refused: ask for credentials again. */
  @state() private authFailed = false;
  @state() private loggingIn = false;
  /** Narrow layouts show either the list or the room. */
  @state() private view: 'list' | 'room' = 'room';
  private readonly list = new StoreController(this, () => ({ session: this.session, topic: 'rooms' }));
  private startedWith = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.list.refresh();
    void this.startIfReady();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.startedWith = '';
    void this.session.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['service', 'jid', 'password', 'rooms', 'nick', 'maxReconnectAttempts', 'dialect'] as const;
    if (keys.some((k) => changed.has(k))) void this.startIfReady();
  }

  private get hasCredentials(): boolean {
    return Boolean(this.service && this.jid && this.password);
  }

  /** (Re)starts the session when the connection settings are complete and have changed. */
  private async startIfReady(): Promise<void> {
    if (!this.isConnected || !this.hasCredentials) return;
    const signature = JSON.stringify([this.service, this.jid, this.password, this.rooms, this.nick, this.maxReconnectAttempts, this.dialect]);
    if (signature === this.startedWith) return;
    this.startedWith = signature;
    this.loggingIn = true;
    try {
      await this.session.start({
        service: this.service,
        jid: this.jid,
        password: this.password,
        nick: this.nick || undefined,
        rooms: parseRoomList(this.rooms),
        maxReconnectAttempts: Math.max(0, Number(this.maxReconnectAttempts) || 0),
        dialect: this.dialect === 'ethora' ? 'ethora' : 'standard',
      });
      this.loginError = '';
      this.authFailed = false;
    } catch (err) {
      if (signature !== this.startedWith) return;
      this.loginError = (err as Error).message;
      this.authFailed = (err as { condition?: string }).condition === 'not-authorized';
    } finally {
      this.loggingIn = false;
    }
  }

  protected override render() {
    const store = this.session.store;
    const showLogin = !this.hasCredentials || this.authFailed;
    return html`
      <header part="header">
        <ethora-connection-status part="status"></ethora-connection-status>
        ${store.me ? html`<span class="me">${store.me}</span>` : nothing}
      </header>
      ${showLogin
        ? html`<ethora-login part="login" .jid=${this.jid} .error=${this.loginError} ?busy=${this.loggingIn} @ethora-login=${this.onLogin}></ethora-login>`
        : html`<div class="main" data-view=${this.view}>
            <ethora-room-list part="rooms" @ethora-room-select=${() => (this.view = 'room')}></ethora-room-list>
            <ethora-room part="room" .room=${store.activeRoom ?? ''} back @ethora-back=${() => (this.view = 'list')}></ethora-room>
          </div>`}
    `;
  }

  private onLogin(e: CustomEvent<{ jid: string; password: string }>): void {
    if (!this.service) {
      this.loginError = 'This chat has no server configured (the service attribute is missing)';
      return;
    }
    this.loginError = '';
    this.startedWith = '';
    this.jid = e.detail.jid;
    this.password = e.detail.password;
  }
}
