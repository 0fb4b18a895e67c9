/**
 * A bare StanzaJS session (no widget) for what the widget does not do itself: 1:1 messages,
 * and a hostile user who prepares rooms and sends invitations by hand.
 */
import type { Agent, Stanzas } from 'stanza';
import { createStanzaClient } from '../../src/protocol/stanza-client.js';
import { SERVICE } from './harness.js';

export async function rawClient(jid: string, password: string, resource = `raw-${Math.random().toString(36).slice(2, 8)}`): Promise<Agent> {
  const client = createStanzaClient({ service: SERVICE, jid, password, maxReconnectAttempts: 0, resource });
  const started = new Promise((resolve) => client.once('session:started', resolve));
  void client.connect();
  await started;
  client.sendPresence();
  return client;
}

/** Enters a room as `nick`; resolves with the room's answer (self-presence or error). */
export function enter(client: Agent, room: string, nick: string): Promise<Stanzas.ReceivedPresence> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(undefined), 10000);
    const on = (p: Stanzas.ReceivedPresence) => {
      if (p.from === `${room}/${nick}` || (p.type === 'error' && p.from?.startsWith(room))) done(p);
    };
    const done = (p: Stanzas.ReceivedPresence | undefined) => {
      clearTimeout(timer);
      client.off('presence', on);
      if (p) resolve(p);
      else reject(new Error(`no answer from ${room}`));
    };
    client.on('presence', on);
    client.sendPresence({ to: `${room}/${nick}`, muc: { type: 'join', history: { maxStanzas: 0 } } });
  });
}

/** Submits room configuration fields (as its owner). */
export async function configure(client: Agent, room: string, fields: Record<string, boolean | string>): Promise<void> {
  const list: Stanzas.DataFormField[] = [{ name: 'FORM_TYPE', type: 'hidden', value: 'http://jabber.org/protocol/muc#roomconfig' }];
  for (const [name, value] of Object.entries(fields)) list.push(typeof value === 'boolean' ? { name, type: 'boolean', value } : { name, type: 'text-single', value });
  await client.configureRoom(room, { fields: list });
}

/** Subscribes to a room's messages (ejabberd MucSub). */
export async function subscribe(client: Agent, room: string, nick: string): Promise<void> {
  await client.sendIQ({ to: room, type: 'set', mucsubSubscribe: { nick, events: ['urn:xmpp:mucsub:nodes:messages'] } });
}

/** Every message stanza the client receives from now on, serialised (live, MucSub, anything). */
export function overhear(client: Agent): string[] {
  const heard: string[] = [];
  client.on('message', (m) => heard.push(JSON.stringify(m)));
  return heard;
}

/** Sends an XEP-0249 direct invitation naming any address as the room. */
export function directInvite(client: Agent, to: string, room: string, reason?: string): void {
  client.directInvite(room, to, reason ? { reason } : {});
}
