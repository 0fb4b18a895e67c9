import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { ChatEventsController } from '../controllers/chat-events-controller.js';
import { EthoraSendEvent } from '../events/message-events.js';
import type { EthoraSearchSelectEvent } from '../events/room-events.js';
import { SessionLifecycleController, type CredentialsCallback } from '../controllers/session-lifecycle-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { ChatSession, type MessageFilter } from '../session/chat-session.js';
import type { KeepAliveOptions } from '../session/session-options.js';
import type { ConnectionState } from '../state/chat-store.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, pickLocale, Translator } from '../i18n/translator.js';
import { loadTranslator } from '../i18n/catalogue-files.js';
import { chatStyles } from './chat-element.styles.js';
import { plusIcon, searchIcon } from './icons.js';
import type { LoginCredentials } from './login-element.js';
import { sessionContext } from './session-context.js';
import { theme } from './theme.js';
import { readStored, writeStored } from '../platform/local-storage.js';

export { parseRoomList, RESTART_KEYS, type CredentialsCallback } from '../controllers/session-lifecycle-controller.js';

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
  static override styles = [theme, chatStyles];

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
  /** Floating view: the panel is open. The user's own choice (the launcher), remembered per widget in localStorage, wins on later visits. */
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
   * `on` (default): keep the rooms and history this device has shown in IndexedDB, painted at the
   * next start before connecting and readable offline; `off` keeps nothing and erases what was kept.
   */
  @property() cache: 'on' | 'off' = 'on';
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

  /** Given to the elements inside (sessionContext, in the constructor). */
  protected readonly session = new ChatSession();
  private readonly locale = new ContextProvider(this, { context: localeContext, initialValue: english });
  /** The language given to the elements inside. */
  @state() protected get i18n(): Translator {
    return this.locale.value;
  }
  protected set i18n(translator: Translator) {
    this.locale.setValue(translator);
  }
  /** Narrow layouts show either the list or the room. */
  @state() private mobileView: 'list' | 'room' = 'room';
  /** A panel over the rooms: creating a room or finding public ones. */
  @state() private panel?: 'new-room' | 'find-rooms';
  private readonly list = new StoreController(this, () => ({ session: this.session, topic: 'rooms' }));
  private readonly connection = new StoreController(this, () => ({ session: this.session, topic: 'connection' }));
  private readonly lifecycle = new SessionLifecycleController(this, this.session);

  constructor() {
    super();
    new ContextProvider(this, { context: sessionContext, initialValue: this.session });
    new ChatEventsController(this, this.session);
    // A click on a browser notification opens its room (the Notifier focuses the window).
    this.session.notifications.onOpen = (room) => {
      this.openRoom(room);
      if (this.view === 'floating') this.open = true;
    };
  }

  // ---- JS API ---------------------------------------------------------------------------
  /** Connects (again) with the current attributes; resolves when online, rejects with the reason. */
  connect(): Promise<void> {
    return this.lifecycle.connect();
  }

  /** Ends the session; the widget stays offline until connect(). */
  disconnect(): Promise<void> {
    return this.lifecycle.disconnect();
  }

  /** Signs out: ends the session, erases what this device keeps for the account, shows the sign-in form (or stays idle). */
  signOut(): Promise<void> {
    return this.lifecycle.signOut();
  }

  /** Opens a room (joining it first if it is not in the list). */
  openRoom(jid: string): void {
    this.session.open(jid);
    this.mobileView = 'room';
  }

  /**
   * Sends text to a room as the user; returns the message key, or undefined if nothing was sent.
   * Like the user's own sends it dispatches the cancelable `ethora-send` first: a page listener's
   * veto applies to it too.
   */
  sendMessage(room: string, text: string): string | undefined {
    const detail = { room: room.toLowerCase(), text };
    if (!this.dispatchEvent(new EthoraSendEvent(detail))) return undefined;
    return this.session.send(detail.room, text);
  }

  /** A search result of any room: that room opens, showing the message with the history around it. */
  private async onSearchSelect(e: EthoraSearchSelectEvent): Promise<void> {
    this.openRoom(e.detail.room);
    await this.updateComplete;
    await this.renderRoot.querySelector('ethora-room')?.revealMessage(e.detail);
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
    this.restoreOpen();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const locale = pickLocale(this.lang, this.parentElement?.closest('[lang]')?.getAttribute('lang'), globalThis.navigator?.language);
    if (locale !== this.i18n.lang) {
      // The language's direction and formats at once, its texts when its catalogue has come.
      this.i18n = new Translator(locale);
      void loadTranslator(locale).then((loaded) => {
        if (this.i18n.lang === locale) this.i18n = loaded;
      });
    }
    if (changed.has('view') && changed.get('view') !== undefined) this.restoreOpen();
  }

  protected override render() {
    const store = this.session.store;
    const { lifecycle } = this;
    const showLogin = !this.credentials && (!lifecycle.ready || lifecycle.authFailed);
    const single = Boolean(this.room);
    const t = (text: string) => this.i18n.t(text);
    const frame = html`<div class="frame" part="frame" lang=${this.i18n.lang} dir=${this.i18n.dir}>
      <div class="header" part="header">
        <slot name="header">
          <ethora-connection-status part="status"></ethora-connection-status>
          ${store.me ? html`<span class="me">${store.me}</span>` : nothing}
        </slot>
        ${
          !showLogin && !single && store.connection.status === 'online'
            ? html`<span class="actions">
              <button class="icon" part="new-room-button" aria-label=${t('New room')} title=${t('New room')} aria-expanded=${this.panel === 'new-room' ? 'true' : 'false'}
                @click=${() => this.togglePanel('new-room')}>${plusIcon}</button>
              <button class="icon" part="find-rooms-button" aria-label=${t('Find rooms')} title=${t('Find rooms')} aria-expanded=${this.panel === 'find-rooms' ? 'true' : 'false'}
                @click=${() => this.togglePanel('find-rooms')}>${searchIcon}</button>
            </span>`
            : nothing
        }
      </div>
      ${showLogin || single ? nothing : html`<ethora-invitations part="invitations" @ethora-room-select=${() => (this.mobileView = 'room')}></ethora-invitations>`}
      <div class="content">
      ${this.panel && !showLogin ? this.renderPanel() : nothing}
      ${
        showLogin
          ? html`<ethora-login part="login" mode=${this.api ? 'email' : 'xmpp'} .jid=${this.jid} .error=${lifecycle.loginError} ?busy=${lifecycle.busy} .submit=${(c: LoginCredentials) => lifecycle.signIn(c)}></ethora-login>`
          : store.rooms.length === 0 && store.connection.status === 'online' && !store.roomListError
            ? html`<div class="empty" part="empty"><slot name="empty">${t('No rooms yet: create one or find one with the buttons above.')}</slot></div>`
            : html`<div class="main ${single ? 'single' : ''}" data-view=${this.mobileView} @ethora-search-select=${this.onSearchSelect}>
              ${single ? nothing : html`<ethora-room-list part="rooms" @ethora-room-select=${() => (this.mobileView = 'room')}></ethora-room-list>`}
              <ethora-room part="room" .room=${store.activeRoom ?? ''} ?back=${!single} @ethora-back=${() => (this.mobileView = 'list')}></ethora-room>
            </div>`
      }
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

  /**
   * Floating view: the user's last choice (the launcher), remembered per widget, wins; without
   * one (or with storage blocked), the page's `open` stands (a first visit of `<ethora-chat view="floating" open>` is open).
   */
  private restoreOpen(): void {
    const remembered = this.view === 'floating' ? readStored(this.openKey) : null;
    if (remembered === '1' || remembered === '0') this.open = remembered === '1';
  }

  /** The launcher: open or close, remembered for later visits (for this page only if storage fails). */
  private toggleOpen(): void {
    this.open = !this.open;
    writeStored(this.openKey, this.open ? '1' : '0');
  }
}
