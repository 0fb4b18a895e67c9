import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KeepAliveOptions } from '../session/session-options.js';
import { refusedCredentials, type ChatSession, type MessageFilter } from '../session/chat-session.js';
import { domainOfService, EthoraAccount, type XmppCredentials } from '../session/ethora-account.js';

/**
 * Gives the widget an account's credentials, asked for before the first connect and again
 * before every reconnect (so a short-lived token can be renewed). The password may be a token.
 */
export type CredentialsCallback = () => Promise<{ jid: string; password: string }> | { jid: string; password: string };

/** What the sign-in form submits: an XMPP account, or an email for the Ethora API. */
export interface SignIn {
  jid: string;
  email?: string;
  password: string;
}

/** The settings of `<ethora-chat>` the session is started with (its public properties). */
export interface SessionSettings {
  service: string;
  jid: string;
  password: string;
  credentials?: CredentialsCallback;
  rooms: string;
  room: string;
  nick: string;
  dialect: 'standard' | 'ethora';
  maxReconnectAttempts: number;
  upload: 'xmpp' | 'rest';
  keepAlive?: Partial<KeepAliveOptions>;
  persistOutbox: boolean;
  cache: 'on' | 'off';
  api: string;
  appToken: string;
  userToken: string;
  xmppDomain: string;
  messageFilter?: MessageFilter;
  inlineMediaHosts: string;
}

/**
 * The properties whose change restarts the session: the one list, read for every update (the
 * README's "Changing … restarts the session" names their attributes; a test checks both).
 * The others apply live (`messageFilter`, `inlineMediaHosts`), at the next connect (`keepAlive`,
 * `persistOutbox`; `cache="off"` erases at once) or at the next Ethora API sign-in (`api`, `appToken`, `userToken`, `xmppDomain`).
 */
export const RESTART_KEYS = ['service', 'jid', 'password', 'credentials', 'rooms', 'room', 'nick', 'maxReconnectAttempts', 'dialect', 'upload'] as const;
export type RestartKey = (typeof RESTART_KEYS)[number];

/** Splits the `rooms` attribute: JIDs separated by spaces or commas. */
export function parseRoomList(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => /^[^@\s/]+@[^@\s/]+$/.test(s));
}

const NO_SERVICE = /* i18n */ 'This chat has no server configured (the service attribute is missing)';
const NO_SIGN_IN = /* i18n */ 'Could not get your chat sign-in';

/**
 * Runs the session of `<ethora-chat>`: starts it when the settings are complete, restarts it
 * when one of RESTART_KEYS changes, stops it when the element leaves the page, holds it
 * offline after `disconnect()`, and signs in through the Ethora API (`api` with `user-token`
 * or the form's email). Also applies the settings the session reads live. The host renders
 * `loginError`, `authFailed` and `busy`.
 */
export class SessionLifecycleController implements ReactiveController {
  /** Why the last sign-in or start failed ('' when it did not). */
  loginError = '';
  /** The last sign-in was refused: ask for credentials again. */
  authFailed = false;
  /** A sign-in or start is under way. */
  busy = false;
  /** The settings of the running (or starting) session; undefined: none. */
  private startedWith?: unknown[];
  /** The password given by the attribute, the property, the form or the Ethora sign-in. */
  private secret = '';
  /** disconnect() was called: stay offline until connect(). */
  private held = false;
  /** The account signed in through the Ethora API (its rooms and uploads join the session). */
  private account?: EthoraAccount;
  private restSignIns = 0;
  private tokenSeen: [string, string] = ['', ''];
  private mediaHostsSeen?: string;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & SessionSettings,
    private readonly session: ChatSession,
  ) {
    host.addController(this);
    session.startAgain = () => void this.connect().catch(() => undefined);
  }

  /** The settings are enough to connect (else the host shows the sign-in form). */
  get ready(): boolean {
    const h = this.host;
    return Boolean(h.service && (h.credentials || (h.jid && this.secret)));
  }

  hostConnected(): void {
    this.takePassword();
    void this.startIfReady().catch(() => undefined);
  }

  hostDisconnected(): void {
    this.startedWith = undefined;
    void this.session.stop();
  }

  hostUpdate(): void {
    const h = this.host;
    this.takePassword();
    void this.startIfReady().catch(() => undefined);
    const [api, token] = this.tokenSeen;
    if ((api !== h.api || token !== h.userToken) && h.api && h.userToken && (!h.jid || this.account)) {
      void this.signInThroughApi((a) => a.signInWithToken(h.userToken));
    }
    this.tokenSeen = [h.api, h.userToken];
    if (h.cache === 'off') void this.session.eraseCache();
    this.session.messageFilter = h.messageFilter;
    if (h.inlineMediaHosts !== this.mediaHostsSeen) {
      this.mediaHostsSeen = h.inlineMediaHosts;
      const hosts = h.inlineMediaHosts
        .split(/[\s,]+/)
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean);
      this.session.mediaHosts = hosts.length ? new Set(hosts) : undefined;
    }
  }

  /** Connects (again) with the current settings; resolves when online, rejects with the reason. */
  async connect(): Promise<void> {
    this.held = false;
    this.startedWith = undefined;
    await this.startIfReady(true);
  }

  /** Ends the session; it stays offline until connect(). */
  async disconnect(end: () => Promise<void> = () => this.session.goOffline()): Promise<void> {
    this.held = true;
    this.startedWith = undefined;
    await end();
  }

  /** Signs out: the session ends, this device forgets the account, the password is dropped. */
  async signOut(): Promise<void> {
    this.held = true;
    this.startedWith = undefined;
    this.secret = '';
    this.account = undefined;
    await this.session.signOut();
    // The sign-in form shows again; a page's credentials callback waits for connect().
    this.held = Boolean(this.host.credentials);
    this.host.requestUpdate();
  }

  /** The sign-in form was submitted. */
  signIn({ jid, email, password }: SignIn): void {
    const h = this.host;
    if (h.api && email !== undefined) return void this.signInThroughApi((a) => a.signInWithEmail(email, password));
    if (!h.service) return this.set({ loginError: NO_SERVICE });
    this.set({ loginError: '' });
    this.startedWith = undefined;
    h.jid = jid;
    this.secret = password;
    void this.startIfReady().catch(() => undefined);
  }

  /**
   * The values of RESTART_KEYS the session runs with. A credentials callback stands for the
   * account, so `jid` and the password count only without one; the password is the one taken in.
   */
  private settings(): unknown[] {
    const h = this.host;
    return RESTART_KEYS.map((k) => {
      if (k === 'password') return h.credentials ? '' : this.secret;
      if (k === 'jid') return h.credentials ? '' : h.jid;
      return h[k];
    });
  }

  /** Moves a password from the attribute or property into private memory. */
  private takePassword(): void {
    const h = this.host;
    if (!h.password) return;
    this.secret = h.password;
    h.password = '';
    if (h.hasAttribute('password')) h.removeAttribute('password');
  }

  /** (Re)starts the session when the settings are complete and have changed. */
  private async startIfReady(rethrow = false): Promise<void> {
    const h = this.host;
    if (!h.isConnected || !this.ready || this.held) return;
    const settings = this.settings();
    if (this.startedWith && settings.every((v, i) => Object.is(v, this.startedWith![i]))) return;
    this.startedWith = settings;
    this.set({ busy: true });
    try {
      // Without a callback nothing is awaited: the session starts (and makes its socket) in
      // this task, before the first render of the widget.
      const { jid, password, renewPassword } = h.credentials
        ? await this.accountCredentials(h.credentials)
        : { jid: h.jid, password: this.secret, renewPassword: undefined };
      if (settings !== this.startedWith) return;
      await this.session.start({
        service: h.service,
        jid,
        password,
        renewPassword,
        nick: h.nick || undefined,
        rooms: h.room ? parseRoomList(h.room).slice(0, 1) : parseRoomList(h.rooms),
        onlyListed: Boolean(h.room),
        maxReconnectAttempts: Math.max(0, Number(h.maxReconnectAttempts) || 0),
        dialect: h.dialect === 'ethora' ? 'ethora' : 'standard',
        rest: this.account?.services(h.upload === 'rest'),
        keepAlive: h.keepAlive,
        persistOutbox: h.persistOutbox,
        cache: h.cache !== 'off',
      });
      this.set({ loginError: '', authFailed: false });
    } catch (err) {
      if (settings !== this.startedWith) return;
      const loginError = (err as Error).message;
      this.set({ loginError, authFailed: refusedCredentials(err) });
      if (h.credentials) this.session.startFailed(loginError, h.maxReconnectAttempts);
      if (rethrow) throw err;
    } finally {
      this.set({ busy: false });
    }
  }

  /** The account to connect with, from the page's callback (asked again per reconnect). */
  private async accountCredentials(ask: CredentialsCallback): Promise<{ jid: string; password: string; renewPassword: () => Promise<string> }> {
    const fetch = async () => {
      let c: { jid?: unknown; password?: unknown } | undefined;
      try {
        c = await ask();
      } catch (err) {
        throw new Error(`${NO_SIGN_IN}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
      }
      if (typeof c?.jid !== 'string' || !c.jid.includes('@') || typeof c.password !== 'string' || !c.password) throw new Error(NO_SIGN_IN);
      return { jid: c.jid.trim(), password: c.password };
    };
    const first = await fetch();
    const account = first.jid.toLowerCase();
    const renewPassword = async () => {
      const next = await fetch();
      // The session's account is fixed; another one needs a new session (change `credentials`).
      if (next.jid.toLowerCase() !== account) throw new Error(NO_SIGN_IN);
      return next.password;
    };
    return { jid: first.jid, password: first.password, renewPassword };
  }

  /** Signs in through the Ethora API, then connects with the XMPP account it returned. */
  private async signInThroughApi(signIn: (account: EthoraAccount) => Promise<XmppCredentials>): Promise<void> {
    const h = this.host;
    const call = ++this.restSignIns;
    this.set({ busy: true, loginError: '' });
    try {
      const domain = h.xmppDomain || domainOfService(h.service);
      if (!h.service || !domain) throw new Error(NO_SERVICE);
      const account = new EthoraAccount({ baseUrl: h.api, appToken: h.appToken, domain });
      const { jid, password } = await signIn(account);
      if (call !== this.restSignIns) return;
      this.account = account;
      this.set({ authFailed: false });
      this.startedWith = undefined;
      h.jid = jid;
      this.secret = password;
      void this.startIfReady().catch(() => undefined); // also when the same account signs in again
    } catch (err) {
      if (call === this.restSignIns) this.set({ loginError: (err as Error).message });
    } finally {
      if (call === this.restSignIns) this.set({ busy: false });
    }
  }

  private set(change: Partial<Pick<this, 'loginError' | 'authFailed' | 'busy'>>): void {
    Object.assign(this, change);
    this.host.requestUpdate();
  }
}
