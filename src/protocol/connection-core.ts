/**
 * The lifecycle half of XmppConnection: one StanzaJS client, connect / reconnect / give up,
 * and status reporting. XmppConnection (xmpp-connection.ts) adds the chat API on top.
 */
import type { Agent } from 'stanza';
import type { PriorityQueue } from '../platform/priority-queue.js';
import { humanStreamError, XmppError } from './errors.js';
import { bareJid } from './jid.js';
import { keepAliveOptions, watchLink } from './keepalive.js';
import { createStanzaClient, MAX_BACKOFF } from './stanza-client.js';
import type { ConnectionHandlers, ConnectionOptions, WireConnectionStatus, WireStatus } from './types.js';

const UNREACHABLE = 'Cannot reach the chat server';
const CANNOT_SIGN_IN = /* i18n */ 'The chat server could not sign you in just now';
/** The reason given when the server refuses the credentials (never retried). */
const WRONG_PASSWORD = /* i18n */ 'Wrong username or password';
/** SASL failures that mean the credentials are refused (RFC 6120 §6.5): never retried. */
const CREDENTIAL_FAILURES = new Set(['not-authorized', 'account-disabled', 'credentials-expired', 'invalid-authzid']);
/** Stream errors after which reconnecting would only fail again or fight another session. */
const FATAL_STREAM_ERRORS = new Set(['not-authorized', 'conflict', 'host-unknown']);

export class ConnectionCore {
  /** Our bare JID, lower-cased. */
  readonly jid: string;
  protected readonly client: Agent;
  private readonly handlers: ConnectionHandlers;
  private readonly maxAttempts: number;
  private readonly retryFirstConnect: boolean;
  private state: WireStatus;
  /** True from connect()/retry() until disconnect() or giving up. */
  private wanted = false;
  private fatalReason?: string;
  /** The server refused the credentials (SASL): the error is 'credentials', and no retry helps. */
  private refused = false;
  private lastReason?: string;
  private waiters: Array<{ resolve(): void; reject(e: Error): void }> = [];
  /** Our own reconnect, where StanzaJS stopped by itself and will not (see lost()). */
  private retryTimer?: ReturnType<typeof setTimeout>;
  /** The condition of the last SASL failure the server sent. */
  private saslFailure?: string;

  constructor(options: ConnectionOptions, handlers: ConnectionHandlers = {}) {
    this.jid = bareJid(options.jid) ?? options.jid.toLowerCase();
    this.handlers = handlers;
    this.maxAttempts = Math.max(0, Math.floor(options.maxReconnectAttempts) || 0);
    this.retryFirstConnect = options.retryFirstConnect === true;
    this.state = { status: 'offline', attempt: 0, maxAttempts: this.maxAttempts };
    this.client = createStanzaClient(options);
    watchLink(this.client, keepAliveOptions(options.keepAlive));
    this.listenLifecycle();
  }

  get status(): WireConnectionStatus {
    return this.state.status;
  }

  /** Resolves once a session is online; rejects with a human Error if this attempt fails. */
  connect(): Promise<void> {
    if (this.state.status === 'online') return Promise.resolve();
    const waiting = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    // While StanzaJS's own reconnect is pending, a second client.connect() would create a
    // ghost session ("Timed out waiting for resumption"): just wait for it.
    if (this.state.status === 'offline' || this.state.status === 'error') this.start('connecting', 0);
    return waiting;
  }

  /** After 'error' (or 'offline'): start reconnecting again from attempt 1. */
  retry(): void {
    if (this.state.status === 'offline' || this.state.status === 'error') this.start('reconnecting', 1);
  }

  /** Ends the session; no reconnect. */
  async disconnect(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.settle(new Error(/* i18n */ 'Disconnected'));
    this.setStatus('offline', 0);
    // Typed void by StanzaJS, but it returns a promise: wait for the socket to close.
    await (this.client.disconnect() as unknown as Promise<void>);
  }

  private start(status: 'connecting' | 'reconnecting', attempt: number): void {
    clearTimeout(this.retryTimer);
    this.wanted = true;
    this.fatalReason = this.lastReason = undefined;
    this.refused = false;
    // StanzaJS counts failed attempts itself and adds one on each lost transport.
    this.client.reconnectAttempts = attempt;
    this.setStatus(status, attempt);
    // Typed void, but async: failures surface as 'disconnected', not as a rejection.
    void Promise.resolve(this.client.connect()).catch(() => undefined);
  }

  private listenLifecycle(): void {
    const c = this.client;
    c.on('session:started', () => this.online(false));
    c.on('stream:management:resumed', () => {
      // StanzaJS resets its attempt counter only on session:started, not on a resume.
      c.reconnectAttempts = 0;
      this.online(true);
    });
    c.on('sasl', (s) => {
      if (s.type === 'failure') this.saslFailure = s.condition;
    });
    c.on('auth:failed', () => {
      // Refused credentials end the retries. A temporary failure (a busy server, an exchange
      // aborted) is one more failed attempt: StanzaJS stops, lost() tries again. Without a
      // condition from the server (StanzaJS found no mechanism, or gave up on its own) only
      // a first connect is taken for refused credentials: on a reconnect they worked before.
      const condition = this.saslFailure;
      this.saslFailure = undefined;
      const refused = condition ? CREDENTIAL_FAILURES.has(condition) : this.state.status === 'connecting';
      if (refused) {
        this.fatalReason = WRONG_PASSWORD;
        this.refused = true;
      } else this.lastReason = CANNOT_SIGN_IN;
    });
    c.on('streamError', (e) => this.streamError(e?.condition));
    c.on('stream:error', (e) => this.streamError(e?.condition));
    c.on('disconnected', () => this.lost());
  }

  /**
   * Resolves once the stanzas queued to send are written (or the link is down); undefined when none
   * are, or when StanzaJS is not our build (the npm entry's bundler may bring its own queue).
   */
  written(): Promise<void> | undefined {
    return (this.client as unknown as { outgoingDataQueue: Partial<PriorityQueue<unknown>> }).outgoingDataQueue.settled?.();
  }

  private online(resumed: boolean): void {
    if (!this.wanted) return;
    this.lastReason = undefined;
    this.setStatus('online', 0);
    if (!resumed) {
      // Without initial presence ejabberd treats the session as unavailable and sends
      // MucSub events (and offline messages) to offline storage instead of to us.
      this.client.sendPresence();
    }
    this.settle();
    this.emit('sessionStarted', { jid: this.client.jid, resumed });
  }

  private streamError(condition: string | undefined): void {
    if (condition === 'not-authorized' && this.state.status !== 'connecting') {
      // On a reconnect the credentials worked before (a changed password fails SASL, above):
      // a server answers not-authorized to a stanza written before the new stream signed in
      // (StanzaJS resending a burst after a cut). One more failed attempt, not the end.
      this.lastReason = CANNOT_SIGN_IN;
      return;
    }
    this.lastReason = humanStreamError(condition);
    if (condition && FATAL_STREAM_ERRORS.has(condition)) this.fatalReason ??= this.lastReason;
    if (condition === 'not-authorized') this.refused = true;
  }

  /** StanzaJS emits 'disconnected' for every lost transport, sometimes twice: idempotent. */
  private lost(): void {
    if (!this.wanted) {
      if (this.state.status !== 'error') this.setStatus('offline', 0);
      return;
    }
    const attempt = this.client.reconnectAttempts;
    if (this.fatalReason) return this.giveUp(this.fatalReason);
    // The first connect failed (unreachable, or the stream could not be negotiated): say why.
    // A known account's page loaded during an outage retries instead, as after a drop.
    if (this.state.status === 'connecting' && !(this.retryFirstConnect && !this.lastReason)) return this.giveUp(this.lastReason ?? UNREACHABLE);
    if (attempt > this.maxAttempts) return this.giveUp(UNREACHABLE);
    if (this.client.sessionTerminating) {
      // StanzaJS stopped by itself (a stream negotiation failed, e.g. a resume refused half
      // way, or a late frame of an abandoned attempt) and schedules no reconnect. After a
      // session that is one more failed attempt, not the end: try again with its backoff.
      const next = attempt + 1;
      if (next > this.maxAttempts) return this.giveUp(this.lastReason ?? UNREACHABLE);
      this.setStatus('reconnecting', next, this.lastReason);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(
        () => {
          if (this.wanted && this.state.status === 'reconnecting') this.start('reconnecting', next);
        },
        1000 * Math.min(2 ** next + Math.random(), MAX_BACKOFF),
      );
      return;
    }
    this.setStatus('reconnecting', attempt, this.lastReason);
  }

  private giveUp(reason: string): void {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.setStatus('error', this.state.attempt, reason);
    this.settle(new XmppError(this.refused ? 'not-authorized' : 'connection-failed', reason));
    // Cancels StanzaJS's pending reconnect timer.
    void this.client.disconnect();
  }

  private settle(error?: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) error ? w.reject(error) : w.resolve();
  }

  private setStatus(status: WireConnectionStatus, attempt: number, reason?: string): void {
    const s = this.state;
    if (s.status === status && s.attempt === attempt && s.reason === reason) return;
    const refused = status === 'error' && this.refused;
    this.state = { status, attempt, maxAttempts: this.maxAttempts, ...(reason ? { reason } : {}), ...(refused ? { error: 'credentials' as const } : {}) };
    this.emit('status', this.state);
  }

  /** A throwing handler must not break StanzaJS's incoming queue. */
  protected emit<K extends keyof ConnectionHandlers>(name: K, arg: Parameters<NonNullable<ConnectionHandlers[K]>>[0]): void {
    try {
      (this.handlers[name] as ((a: typeof arg) => void) | undefined)?.(arg);
    } catch (err) {
      console.error(`XmppConnection ${name} handler failed`, err);
    }
  }
}
