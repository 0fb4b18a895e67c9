// The least any StanzaJS client in a browser does for a cold start, as a floor for the widget's:
// sign in (SCRAM), bind, then the join and the newest archive page at once, and the page's
// messages appended as plain paragraphs. No UI, no cache, no state. Parameters come from the
// query string as in ours.html: service, jid, password, room.
import { createClient } from 'stanza';

const q = new URLSearchParams(location.search);
const room = q.get('room');
const client = createClient({ jid: q.get('jid'), password: q.get('password'), transports: { websocket: q.get('service'), bosh: false } });
window.__raw = client;
client.on('session:started', async () => {
  const bodies = [];
  const collect = (msg) => {
    const body = msg.archive?.item?.message?.body;
    if (body) bodies.push(body);
  };
  client.on('mam:item', collect);
  client.joinRoom(room, `raw-${Math.random().toString(36).slice(2, 8)}`, { muc: { type: 'join', history: { maxstanzas: 0 } } }).catch(() => {});
  // The widget's page size (src/session/history.ts).
  await client.searchHistory(room, { paging: { max: 30, before: '' } });
  client.off('mam:item', collect);
  const log = document.getElementById('log');
  for (const body of bodies) {
    const p = document.createElement('p');
    p.className = 'msg';
    p.textContent = body;
    log.append(p);
  }
  log.lastElementChild?.scrollIntoView();
});
client.connect();
