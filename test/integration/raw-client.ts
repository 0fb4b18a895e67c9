/**
 * A bare StanzaJS session (no widget) for what the widget does not do itself (1:1 messages).
 */
import type { Agent } from 'stanza';
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
