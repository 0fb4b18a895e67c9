import { expect } from '@open-wc/testing';
import type { Agent, Stanzas } from 'stanza';
import { XmppConnection } from '../../../src/protocol/xmpp-connection.js';

const ROOM = 'fresh@conference.localhost';
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * An online XmppConnection whose StanzaJS client is driven by hand: every join is answered with a
 * self-presence saying the room was created (status 201), or not; IQs are recorded and answered.
 */
function connection(created: boolean) {
  const conn = new XmppConnection({ service: 'ws://127.0.0.1:9/ws', jid: 'alice@localhost', password: 'x', maxReconnectAttempts: 0 });
  const client = (conn as unknown as { client: Agent }).client;
  const emit = client.emit.bind(client) as (event: string, ...args: unknown[]) => boolean;
  client.connect = () => undefined;
  void conn.connect();
  emit('session:started');
  const iqs: Stanzas.IQ[] = [];
  client.sendIQ = (async (iq: Stanzas.IQ) => {
    iqs.push(iq);
    // The owner's configuration form, when asked for it.
    if (iq.type === 'get')
      return {
        ...iq,
        type: 'result',
        muc: { type: 'configure', form: { type: 'form', fields: [{ name: 'muc#roomconfig_roomname', type: 'text-single', value: '' }] } },
      };
    return { ...iq, type: 'result' };
  }) as unknown as Agent['sendIQ'];
  client.sendPresence = ((p: Stanzas.Presence) => {
    setTimeout(() =>
      emit('presence', {
        from: p.to,
        to: 'alice@localhost/web',
        muc: { type: 'info', affiliation: 'owner', role: 'moderator', statusCodes: created ? ['201', '110'] : ['110'] },
      }),
    );
    return undefined;
  }) as unknown as Agent['sendPresence'];
  /** The room configurations submitted: 'instant' (an empty form) or the fields named. */
  const submitted = () =>
    iqs
      .filter((iq) => iq.type === 'set' && (iq.muc as Stanzas.MUCConfigure | undefined)?.type === 'configure')
      .map((iq) => {
        const fields = (iq.muc as Stanzas.MUCConfigure).form?.fields ?? [];
        return fields.length ? fields.map((f) => f.name).join() : 'instant';
      });
  return { conn, submitted };
}

describe('XmppConnection: a room our join created (XEP-0045 status 201)', () => {
  it('accepts the default configuration when nobody configures it (Prosody keeps it locked otherwise)', async () => {
    const { conn, submitted } = connection(true);
    const joined = await conn.join(ROOM, 'alice');
    expect(joined.created).to.equal(true);
    await tick();
    expect(submitted()).to.deep.equal(['instant']);
    await conn.disconnect();
  });

  it('submits only the creator’s configuration when the room is created on purpose', async () => {
    const { conn, submitted } = connection(true);
    const joined = await conn.join(ROOM, 'alice');
    if (joined.created) await conn.saveRoomSettings(ROOM, { name: 'Fresh' }, true);
    await tick();
    expect(submitted()).to.deep.equal(['FORM_TYPE,muc#roomconfig_roomname']);
    await conn.disconnect();
  });

  it('configures nothing after joining a room that existed', async () => {
    const { conn, submitted } = connection(false);
    expect((await conn.join(ROOM, 'alice')).created).to.equal(false);
    await tick();
    expect(submitted()).to.deep.equal([]);
    await conn.disconnect();
  });
});
