// The floors of a cold start: what no client can beat on this machine, measured right after each
// history run (the page closed, so nothing else runs) and reported beside its milestones.
// - The browser's share: navigation → the first script of an empty page runs, in a fresh context
//   with the same instrumentation (pages/floor.html). No widget runs before its page does.
// - The server's share: a raw StanzaJS client in Node, WebSocket created (the client already
//   made) → the newest message of the room's newest archive page arrived, doing what the widget
//   does on the way: SCRAM sign-in, bind, then the join and the newest-page query at once.
// - A raw client's: the same steps by a bare StanzaJS client in the same browser, from the same
//   StanzaJS build as the widget's (bench/raw-client.mjs), its messages appended as paragraphs:
//   navigation → the newest message painted, as the widget's cold start is timed.
import { performance } from 'node:perf_hooks';
import { closeContext, openPage, pollPage } from './browser.mjs';
import { connect, disconnect, within } from './xmpp.mjs';
import { USERS } from './config.mjs';
import { buildRawClient, raw } from './raw-client.mjs';
import { finish } from './scenarios.mjs';

/** The widget's history page (src/session/history.ts PAGE_SIZE): the floor asks for as many. */
const PAGE = 30;

async function browserFloor(env) {
  const { context, page } = await openPage(env.browser, { messageSelector: 'none', markers: {} });
  try {
    await page.goto(`${env.base}/bench/pages/floor.html`, { waitUntil: 'load', timeout: 30_000 });
    return await page.evaluate(() => window.__floorRan ?? null);
  } finally {
    await closeContext(context);
  }
}

async function rawClientFloor(env, room) {
  await buildRawClient();
  const usableTag = `${room.tag}-${room.newest}`;
  const { context, page } = await openPage(env.browser, { messageSelector: raw.messageSelector, usableTag, markers: raw.markers });
  try {
    await page.goto(raw.url(env.base, { user: USERS.reader, rooms: [room.jid] }), { waitUntil: 'commit', timeout: 30_000 });
    if (!(await pollPage(page, () => window.__bench.usable?.frame !== undefined, null, 30_000))) return null;
    return await page.evaluate(() => window.__bench.usable.frame);
  } finally {
    await finish(page, context, raw);
  }
}

async function serverFloor(room) {
  let t0 = 0;
  let newest = 0;
  const client = await connect(USERS.reader, { resource: `bench-floor-${Math.random().toString(36).slice(2, 8)}`, connecting: () => (t0 = performance.now()) });
  // The newest message of the page arrives last: the widget's figure stops at it too.
  client.on('mam:item', () => (newest = performance.now()));
  try {
    client.joinRoom(room.jid, `floor-${Math.random().toString(36).slice(2, 6)}`, { muc: { type: 'join', history: { maxstanzas: 0 } } }).catch(() => {});
    await within(client.searchHistory(room.jid, { paging: { max: PAGE, before: '' } }), 30_000, `MAM newest page of ${room.jid}`);
    return newest ? newest - t0 : null;
  } finally {
    await disconnect(client);
  }
}

/** { browser, server, client } in ms (null when one could not be measured; the run's figures stand). */
export async function coldStartFloors(env, room) {
  const browser = await browserFloor(env).catch(() => null);
  const server = await serverFloor(room).catch(() => null);
  return { browser, server, client: await rawClientFloor(env, room).catch(() => null) };
}
