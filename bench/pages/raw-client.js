// The least any StanzaJS client in a browser does, as a floor for the widget: sign in (SCRAM),
// bind, then the join and the newest archive page at once; the page's messages, then every live
// one, appended as plain paragraphs. No UI, no cache, no state. Parameters come from the query
// string as in ours.html: service, jid, password, rooms (the first is joined, with the JID's
// local part as nick, as the widget does).
import { createClient } from 'stanza';

const q = new URLSearchParams(location.search);
const jid = q.get('jid');
const room = q.get('rooms').split(' ')[0];
const log = document.getElementById('log');
const client = createClient({ jid, password: q.get('password'), transports: { websocket: q.get('service'), bosh: false } });
window.__raw = client;

function show(bodies) {
  for (const body of bodies) {
    const p = document.createElement('p');
    p.className = 'msg';
    p.textContent = body;
    log.append(p);
  }
  log.lastElementChild?.scrollIntoView();
}

client.on('groupchat', (msg) => {
  if (msg.body && msg.from.startsWith(`${room}/`)) show([msg.body]);
});
client.on('session:started', async () => {
  const bodies = [];
  const collect = (msg) => {
    const body = msg.archive?.item?.message?.body;
    if (body) bodies.push(body);
  };
  client.on('mam:item', collect);
  client.joinRoom(room, jid.split('@')[0], { muc: { type: 'join', history: { maxstanzas: 0 } } }).catch(() => {});
  // The widget's page size (src/session/history.ts).
  await client.searchHistory(room, { paging: { max: 30, before: '' } });
  client.off('mam:item', collect);
  show(bodies);
});
client.connect();
