import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { provide } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { ChatEventsController } from '../controllers/chat-events-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { ChatSession, refusedCredentials, type MessageFilter } from '../session/chat-session.js';
import { domainOfService, EthoraAccount, type XmppCredentials } from '../session/ethora-account.js';
import type { KeepAliveOptions } from '../session/session-options.js';
import type { ConnectionState } from '../state/chat-store.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, pickLocale, Translator } from '../i18n/translator.js';
import { plusIcon, searchIcon } from './icons.js';
import type { LoginCredentials } from './login-element.js';
import { sessionContext } from './session-context.js';
import { theme } from './theme.js';

/** Splits the `rooms` attribute: JIDs separated by spaces or commas. */
/**
 * Gives the widget an account's credentials, asked for before the first connect and again
 * before every reconnect (so a short-lived token can be renewed). The password may be a token.
 */
export type CredentialsCallback = () => Promise<{ jid: string; password: string }> | { jid: string; password: string };

export function parseRoomList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).map((s) => s.trim()).filter((s) => /^[^@\s/]+@[^@\s/]+$/.test(s));
}

/**
 * The chat widget: one XMPP session (its own, so several widgets on a page are independent),
 * the connection state, the room list and the active room. Without credentials it shows a
 * sign-in form.
 *
 * @fires ethora-connection-change {CustomEvent<ConnectionState>} the connection state changed
 * @fires ethora-message-received {CustomEvent<{room: string, message: EventMessage}>} a new message from someone else
 * @fires ethora-message-sent {CustomEvent<{room: string, message: EventMessage}>} the room confirmed a message of ours
 * @fires ethora-unread-change {CustomEvent<{total: number}>} the total unread count changed
 * @fires ethora-room-open {CustomEvent<{room: string}>} a room was opened
 * @fires ethora-error {CustomEvent<{message: string, room?: string}>} a failure the user sees
 * @fires ethora-room-select {CustomEvent<{room: string}>} (from the room list)
 * @slot header - replaces the header's content (connection state and account)
 * @slot empty - replaces the text shown when the user has no rooms
 * @csspart frame, header, status, rooms, room, login, empty, launcher, badge
 * @cssproperty --ethora-color-accent and the other tokens in README.md
 *
 * @tag ethora-chat
 */
export class ChatElement extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block; position: relative; width: 100%; height: 100%; min-height: 320px; min-width: 280px;
        container-type: inline-size;
      }
      :host([hidden]) { display: none; }
      .frame {
        display: flex; flex-direction: column; height: 100%; overflow: hidden;
        background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius);
        /* Set again inside: a host page's rules can reach the <ethora-chat> element itself
           (e.g. "* { color: red !important }"), and these properties inherit. */
        color: var(--_text); font-family: var(--_font); font-size: var(--_font-size);
        font-style: normal; font-weight: normal; letter-spacing: normal; line-height: 1.4;
        text-align: start; text-transform: none; text-shadow: none; word-spacing: normal;
      }
      :host([view='fullscreen']) { position: fixed; inset: 0; width: auto; height: auto; z-index: 2147483000; }
      :host([view='fullscreen']) .frame { border-radius: 0; border: none; }
      :host([view='floating']) {
        position: fixed; inset-block-end: 16px; inset-inline-end: 16px; width: 56px; height: 56px;
        min-width: 0; min-height: 0; z-index: 2147483000;
      }
      :host([view='floating']) .frame {
        position: absolute; inset-block-end: 68px; inset-inline-end: 0;
        width: min(380px, calc(100vw - 32px)); height: min(560px, calc(100vh - 100px));
        box-shadow: 0 8px 32px rgb(0 0 0 / 0.25);
      }
      :host([view='floating']:not([open])) .frame { display: none; }
      .launcher {
        width: 56px; height: 56px; border-radius: 50%; border: none; position: relative;
        background: var(--_accent); color: var(--_accent-text); box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
        display: grid; place-items: center;
      }
      .launcher .badge {
        position: absolute; top: -4px; inset-inline-end: -4px; min-width: 22px; height: 22px; padding: 0 6px;
        border-radius: 11px; background: var(--_error); color: #fff; font-size: 12px; font-weight: 700;
        display: grid; place-items: center;
      }
      .main.single { grid-template-columns: 1fr; }
      .empty { padding: calc(var(--_space) * 3); color: var(--_muted); text-align: center; }
      .header {
        display: flex; align-items: center; justify-content: space-between; gap: var(--_space);
        padding: 6px calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border); background: var(--_surface);
      }
      .actions { display: flex; gap: 4px; margin-inline-start: auto; }
      .icon { border: 1px solid var(--_border); background: var(--_bg); border-radius: var(--_radius); min-width: 32px; height: 30px; padding: 0 6px; display: inline-grid; place-items: center; }
      .content { flex: 1; min-height: 0; display: flex; flex-direction: column; position: relative; }
      .panel { position: absolute; inset: 0; z-index: 2; display: flex; flex-direction: column; background: var(--_bg); }
      .panel > * { flex: 1; min-height: 0; }
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
  /**
   * Account password. Write-only: taken into private memory (never storage) and removed from
   * the attribute and the property at once, so no script on the page can read it back later.
   * Prefer `credentials`, which keeps it out of the markup entirely.
   */
  @property({ converter: { fromAttribute: (v: string | null) => v ?? '' } }) password = '';
  /** Credentials asked for before each connect and reconnect (see CredentialsCallback). */
  @property({ attribute: false }) credentials?: CredentialsCallback;
  /** Room JIDs to join at start, separated by spaces or commas; pinned in the list. */
  @property() rooms = '';
  /** Nick in rooms; default: the JID's local part. */
  @property() nick = '';
  /** Which wire dialect the widget writes: `standard` XEPs, or `ethora` for Ethora servers and clients. It reads both. */
  @property() dialect: 'standard' | 'ethora' = 'standard';
  /** Reconnect attempts after a lost connection before the error state. */
  @property({ type: Number, attribute: 'max-reconnect-attempts' }) maxReconnectAttempts = 3;
  /** One room only, with no room list (a support chat, a live-event chat). */
  @property() room = '';
  /** `embedded` fills its container; `floating` is a launcher bubble opening a panel; `fullscreen` covers the page. */
  @property({ reflect: true }) view: 'embedded' | 'floating' | 'fullscreen' = 'embedded';
  /** Floating view: the panel is open (remembered per widget in localStorage). */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Ethora REST API base URL (e.g. https://api.chat.ethora.com/v1): without jid/password, sign in with email or `user-token` through it. */
  @property() api = '';
  /** Ethora app token, sent with the email sign-in. */
  @property({ attribute: 'app-token' }) appToken = '';
  /** A JWT of the host app, exchanged for a sign-in through the Ethora API (`POST /users/client`). */
  @property({ attribute: 'user-token' }) userToken = '';
  /** XMPP domain of accounts from the Ethora API; default: the host name of `service`. */
  @property({ attribute: 'xmpp-domain' }) xmppDomain = '';
  /** Where files go: `xmpp` (XEP-0363 HTTP upload) or `rest` (the Ethora API's `POST /files/`, after an API sign-in). */
  @property() upload: 'xmpp' | 'rest' = 'xmpp';
  /**
   * Dead-link detection, in seconds: a check every `interval` while online, dead when unanswered
   * after `timeout` more; a connect attempt is abandoned after `connectTimeout`.
   * Default `{ interval: 10, timeout: 5, connectTimeout: 20 }`; applies from the next connect.
   */
  @property({ attribute: false }) keepAlive?: Partial<KeepAliveOptions>;
  /**
   * Keep messages not yet confirmed by the room in IndexedDB (per account and room) so that
   * they are sent after a page reload; `persist-outbox="false"` turns it off and erases them.
   */
  @property({ attribute: 'persist-outbox', converter: { fromAttribute: (v: string | null) => v !== 'false' } }) persistOutbox = true;
  /**
   * Hosts that images, video and audio in messages may load from, separated by spaces or
   * commas (your upload service's host); media elsewhere show as links. Default: any host.
   */
  @property({ attribute: 'inline-media-hosts' }) inlineMediaHosts = '';
  /** Transforms or vetoes outgoing text: `(text, room) => text to send, or null to send nothing`. */
  @property({ attribute: false }) messageFilter?: MessageFilter;

  /**
   * UI language (`en`, `es`, `ar`; right-to-left for Arabic). Default: the nearest `lang` of the
   * page, else the browser's language; English when not supported.
   */
  @property() override lang = '';

  @provide({ context: sessionContext }) protected session = new ChatSession();
  /** The language given to the elements inside. */
  @provide({ context: localeContext }) @state() protected i18n: Translator = english;
  @state() private loginError = '';
  /** The last sign-in was refused: ask for credentials again. */
  @state() private authFailed = false;
  @state() private loggingIn = false;
  /** Narrow layouts show either the list or the room. */
  @state() private mobileView: 'list' | 'room' = 'room';
  /** A panel over the rooms: creating a room or finding public ones. */
  @state() private panel?: 'new-room' | 'find-rooms';
  private readonly list = new StoreController(this, () => ({ session: this.session, topic: 'rooms' }));
  private readonly connection = new StoreController(this, () => ({ session: this.session, topic: 'connection' }));
  private startedWith = '';
  /** The password given by the attribute, the property, the form or the Ethora sign-in. */
  private secret = '';
  /** Counts changes of `credentials` (a function has no other identity for the restart check). */
  private credentialsVersion = 0;
  /** disconnect() was called: stay offline until connect(). */
  private held = false;
  /** The account signed in through the Ethora API (its rooms and uploads join the session). */
  private account?: EthoraAccount;
  private restSignIns = 0;

  constructor() {
    super();
    new ChatEventsController(this, this.session);
    this.session.startAgain = () => void this.connect().catch(() => undefined);
    // A click on a browser notification opens its room (the Notifier focuses the window).
    this.session.notifications.onOpen = (room) => {
      this.openRoom(room);
      if (this.view === 'floating') this.open = true;
    };
  }

  // ---- JS API ---------------------------------------------------------------------------
  /** Connects (again) with the current attributes; resolves when online, rejects with the reason. */
  async connect(): Promise<void> {
    this.held = false;
    this.startedWith = '';
    await this.startIfReady(true);
  }

  /** Ends the session; the widget stays offline until connect(). */
  async disconnect(): Promise<void> {
    this.held = true;
    this.startedWith = '';
    await this.session.goOffline();
  }

  /** Opens a room (joining it first if it is not in the list). */
  openRoom(jid: string): void {
    this.session.open(jid);
    this.mobileView = 'room';
  }

  /** Sends text to a room as the user; returns the message key, or undefined if nothing was sent. */
  sendMessage(room: string, text: string): string | undefined {
    return this.session.send(room.toLowerCase(), text);
  }

  /** A snapshot of the widget's state (read-only). */
  get state(): { connection: ConnectionState; jid: string; activeRoom?: string; totalUnread: number; rooms: { jid: string; title: string; unread: number }[] } {
    const s = this.session.store;
    return {
      connection: { ...s.connection },
      jid: s.me,
      activeRoom: s.activeRoom,
      totalUnread: s.totalUnread,
      rooms: s.sortedRooms.map((r) => ({ jid: r.jid, title: r.title, unread: r.unread })),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.list.refresh();
    this.connection.refresh();
    if (this.view === 'floating') this.open = this.readOpen();
    void this.startIfReady().catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.startedWith = '';
    void this.session.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const locale = pickLocale(this.lang, this.parentElement?.closest('[lang]')?.getAttribute('lang'), globalThis.navigator?.language);
    if (locale !== this.i18n.lang) this.i18n = new Translator(locale);
    if (changed.has('password') && this.password) {
      this.secret = this.password;
      this.password = '';
      if (this.hasAttribute('password')) this.removeAttribute('password');
    }
    // A callback replaced by another restarts the session (the first one set does not).
    if (changed.has('credentials') && changed.get('credentials') !== undefined) this.credentialsVersion++;
    const keys = ['service', 'jid', 'password', 'credentials', 'rooms', 'room', 'nick', 'maxReconnectAttempts', 'dialect', 'upload'] as const;
    if (keys.some((k) => changed.has(k))) void this.startIfReady().catch(() => undefined);
    if ((changed.has('userToken') || changed.has('api')) && this.api && this.userToken && (!this.jid || this.account)) {
      void this.signInThroughApi((a) => a.signInWithToken(this.userToken));
    }
    if (changed.has('messageFilter')) this.session.messageFilter = this.messageFilter;
    if (changed.has('inlineMediaHosts')) {
      const hosts = this.inlineMediaHosts.split(/[\s,]+/).map((h) => h.trim().toLowerCase()).filter(Boolean);
      this.session.mediaHosts = hosts.length ? new Set(hosts) : undefined;
    }
    if (changed.has('view') && this.view === 'floating' && changed.get('view') !== undefined) this.open = this.readOpen();
  }

  private get hasCredentials(): boolean {
    return Boolean(this.service && (this.credentials || (this.jid && this.secret)));
  }

  /** (Re)starts the session when the connection settings are complete and have changed. */
  private async startIfReady(rethrow = false): Promise<void> {
    if (!this.isConnected || !this.hasCredentials || this.held) return;
    const from = this.credentials ? this.credentialsVersion : [this.jid, this.secret];
    const signature = JSON.stringify([this.service, from, this.rooms, this.room, this.nick, this.maxReconnectAttempts, this.dialect, this.upload]);
    if (signature === this.startedWith) return;
    this.startedWith = signature;
    this.loggingIn = true;
    try {
      const { jid, password, renewPassword } = await this.accountCredentials();
      if (signature !== this.startedWith) return;
      await this.session.start({
        service: this.service,
        jid,
        password,
        renewPassword,
        nick: this.nick || undefined,
        rooms: this.room ? parseRoomList(this.room).slice(0, 1) : parseRoomList(this.rooms),
        onlyListed: Boolean(this.room),
        maxReconnectAttempts: Math.max(0, Number(this.maxReconnectAttempts) || 0),
        dialect: this.dialect === 'ethora' ? 'ethora' : 'standard',
        rest: this.account?.services(this.upload === 'rest'),
        keepAlive: this.keepAlive,
        persistOutbox: this.persistOutbox,
      });
      this.loginError = /* i18n */ '';
      this.authFailed = false;
    } catch (err) {
      if (signature !== this.startedWith) return;
      this.loginError = (err as Error).message;
      this.authFailed = refusedCredentials(err);
      if (this.credentials) this.session.startFailed(this.loginError, this.maxReconnectAttempts);
      if (rethrow) throw err;
    } finally {
      this.loggingIn = false;
    }
  }

  /** The account to connect with: from the callback (asked again per reconnect), else the given ones. */
  private async accountCredentials(): Promise<{ jid: string; password: string; renewPassword?: () => Promise<string> }> {
    const ask = this.credentials;
    if (!ask) return { jid: this.jid, password: this.secret };
    const fetch = async () => {
      let c: { jid?: unknown; password?: unknown } | undefined;
      try {
        c = await ask();
      } catch (err) {
        throw new Error(`${/* i18n */ 'Could not get your chat sign-in'}: ${(err as Error)?.message ?? err}`);
      }
      if (typeof c?.jid !== 'string' || !c.jid.includes('@') || typeof c.password !== 'string' || !c.password) {
        throw new Error(/* i18n */ 'Could not get your chat sign-in');
      }
      return { jid: c.jid.trim(), password: c.password };
    };
    const first = await fetch();
    const account = first.jid.toLowerCase();
    const renewPassword = async () => {
      const next = await fetch();
      // The session's account is fixed; another one needs a new session (change `credentials`).
      if (next.jid.toLowerCase() !== account) throw new Error(/* i18n */ 'Could not get your chat sign-in');
      return next.password;
    };
    return { jid: first.jid, password: first.password, renewPassword };
  }

  protected override render() {
    const store = this.session.store;
    const showLogin = !this.credentials && (!this.hasCredentials || this.authFailed);
    const single = Boolean(this.room);
    const t = (text: string) => this.i18n.t(text);
    const frame = html`<div class="frame" part="frame" lang=${this.i18n.lang} dir=${this.i18n.dir}>
      <div class="header" part="header">
        <slot name="header">
          <ethora-connection-status part="status"></ethora-connection-status>
          ${store.me ? html`<span class="me">${store.me}</span>` : nothing}
        </slot>
        ${!showLogin && !single && store.connection.status === 'online'
          ? html`<span class="actions">
              <button class="icon" part="new-room-button" aria-label=${t('New room')} title=${t('New room')} aria-expanded=${this.panel === 'new-room' ? 'true' : 'false'}
                @click=${() => this.togglePanel('new-room')}>${plusIcon}</button>
              <button class="icon" part="find-rooms-button" aria-label=${t('Find rooms')} title=${t('Find rooms')} aria-expanded=${this.panel === 'find-rooms' ? 'true' : 'false'}
                @click=${() => this.togglePanel('find-rooms')}>${searchIcon}</button>
            </span>`
          : nothing}
      </div>
      ${showLogin || single ? nothing : html`<ethora-invitations part="invitations" @ethora-room-select=${() => (this.mobileView = 'room')}></ethora-invitations>`}
      <div class="content">
      ${this.panel && !showLogin ? this.renderPanel() : nothing}
      ${showLogin
        ? html`<ethora-login part="login" mode=${this.api ? 'email' : 'xmpp'} .jid=${this.jid} .error=${this.loginError} ?busy=${this.loggingIn} .submit=${(c: LoginCredentials) => this.onLogin(c)}></ethora-login>`
        : store.rooms.length === 0 && store.connection.status === 'online' && !store.roomListError
          ? html`<div class="empty" part="empty"><slot name="empty">${t('No rooms yet: create one or find one with the buttons above.')}</slot></div>`
          : html`<div class="main ${single ? 'single' : ''}" data-view=${this.mobileView}>
              ${single ? nothing : html`<ethora-room-list part="rooms" @ethora-room-select=${() => (this.mobileView = 'room')}></ethora-room-list>`}
              <ethora-room part="room" .room=${store.activeRoom ?? ''} ?back=${!single} @ethora-back=${() => (this.mobileView = 'list')}></ethora-room>
            </div>`}
      </div>
    </div>`;
    if (this.view !== 'floating') return frame;
    const unread = store.totalUnread;
    return html`${frame}
      <button class="launcher" part="launcher" aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${this.open ? t('Close chat') : unread ? this.i18n.n('Open chat, {n} unread', 'Open chat, {n} unread', unread) : t('Open chat')} @click=${this.toggleOpen}>
        <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>
        ${unread && !this.open ? html`<span class="badge" part="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>`;
  }

  private renderPanel() {
    const close = () => {
      const was = this.panel;
      this.panel = undefined;
      this.mobileView = 'room';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part=${was}-button]`)?.focus());
    };
    return html`<div class="panel" part="panel" role="dialog" aria-label=${this.i18n.t(this.panel === 'new-room' ? 'New room' : 'Find rooms')} @ethora-close=${close}>
      ${this.panel === 'new-room' ? html`<ethora-new-room></ethora-new-room>` : html`<ethora-room-browser></ethora-room-browser>`}
    </div>`;
  }

  private togglePanel(panel: 'new-room' | 'find-rooms'): void {
    this.panel = this.panel === panel ? undefined : panel;
    if (this.panel) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.panel > *')?.focus());
  }

  private get openKey(): string {
    return `ethora-chat:open:${this.id || this.jid || 'default'}`;
  }

  private readOpen(): boolean {
    try {
      return localStorage.getItem(this.openKey) === '1';
    } catch {
      return false; // storage can be blocked (privacy modes, sandboxed frames)
    }
  }

  private toggleOpen(): void {
    this.open = !this.open;
    try {
      localStorage.setItem(this.openKey, this.open ? '1' : '0');
    } catch {
      /* remembered for this page only */
    }
  }

  private onLogin({ jid, email, password }: LoginCredentials): void {
    if (this.api && email !== undefined) return void this.signInThroughApi((a) => a.signInWithEmail(email, password));
    if (!this.service) {
      this.loginError = /* i18n */ 'This chat has no server configured (the service attribute is missing)';
      return;
    }
    this.loginError = /* i18n */ '';
    this.startedWith = '';
    this.jid = jid;
    this.secret = password;
    void this.startIfReady().catch(() => undefined);
  }

  /** Signs in through the Ethora API, then connects with the XMPP account it returned. */
  private async signInThroughApi(signIn: (account: EthoraAccount) => Promise<XmppCredentials>): Promise<void> {
    const call = ++this.restSignIns;
    this.loggingIn = true;
    this.loginError = /* i18n */ '';
    try {
      const domain = this.xmppDomain || domainOfService(this.service);
      if (!this.service || !domain) throw new Error(/* i18n */ 'This chat has no server configured (the service attribute is missing)');
      const account = new EthoraAccount({ baseUrl: this.api, appToken: this.appToken, domain });
      const { jid, password } = await signIn(account);
      if (call !== this.restSignIns) return;
      this.account = account;
      this.authFailed = false;
      this.startedWith = '';
      this.jid = jid;
      this.secret = password;
      void this.startIfReady().catch(() => undefined); // also when the same account signs in again
    } catch (err) {
      if (call === this.restSignIns) this.loginError = (err as Error).message;
    } finally {
      if (call === this.restSignIns) this.loggingIn = false;
    }
  }
}
