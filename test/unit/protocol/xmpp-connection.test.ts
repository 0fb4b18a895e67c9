import { expect } from '@open-wc/testing';
import * as Stanza from 'stanza';
import type { Agent, Transport, TransportConfig } from 'stanza';
import { NS_GETROOMS } from '../../../src/protocol/definitions.js';
import { NS_BOOKMARKS_2 } from '../../../src/protocol/definitions-bookmarks.js';
import { XmppError } from '../../../src/protocol/errors.js';
import { request } from '../../../src/protocol/room-requests.js';
import type { WireStatus } from '../../../src/protocol/types.js';
import { XmppConnection } from '../../../src/protocol/xmpp-connection.js';

// Nothing listens on port 9 of loopback: the socket is refused at once.
const CLOSED = 'ws://127.0.0.1:9/ws';

describe('XmppConnection without a server', () => {
  it('rejects connect() with a human error and reports connecting -> error', async () => {
    const statuses: WireStatus[] = [];
    const conn = new XmppConnection({ service: CLOSED, jid: 'Alice@LocalHost', password: 'x', maxReconnectAttempts: 3 }, { status: (s) => statuses.push(s) });
    expect(conn.jid).to.equal('alice@localhost');
    expect(conn.status).to.equal('offline');
    const error = await conn.connect().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).to.be.instanceOf(Error);
    expect(error!.message).to.equal('Cannot reach the chat server');
    expect(statuses.map((s) => s.status)).to.deep.equal(['connecting', 'error']);
    expect(statuses[1]).to.include({ maxAttempts: 3, reason: 'Cannot reach the chat server' });
    await conn.disconnect();
  });

  it('refuses room operations while offline, and invalid room addresses', async () => {
    const statuses: string[] = [];
    const conn = new XmppConnection(
      { service: CLOSED, jid: 'alice@localhost', password: 'x', maxReconnectAttempts: 1 },
      { status: (s) => statuses.push(s.status) },
    );
    const joinError = await conn.join('lobby@conference.localhost', 'alice').then(
      () => undefined,
      (e: XmppError) => e,
    );
    expect(joinError?.condition).to.equal('not-connected');
    expect(() => conn.sendMessage('not a room', { body: 'hi' }, 'id1')).to.throw(XmppError, 'not a valid room address');
    await conn.disconnect();
    expect(conn.status).to.equal('offline');
    expect(statuses, 'already offline: no status event').to.deep.equal([]);
  });

  it('does not let a throwing handler escape (it is logged)', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args[0]);
    const conn = new XmppConnection(
      { service: CLOSED, jid: 'alice@localhost', password: 'x', maxReconnectAttempts: 0 },
      {
        status: () => {
          throw new Error('handler bug');
        },
      },
    );
    try {
      const error = await conn.connect().then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.equal('Cannot reach the chat server');
      expect(logged).to.include('XmppConnection status handler failed');
    } finally {
      console.error = original;
    }
  });
});

describe('XmppConnection: the WebSocket before the stanza definitions', () => {
  it('makes the socket with no definition registered, and registers them all before it can open', async () => {
    const conn = new XmppConnection({ service: CLOSED, jid: 'me@localhost', password: 'x', maxReconnectAttempts: 0 });
    const client = (conn as unknown as { client: Agent }).client;
    // The registry's own map of element translators, read without a lookup (a lookup registers them).
    const translators = (client.stanzas as unknown as { translators: Map<string, unknown> }).translators;
    let atSocket = -1;
    const transports = client.transports as Record<string, new (...args: unknown[]) => Transport>;
    const WebSocketTransport = transports.websocket;
    transports.websocket = class extends WebSocketTransport {
      override connect(opts: TransportConfig): void {
        atSocket = translators.size;
        super.connect(opts);
      }
    };
    const connecting = conn.connect().catch(() => undefined);
    // Still the task that made the socket: its open event, and any frame, come later.
    const registered = translators.size;
    expect(atSocket).to.equal(0);
    expect(registered).to.be.greaterThan(0);
    // Written with StanzaJS's definitions and ours (the bookmarks' are the last registered).
    const iq = client.stanzas.export('iq', { type: 'get', id: 'q1', getRooms: {} })?.toString() ?? '';
    expect(iq).to.include('<iq').and.include(`<query xmlns="${NS_GETROOMS}"/>`);
    expect(translators.size, 'nothing was left to register').to.equal(registered);
    expect(client.stanzas.import(Stanza.JXT.parse(`<conference xmlns="${NS_BOOKMARKS_2}" name="Lobby"/>`))).to.deep.include({ name: 'Lobby' });
    await connecting;
    await conn.disconnect();
  });
});

describe('XmppConnection when StanzaJS stops by itself after a session', () => {
  it('counts it as a failed attempt and reconnects (StanzaJS schedules nothing), until attempts run out', async function () {
    this.timeout(10000);
    const statuses: WireStatus[] = [];
    const conn = new XmppConnection({ service: CLOSED, jid: 'alice@localhost', password: 'x', maxReconnectAttempts: 2 }, { status: (s) => statuses.push(s) });
    // The StanzaJS client inside, driven by hand: a session, then a failed stream negotiation.
    const client = (conn as unknown as { client: Agent & { sessionTerminating: boolean; reconnectAttempts: number } }).client;
    const emit = client.emit.bind(client) as (event: string, ...args: unknown[]) => boolean;
    let connects = 0;
    client.connect = () => void connects++;
    void conn.connect().catch(() => undefined);
    emit('session:started');
    const fail = () => {
      client.sessionTerminating = true;
      emit('stream:error', { condition: 'policy-violation', text: 'Failed to negotiate stream features' });
      emit('disconnected');
    };
    fail();
    expect(statuses.map((s) => `${s.status}:${s.attempt}`)).to.deep.equal(['connecting:0', 'online:0', 'reconnecting:1']);
    expect(statuses[2].reason).to.equal('The chat server closed the connection');
    const started = connects;
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(connects, 'a new attempt after the backoff').to.equal(started + 1);
    client.reconnectAttempts = 2;
    fail();
    expect(conn.status, 'no attempts left').to.equal('error');
    await conn.disconnect();
  });
});

describe('XmppConnection when the server refuses to sign in', () => {
  /** A session, then a reconnect whose SASL exchange ends in `condition`. */
  function afterFailure(condition?: string) {
    const statuses: WireStatus[] = [];
    const conn = new XmppConnection({ service: CLOSED, jid: 'alice@localhost', password: 'x', maxReconnectAttempts: 3 }, { status: (s) => statuses.push(s) });
    const client = (conn as unknown as { client: Agent & { sessionTerminating: boolean } }).client;
    const emit = client.emit.bind(client) as (event: string, ...args: unknown[]) => boolean;
    client.connect = () => undefined;
    void conn.connect().catch(() => undefined);
    emit('session:started');
    if (condition) emit('sasl', { type: 'failure', condition });
    emit('auth:failed');
    client.sessionTerminating = true;
    emit('disconnected');
    return { conn, last: statuses[statuses.length - 1] };
  }

  it('ends the retries when the credentials are refused', async () => {
    const { conn, last } = afterFailure('not-authorized');
    expect(last).to.include({ status: 'error', reason: 'Wrong username or password' });
    await conn.disconnect();
  });

  it('says so with the error kind, not only a sentence', async () => {
    const { conn, last } = afterFailure('not-authorized');
    expect(last.error).to.equal('credentials');
    await conn.disconnect();
  });

  it('tries again after a stream error not-authorized on a reconnect (a stanza written before sign-in)', async () => {
    const statuses: WireStatus[] = [];
    const conn = new XmppConnection({ service: CLOSED, jid: 'alice@localhost', password: 'x', maxReconnectAttempts: 3 }, { status: (s) => statuses.push(s) });
    const client = (conn as unknown as { client: Agent & { sessionTerminating: boolean } }).client;
    const emit = client.emit.bind(client) as (event: string, ...args: unknown[]) => boolean;
    client.connect = () => undefined;
    void conn.connect().catch(() => undefined);
    emit('session:started');
    emit('disconnected');
    emit('stream:error', { condition: 'not-authorized' });
    client.sessionTerminating = true;
    emit('disconnected');
    expect(statuses[statuses.length - 1]).to.include({ status: 'reconnecting', reason: 'The chat server could not sign you in just now' });
    await conn.disconnect();
  });

  it('tries again after a temporary failure (a busy server), or one the server gave no reason for', async () => {
    for (const condition of ['temporary-auth-failure', 'aborted', undefined]) {
      const { conn, last } = afterFailure(condition);
      expect(last, String(condition)).to.include({ status: 'reconnecting', attempt: 1, reason: 'The chat server could not sign you in just now' });
      await conn.disconnect();
    }
  });
});

describe('request (IQ promise wrapper)', () => {
  it('turns a StanzaJS timeout object into an XmppError and drops the leaked listener', async () => {
    const removed: string[] = [];
    const client = { removeAllListeners: (event: string) => removed.push(event) } as unknown as Agent;
    const timeout = { id: 'iq-7', type: 'error', error: { condition: 'timeout', text: 'Request timed out after 10 seconds.' } };
    const error = await request(client, Promise.reject(timeout)).then(
      () => undefined,
      (e: XmppError) => e,
    );
    expect(error).to.be.instanceOf(XmppError);
    expect(error).to.include({ condition: 'timeout', message: 'The server did not answer in time' });
    expect(removed).to.deep.equal(['iq:id:iq-7']);
  });

  it('keeps the condition of an error IQ and passes results through', async () => {
    const client = {} as Agent;
    const error = await request(client, Promise.reject({ type: 'error', error: { condition: 'forbidden' } })).then(
      () => undefined,
      (e: XmppError) => e,
    );
    expect(error).to.include({ condition: 'forbidden', message: 'You are not allowed to do that' });
    expect(await request(client, Promise.resolve(42))).to.equal(42);
  });
});
