import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { XmppError } from '../../../src/protocol/errors.js';
import type { ConnectionHandlers, WireBlocklist } from '../../../src/protocol/types.js';
import { XmppConnection } from '../../../src/protocol/xmpp-connection.js';
import { fixture } from './fixtures.js';

// Nothing listens on port 9 of loopback: the client is only used for its API.
const OPTIONS = { service: 'ws://127.0.0.1:9/ws', jid: 'me@localhost', password: 'x', maxReconnectAttempts: 0 };
const ROOM = 'lobby@conference.localhost';

interface FakeClient {
  jid: string;
  sendIQ(iq: Stanzas.IQ): Promise<Stanzas.IQ>;
  sendIQResult(iq: Stanzas.IQ): void;
  sendIQError(iq: Stanzas.IQ, error: { error: { condition: string } }): void;
  emit(event: string, arg: unknown): void;
}

function make(handlers: ConnectionHandlers = {}) {
  const conn = new XmppConnection(OPTIONS, handlers);
  const client = (conn as unknown as { client: FakeClient }).client;
  const sent: Stanzas.IQ[] = [];
  return { conn, client, sent };
}

describe('XmppConnection: muted rooms in private storage', () => {
  it('read-merge-writes: other keys kept, a room added once and removed', async () => {
    const { conn, client } = make();
    let value: string | undefined = '{"muted":["a@c.x"],"future":{"x":1}}';
    client.sendIQ = async (iq) => {
      if (iq.type === 'get') return { type: 'result', privateStorage: { ethoraChatPrefs: { value } } };
      value = iq.privateStorage?.ethoraChatPrefs?.value;
      return { type: 'result' };
    };
    await Promise.all([conn.setMuted(ROOM, true), conn.setMuted(ROOM, true)]);
    expect(JSON.parse(value)).to.deep.equal({ muted: ['a@c.x', ROOM], future: { x: 1 } });
    await conn.setMuted('a@c.x', false);
    expect(await conn.getPrefs()).to.deep.equal({ muted: [ROOM] });
  });

  it('does not overwrite the stored preferences when the read fails', async () => {
    const { conn, client } = make();
    let sets = 0;
    client.sendIQ = async (iq) => {
      if (iq.type === 'set') sets++;
      throw { type: 'error', error: { condition: 'internal-server-error' } };
    };
    const error = await conn.setMuted(ROOM, true).then(
      () => undefined,
      (e: XmppError) => e,
    );
    expect(error).to.be.instanceOf(XmppError);
    expect(sets).to.equal(0);
  });
});

describe('XmppConnection: blocking and Ethora members', () => {
  it('asks for the block list and normalises it; blocks one bare JID', async () => {
    const { conn, client } = make();
    const asked: Stanzas.IQ[] = [];
    client.sendIQ = async (iq) => {
      asked.push(iq);
      return iq.type === 'get' ? { type: 'result', blockList: { action: 'list', jids: ['Bob@Localhost', 'bob@localhost/x'] } } : { type: 'result' };
    };
    expect(await conn.getBlocked()).to.deep.equal({ action: 'list', jids: ['bob@localhost'] });
    await conn.block('Carol@Localhost/phone');
    expect(asked[1].blockList).to.deep.equal({ action: 'block', jids: ['carol@localhost'] });
    const refused = await conn.block('not a jid').then(
      () => undefined,
      (e: XmppError) => e,
    );
    expect(refused?.condition).to.equal('jid-malformed');
  });

  it('answers block list pushes from our own account and reports them; refuses them from others', () => {
    const seen: WireBlocklist[] = [];
    const { client } = make({ blocklist: (b) => void seen.push(b) });
    const answers: string[] = [];
    client.sendIQResult = (iq) => void answers.push(`result ${iq.id}`);
    client.sendIQError = (iq, e) => void answers.push(`${e.error.condition} ${iq.id}`);
    const push = (id: string, from: string | undefined, action: string, jids?: string[]) =>
      client.emit('iq', { type: 'set', id, from, to: client.jid, payloadType: 'blockList', blockList: { action, jids } });
    client.jid = 'me@localhost/web';
    push('1', undefined, 'block', ['Bob@localhost']);
    push('2', 'me@localhost', 'unblock');
    push('3', 'mallory@localhost', 'block', ['alice@localhost']);
    push('4', 'me@localhost/other', 'block', ['alice@localhost']);
    expect(seen).to.deep.equal([
      { action: 'block', jids: ['bob@localhost'] },
      { action: 'unblock', jids: [] },
    ]);
    expect(answers).to.deep.equal(['result 1', 'result 2', 'service-unavailable 3', 'service-unavailable 4']);
  });

  it('asks ns:room:last of the server (no `to`) for the room, and rejects where it is not answered', async () => {
    const { conn, client } = make();
    const answer = await fixture<Stanzas.IQ>('room-last-result');
    let asked: Stanzas.IQ | undefined;
    client.sendIQ = async (iq) => ((asked = iq), answer);
    const members = await conn.roomLast(ROOM);
    expect(asked).to.include({ type: 'get' });
    expect(asked!.to).to.equal(undefined);
    expect(asked!.roomLast).to.deep.equal({ room: ROOM });
    expect(members.map((m) => m.jid)).to.deep.equal(['alice@xmpp.chat.ethora.com', 'carol@xmpp.chat.ethora.com']);
    client.sendIQ = async () => {
      throw { type: 'error', error: { condition: 'service-unavailable' } };
    };
    const error = await conn.roomLast(ROOM).then(
      () => undefined,
      (e: XmppError) => e,
    );
    expect(error?.condition).to.equal('service-unavailable');
  });
});
