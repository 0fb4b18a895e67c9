import type { ConnectionHandlers } from '../protocol/types.js';
import { XmppConnection } from '../protocol/xmpp-connection.js';
import type { ChatStore } from '../state/chat-store.js';
import { WIRE_EVENT_NAMES, type WireEvent } from '../state/wire-events.js';
import { bareJid } from './ids.js';
import type { SessionOptions } from './session-options.js';

/** What the session does when its connection's state changes (chat-session.ts). */
export interface ConnectionParts {
  readonly store: ChatStore;
  /** The link is down: it is the connection's to repair (rejoins in progress are dropped). */
  down(): void;
  /** An XMPP session started on this connection (new, or resumed by XEP-0198). */
  started(conn: XmppConnection, resumed: boolean): void;
  /** What came off the wire. */
  receive(e: WireEvent): void;
}

/**
 * The session's XMPP connection: one per start, shown in the store, ready from each session
 * start until the link is lost, and tried again when the browser says the network is back.
 */
export class SessionConnection {
  /** The connection of this start (undefined once stopped). */
  current?: XmppConnection;
  /** False from a lost connection until the next session has started (resumed or new). */
  ready = false;

  constructor(private readonly parts: ConnectionParts) {}

  /** The connection while its XMPP session is up. */
  online(): XmppConnection | undefined {
    return this.ready ? this.current : undefined;
  }

  /** Makes the connection (not connected yet), shown as connecting. */
  make(options: SessionOptions, known: boolean): XmppConnection {
    const { store } = this.parts;
    const handlers: ConnectionHandlers = {
      status: (s) => {
        if (s.status !== 'online') {
          this.ready = false;
          this.parts.down();
        }
        store.setConnection(s);
      },
      sessionStarted: ({ jid, resumed }) => {
        const conn = this.current;
        if (!conn) return;
        store.me = bareJid(jid);
        this.ready = true;
        this.parts.started(conn, resumed);
      },
    };
    const wire = handlers as Record<string, (arg: unknown) => void>;
    for (const name of WIRE_EVENT_NAMES) wire[name] = (arg) => this.parts.receive({ name, arg } as WireEvent);
    const { service, jid, password, renewPassword, maxReconnectAttempts, keepAlive } = options;
    const conn = new XmppConnection(
      { service, jid, password, renewPassword, maxReconnectAttempts, dialect: options.dialect ?? 'standard', keepAlive, retryFirstConnect: known },
      handlers,
    );
    this.current = conn;
    globalThis.addEventListener?.('online', this.onBrowserOnline);
    store.setConnection({ status: 'connecting', attempt: 0, maxAttempts: maxReconnectAttempts });
    return conn;
  }

  /** Lets the connection go (the caller disconnects it): nothing more is done for it. */
  release(): XmppConnection | undefined {
    const conn = this.current;
    this.current = undefined;
    globalThis.removeEventListener?.('online', this.onBrowserOnline);
    return conn;
  }

  /**
   * The browser says the network is back: a session that gave up (attempts exhausted while
   * offline, e.g. a laptop asleep) tries again by itself. A reconnect already scheduled is
   * left alone (a second connect would race StanzaJS's own timer); refused credentials stay refused.
   */
  private readonly onBrowserOnline = (): void => {
    const c = this.parts.store.connection;
    if (this.current && c.status === 'error' && c.error !== 'credentials') this.current.retry();
  };
}
