/**
 * The one door to XMPP: wraps a single StanzaJS client, reports connection state, and turns
 * incoming stanzas into wire events (types.ts). Nothing outside src/protocol touches stanza.
 */
import type { Agent } from 'stanza';
import { humanStreamError, XmppError } from './errors.js';
import { bareJid, parseJid, roomJid } from './jid.js';
import { parseMessageError, parseRoomMessage } from './parse-message.js';
import { parseJoinError, parseOccupant } from './parse-presence.js';
import { joinRoom } from './room-join.js';
import * as rooms from './room-requests.js';
import { createStanzaClient } from './stanza-client.js';
import type { HistoryPage } from './room-requests.js';
import type { ConnectionHandlers, ConnectionOptions, WireConnectionStatus, WireMessage, WireRoomInfo, WireRoomRef, WireStatus } from './types.js';

const UNREACHABLE = 'Cannot reach the chat server';
const WRONG_PASSWORD = 'Wrong username or password';
/** Stream errors after which reconnecting would only fail again or fight another session. */
const FATAL_STREAM_ERRORS = new Set(['not-authorized', 'conflict', 'host-unknown']);

export class XmppConnection {
  /** Our bare JID, lower-cased. */
  readonly jid: string;
  private readonly client: Agent;
  private readonly handlers: ConnectionHandlers;
  private readonly maxAttempts: number;
  private state: WireStatus;
  /** True from connect()/retry() until disconnect() or giving up. */
  private wanted = false;
  private fatalReason?: string;
  private lastReason?: string;
  private waiters: Array<{ resolve(): void; reject(e: Error): void }> = [];
  /** Rooms we are in, with our nick there (for leave()). */
  private readonly nicks = new Map<string, string>();
  private readonly joining = new Set<string>();
  private mucService?: Promise<string>;

  constructor(options: ConnectionOptions, handlers: ConnectionHandlers = {}) {
    this.jid = bareJid(options.jid) ?? options.jid.toLowerCase();
    this.handlers = handlers;
    this.maxAttempts = Math.max(0, Math.floor(options.maxReconnectAttempts) || 0);
    this.state = { status: 'offline', attempt: 0, maxAttempts: this.maxAttempts };
    this.client = createStanzaClient(options);
    this.listen();
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
    this.settle(new Error('Disconnected'));
    this.setStatus('offline', 0);
    await this.client.disconnect();
  }

  /** Joins a room without legacy history; on a taken nick retries with nick2, nick3, … */
  async join(room: string, nick: string, timeoutMs = 10000): Promise<{ nick: string }> {
    const jid = this.room(room);
    if (this.state.status !== 'online') throw new XmppError('not-connected', 'Not connected to the chat server');
    this.joining.add(jid);
    try {
      const joined = await joinRoom(this.client, jid, nick, timeoutMs);
      this.nicks.set(jid, joined.nick);
      return joined;
    } catch (err) {
      const e = err as XmppError;
      this.emit('joinError', { room: jid, condition: e.condition, reason: e.message });
      throw err;
    } finally {
      this.joining.delete(jid);
    }
  }

  leave(room: string): void {
    const jid = this.room(room);
    const nick = this.nicks.get(jid) ?? this.client.joinedRooms.get(jid) ?? parseJid(this.jid)?.local ?? 'me';
    this.nicks.delete(jid);
    this.client.joinedRooms.delete(jid);
    this.client.sendPresence({ to: `${jid}/${nick}`, type: 'unavailable' });
  }

  /** Sends text to a room; `id` is both the stanza id and the XEP-0359 origin-id. */
  sendMessage(room: string, body: string, id: string): void {
    this.client.sendMessage({ to: this.room(room), type: 'groupchat', body, id, originId: id });
  }

  /** One MAM page of the room archive; `before` '' (default) for the newest page. */
  fetchHistory(room: string, options: { before?: string; max?: number } = {}): Promise<HistoryPage> {
    return rooms.fetchHistory(this.client, this.room(room), options);
  }

  /** All archived messages after that archive id, oldest first (bounded). */
  fetchAfter(room: string, afterStanzaId: string): Promise<WireMessage[]> {
    return rooms.fetchAfter(this.client, this.room(room), afterStanzaId);
  }

  /** The user's MucSub subscriptions (asked of the MUC service found by disco). */
  async listSubscriptions(): Promise<WireRoomRef[]> {
    this.mucService ??= rooms.findMucService(this.client, parseJid(this.jid)?.domain ?? '');
    return rooms.listSubscriptions(this.client, await this.mucService);
  }

  /** Ethora ns:getrooms; [] where the server lacks it. */
  getRooms(): Promise<WireRoomRef[]> { return rooms.getRooms(this.client); }
  roomInfo(room: string): Promise<WireRoomInfo> { return rooms.roomInfo(this.client, this.room(room)); }
  subscribe(room: string, nick: string): Promise<void> { return rooms.subscribe(this.client, this.room(room), nick); }
  unsubscribe(room: string): Promise<void> { return rooms.unsubscribe(this.client, this.room(room)); }

  private room(room: string): string {
    const jid = roomJid(room);
    if (!jid) throw new XmppError('jid-malformed', 'That is not a valid room address');
    return jid;
  }

  private start(status: 'connecting' | 'reconnecting', attempt: number): void {
    this.wanted = true;
    this.fatalReason = this.lastReason = undefined;
    // StanzaJS counts failed attempts itself and adds one on each lost transport.
    this.client.reconnectAttempts = attempt;
    this.setStatus(status, attempt);
    // Typed void, but async: failures surface as 'disconnected', not as a rejection.
    void Promise.resolve(this.client.connect()).catch(() => undefined);
  }

  private listen(): void {
    const c = this.client;
    // Our nicks belong to the old session; a new one starts with no rooms (stanza-client.ts).
    c.on('session:bound', () => this.nicks.clear());
    c.on('session:started', () => this.online(false));
    c.on('stream:management:resumed', () => {
      // StanzaJS resets its attempt counter only on session:started, not on a resume.
      c.reconnectAttempts = 0;
      this.online(true);
    });
    c.on('auth:failed', () => (this.fatalReason = WRONG_PASSWORD));
    c.on('streamError', (e) => this.streamError(e?.condition));
    c.on('stream:error', (e) => this.streamError(e?.condition));
    c.on('disconnected', () => this.lost());
    c.on('message', (m) => {
      if (m.type === 'error') {
        const e = parseMessageError(m);
        if (e) this.emit('messageError', e);
        return;
      }
      const message = parseRoomMessage(m);
      if (message) this.emit('message', message);
    });
    c.on('presence', (p) => {
      if (p.type === 'error') {
        const e = parseJoinError(p);
        // Errors for a join() in progress are reported by join() once it gives up.
        if (e && !this.joining.has(e.room) && (this.nicks.has(e.room) || p.muc)) this.emit('joinError', e);
        return;
      }
      const o = parseOccupant(p);
      if (!o) return;
      if (o.self && o.newNick) this.nicks.set(o.room, o.newNick);
      else if (o.self && !o.available) this.nicks.delete(o.room);
      this.emit('occupant', o);
    });
  }

  private online(resumed: boolean): void {
    if (!this.wanted) return;
    this.lastReason = undefined;
    this.setStatus('online', 0);
    if (!resumed) {
      // Without initial presence ejabberd treats the session as unavailable and sends
      // MucSub events (and offline messages) to offline storage instead of to us.
      this.client.sendPresence();
      // Detects a dead socket (SM <r/> round trip); StanzaJS keeps it on across resumes.
      this.client.enableKeepAlive({ interval: 30, timeout: 10 });
    }
    this.settle();
    this.emit('sessionStarted', { jid: this.client.jid, resumed });
  }

  private streamError(condition: string | undefined): void {
    this.lastReason = humanStreamError(condition);
    if (condition && FATAL_STREAM_ERRORS.has(condition)) this.fatalReason ??= this.lastReason;
  }

  /** StanzaJS emits 'disconnected' for every lost transport, sometimes twice: idempotent. */
  private lost(): void {
    if (!this.wanted) {
      if (this.state.status !== 'error') this.setStatus('offline', 0);
      return;
    }
    const attempt = this.client.reconnectAttempts;
    if (this.fatalReason) return this.giveUp(this.fatalReason);
    // sessionTerminating: StanzaJS stopped by itself (e.g. stream negotiation failed).
    if (this.client.sessionTerminating || this.state.status === 'connecting') return this.giveUp(this.lastReason ?? UNREACHABLE);
    if (attempt > this.maxAttempts) return this.giveUp(UNREACHABLE);
    this.setStatus('reconnecting', attempt, this.lastReason);
  }

  private giveUp(reason: string): void {
    this.wanted = false;
    this.setStatus('error', this.state.attempt, reason);
    this.settle(new XmppError(reason === WRONG_PASSWORD ? 'not-authorized' : 'connection-failed', reason));
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
    this.state = { status, attempt, maxAttempts: this.maxAttempts, ...(reason ? { reason } : {}) };
    this.emit('status', this.state);
  }

  /** A throwing handler must not break StanzaJS's incoming queue. */
  private emit<K extends keyof ConnectionHandlers>(name: K, arg: Parameters<NonNullable<ConnectionHandlers[K]>>[0]): void {
    try {
      (this.handlers[name] as ((a: typeof arg) => void) | undefined)?.(arg);
    } catch (err) {
      console.error(`XmppConnection ${name} handler failed`, err);
    }
  }
}
