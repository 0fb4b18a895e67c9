/**
 * Creates the StanzaJS client with the configuration this widget needs, and neutralises the
 * StanzaJS behaviours that fight it (see /work/shared/docs/stanza.md §3, §6).
 */
import * as Stanza from 'stanza';
import type { Agent } from 'stanza';
import { ethoraProtocol } from './definitions.js';
import type { ConnectionOptions } from './types.js';

/** Longest wait between reconnect attempts (s): StanzaJS's and ours (connection-core.ts). */
export const MAX_BACKOFF = 16;

export function createStanzaClient(options: ConnectionOptions): Agent {
  const client = Stanza.createClient({
    jid: options.jid,
    password: options.password,
    resource: options.resource,
    // An explicit URL: otherwise StanzaJS runs host-meta discovery and falls back to BOSH.
    transports: { websocket: options.service, bosh: false },
    autoReconnect: true,
    maxReconnectBackoff: MAX_BACKOFF,
    timeout: 10,
    useStreamManagement: true,
    allowResumption: true,
    // Each automatic MUC receipt/marker would be broadcast by ejabberd to every occupant.
    sendMUCReceipts: false,
    chatMarkers: false,
  });
  client.use(ethoraProtocol);
  // A new session (not a resume) has been bound. StanzaJS's MUC plugin would now re-join
  // every room it remembers with a bare join, which replays legacy history (stanza #482);
  // the caller re-joins itself with maxstanzas=0. This event also covers new sessions that
  // StanzaJS does not announce with session:end (e.g. after disconnect() and connect()).
  client.on('session:bound', () => {
    client.joinedRooms.clear();
    client.joiningRooms.clear();
  });
  keepResumableState(client);
  if (options.renewPassword) renewPasswordPerConnect(client, options.password, options.renewPassword);
  return client;
}

/**
 * Asks for the password once per connect attempt (the first one is given): StanzaJS reads
 * credentials during SASL, and its own reconnects call connect() too. Nothing derived from an
 * old password is kept (src/platform/sasl.ts caches no SCRAM keys): a new token is always used.
 */
function renewPasswordPerConnect(client: Agent, first: string, renew: () => Promise<string>): void {
  let current: Promise<string> = Promise.resolve(first);
  let attempts = 0;
  const connect = client.connect.bind(client);
  client.connect = (...args: Parameters<Agent['connect']>) => {
    if (attempts++ > 0) {
      current = renew();
      current.catch(() => undefined); // a failure surfaces in SASL (aborted), as a failed attempt
    }
    return connect(...args);
  };
  const configured = (client as unknown as { _getConfiguredCredentials(): Record<string, unknown> })._getConfiguredCredentials.bind(client);
  client.getCredentials = async () => ({ ...configured(), password: await current });
}

/**
 * StanzaJS forgets a resumable XEP-0198 session when a reconnect attempt fails after its
 * WebSocket opened but before the resume completed (the open resets `sm.started`, and the
 * next transport loss then calls `sm.shutdown()`). One attempt that the server closes, or that
 * our connect timeout abandons, would turn the next good attempt into a new session: rejoins,
 * catch-up, and unacked stanzas reported failed. While the old session may still be resumable
 * (an id the server allowed to resume), keep it: the next attempt resumes, or the server
 * refuses (`<failed/>`) and StanzaJS starts a new session as usual.
 */
function keepResumableState(client: Agent): void {
  const sm = client.sm;
  const hibernate = sm.hibernate.bind(sm);
  sm.hibernate = async () => {
    if (!sm.started && sm.id && sm.allowResume) {
      for (const [kind, stanza] of sm.unacked) sm.emit('hibernated', { kind, stanza });
      return;
    }
    return hibernate();
  };
}
