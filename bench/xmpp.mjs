// StanzaJS clients in Node (senders, the raw latency floor, archive counts). Loopback only.
import S from 'stanza';
import { WS_URL, jidOf } from './config.mjs';

/** Resolves or rejects within ms. */
export function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** A connected StanzaJS client (`connecting`: called just before its WebSocket is made). Without initial presence (`presence: false`) ejabberd does not
 *  flush the account's offline messages to it; room messages to its full JID still arrive. */
export async function connect(user, { resource = `bench-${Math.random().toString(36).slice(2, 8)}`, presence = false, connecting } = {}) {
  const client = S.createClient({
    jid: jidOf(user),
    password: user,
    resource,
    timeout: 120, // IQ timeout (s): MAM on a big Mnesia archive is slow
    transports: { websocket: WS_URL, bosh: false },
  });
  client.on('stream:error', () => {});
  const started = new Promise((resolve, reject) => {
    client.once('session:started', resolve);
    client.once('auth:failed', () => reject(new Error(`auth failed for ${user}`)));
  });
  connecting?.(); // the client is made (StanzaJS's setup is done): its WebSocket is created next
  client.connect();
  await within(started, 15_000, `login of ${user}`);
  if (presence) client.sendPresence();
  return client;
}

export async function disconnect(client) {
  if (!client) return;
  const gone = new Promise((r) => client.once('disconnected', r));
  client.disconnect();
  await within(gone, 3000, 'disconnect').catch(() => {});
}

/** Joins a room (no legacy history). */
export async function join(client, room, nick) {
  return within(client.joinRoom(room, nick, { muc: { type: 'join', history: { maxstanzas: 0 } } }), 10_000, `join ${room}`);
}

/** Number of archived messages in a room (MAM + RSM count). */
export async function archiveCount(client, room) {
  const fin = await within(client.searchHistory(room, { paging: { max: 0 } }), 120_000, `MAM count of ${room}`);
  return fin.paging?.count ?? 0;
}

/** The body of the newest archived message of a room, or undefined. */
export async function newestArchived(client, room) {
  const got = [];
  const onMam = (m) => {
    if (m.archive?.item?.message?.body) got.push(m.archive.item.message.body);
  };
  client.on('mam:item', onMam);
  try {
    await within(client.searchHistory(room, { paging: { max: 1, before: '' } }), 120_000, `MAM newest of ${room}`);
  } finally {
    client.off('mam:item', onMam);
  }
  return got[got.length - 1];
}
