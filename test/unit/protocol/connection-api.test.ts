import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { XmppError } from '../../../src/protocol/errors.js';
import type { ConnectionHandlers, ConnectionOptions } from '../../../src/protocol/types.js';
import { XmppConnection } from '../../../src/protocol/xmpp-connection.js';
import { fixture } from './fixtures.js';

// Nothing listens on port 9 of loopback: no session, the client is only used for its API.
const OPTIONS: ConnectionOptions = { service: 'ws://127.0.0.1:9/ws', jid: 'me@localhost', password: 'x', maxReconnectAttempts: 0 };
const ROOM = 'lobby@conference.localhost';

interface FakeClient {
  jid: string;
  sendMessage(m: Stanzas.Message): void;
  sendIQ(iq: Stanzas.IQ): Promise<Stanzas.IQ>;
  emit(event: string, arg: unknown): void;
}

function make(dialect?: 'standard' | 'ethora', handlers: ConnectionHandlers = {}) {
  const conn = new XmppConnection({ ...OPTIONS, ...(dialect ? { dialect } : {}) }, handlers);
  const client = (conn as unknown as { client: FakeClient }).client;
  const sent: Stanzas.Message[] = [];
  client.sendMessage = (m) => void sent.push(m);
  return { conn, client, sent };
}

describe('XmppConnection: written()', () => {
  it("waits for StanzaJS's send queue, and for nothing when the queue cannot say (another StanzaJS build)", async () => {
    const { conn, client } = make();
    const queue = (client as unknown as { outgoingDataQueue: { settled?: unknown; push(t: unknown, p: number): void; pause(): void } }).outgoingDataQueue;
    expect(conn.written(), 'nothing queued').to.equal(undefined);
    queue.pause();
    queue.push({ kind: 'presence', stanza: {} }, 1);
    expect(conn.written(), 'paused: nothing goes out for now').to.equal(undefined);
    delete queue.settled;
    expect(conn.written(), 'a queue without settled()').to.equal(undefined);
  });
});

describe('XmppConnection: sending in each dialect', () => {
  it('defaults to standard, and keeps the 3-argument sendMessage', () => {
    const { conn, sent } = make();
    expect(conn.dialect).to.equal('standard');
    conn.sendMessage(ROOM, { body: 'hi' }, 'id-1');
    expect(sent).to.deep.equal([{ to: ROOM, type: 'groupchat', id: 'id-1', originId: 'id-1', body: 'hi' }]);
  });

  it('standard: edit, retraction, reactions, chat state', () => {
    const { conn, sent } = make('standard');
    conn.sendEdit(ROOM, { originId: 'id-1', stanzaId: 'S1' }, 'new', 'e-1');
    conn.sendRetraction(ROOM, { originId: 'id-1', stanzaId: 'S1' }, 'r-1');
    conn.sendReactions(ROOM, 'S1', ['👍'], 'x-1');
    conn.sendChatState(ROOM, 'composing');
    expect(sent.map((m) => [m.replace, m.retract?.id, m.reactions?.values, m.chatState])).to.deep.equal([
      ['id-1', undefined, undefined, undefined],
      [undefined, 'S1', undefined, undefined],
      [undefined, undefined, ['👍'], undefined],
      [undefined, undefined, undefined, 'composing'],
    ]);
  });

  it('ethora: name defaults to the local part, can be given', () => {
    const { conn, sent } = make('ethora');
    conn.sendMessage(ROOM, { body: 'hi', replyTo: { id: 'S1', nick: 'bob', quote: 'q' } }, 'id-1');
    conn.sendChatState(ROOM, 'composing', 'Me Myself');
    expect(sent).to.have.length(2);
    expect(sent[0].data).to.include({ fullName: 'me', isReply: 'true', roomJid: ROOM });
    expect(sent[1].data).to.deep.equal({ fullName: 'Me Myself' });
  });

  it('refuses actions on a target without ids, and invalid rooms, with XmppError', () => {
    const { conn, sent } = make('ethora');
    expect(() => conn.sendEdit(ROOM, {}, 'x', 'e')).to.throw(XmppError, 'cannot be changed yet');
    expect(() => conn.sendRetraction(ROOM, {}, 'r')).to.throw(XmppError);
    expect(() => conn.sendReactions(ROOM, '', ['👍'], 'x')).to.throw(XmppError);
    expect(() => conn.sendReactions('not a room', 'S1', ['👍'], 'x')).to.throw(XmppError, 'not a valid room address');
    expect(sent).to.deep.equal([]);
  });
});

describe('XmppConnection: routing incoming stanzas', () => {
  it('emits each kind once, and never an action as a message', async () => {
    const seen: string[] = [];
    const record = (k: string) => () => void seen.push(k);
    const handlers: ConnectionHandlers = {
      message: record('message'),
      edit: record('edit'),
      retraction: record('retraction'),
      reactions: record('reactions'),
      chatState: record('chatState'),
      subject: record('subject'),
      messageError: record('messageError'),
    };
    const { client } = make('standard', handlers);
    const names = [
      'groupchat-retract',
      'groupchat-ethora-delete',
      'groupchat-correction',
      'groupchat-ethora-edit',
      'groupchat-reactions',
      'groupchat-ethora-reactions',
      'groupchat-typing',
      'groupchat-displayed',
      'groupchat-subject',
      'groupchat-reply',
      'message-error-banned',
      'groupchat-moderated-forged',
      'mucsub-reactions',
    ];
    for (const name of names) client.emit('message', await fixture(name));
    expect(seen).to.deep.equal([
      'retraction',
      'retraction',
      'edit',
      'edit',
      'reactions',
      'reactions',
      'chatState',
      'subject',
      'message',
      'messageError',
      'reactions',
    ]);
  });
});

describe('XmppConnection: read state (private storage)', () => {
  function withStore(initial: string | undefined) {
    const { conn, client } = make('standard');
    const store = { value: initial, sets: [] as string[] };
    client.sendIQ = async (iq) => {
      if (iq.type === 'get') return { type: 'result', privateStorage: { chatjson: store.value === undefined ? {} : { value: store.value } } };
      store.value = iq.privateStorage?.chatjson?.value;
      store.sets.push(store.value!);
      return { type: 'result' };
    };
    return { conn, store };
  }

  it('merges: keeps other rooms (and unknown keys) as stored, never moves a room backwards', async () => {
    const { conn, store } = withStore('{"other@c.x":"5","note":{"x":1}}');
    await conn.setReadState(ROOM, 2000);
    await conn.setReadState(ROOM, 1000);
    expect(JSON.parse(store.value!)).to.deep.equal({ 'other@c.x': '5', note: { x: 1 }, [ROOM]: '2000' });
    expect(store.sets).to.have.length(1);
    expect(await conn.getReadState()).to.deep.equal({ 'other@c.x': 5, [ROOM]: 2000 });
  });

  it('starts from {} when nothing or garbage is stored, and serialises concurrent writes', async () => {
    const { conn, store } = withStore('not json');
    await Promise.all([conn.setReadState(ROOM, 10), conn.setReadState('b@c.x', 20), conn.setReadState(ROOM, 30)]);
    expect(JSON.parse(store.value!)).to.deep.equal({ [ROOM]: '30', 'b@c.x': '20' });
    const empty = withStore(undefined);
    expect(await empty.conn.getReadState()).to.deep.equal({});
  });

  it('does not overwrite the stored object when the read fails', async () => {
    const { conn, client } = make('standard');
    let sets = 0;
    client.sendIQ = async (iq) => {
      if (iq.type === 'set') sets++;
      throw { type: 'error', error: { condition: 'internal-server-error' } };
    };
    const error = await conn.setReadState(ROOM, 1).then(
      () => undefined,
      (e: XmppError) => e,
    );
    expect(error).to.be.instanceOf(XmppError);
    expect(sets).to.equal(0);
  });
});
