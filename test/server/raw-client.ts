/**
 * Raw XMPP clients (StanzaJS, no widget) against the kit's server, for tests of what the server
 * itself answers on the wire: the stanzas Ethora's clients send, and hostile ones.
 */
import Stanza from 'stanza';
import type { Agent } from 'stanza';
import { DOMAIN, SERVICE, newUser } from '../integration/harness.js';

export const HTTP = SERVICE.replace(/^ws/, 'http').replace(/\/ws$/, '');

/** A signed-in client (session started) of `jid`; disconnect with `client.disconnect()`. */
export async function connect(jid: string, password: string): Promise<Agent> {
  const client = Stanza.createClient({ jid, password, transports: { websocket: SERVICE, bosh: false }, resource: `raw-${Math.random().toString(36).slice(2, 8)}` });
  const started = new Promise<void>((resolve, reject) => {
    client.once('session:started', () => resolve());
    client.once('auth:failed', () => reject(new Error(`auth failed for ${jid}`)));
    setTimeout(() => reject(new Error(`no session for ${jid} within 15 s`)), 15000);
  });
  client.connect();
  await started;
  return client;
}

/** A fresh user, signed in. */
export async function freshClient(prefix = 'raw'): Promise<{ client: Agent; jid: string; user: string; password: string }> {
  const u = await newUser(prefix);
  return { ...u, client: await connect(u.jid, u.password) };
}

export { DOMAIN };
