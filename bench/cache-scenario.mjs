// The device history cache (issue 17), ethora-chat only: one browser context per run, so the
// second visit finds what the first left in IndexedDB.
//   cold start (1k room)                -> newest message painted (first visit, empty cache)
//   warm start (1k room, second visit)  -> newest message painted, and whether that was before the WebSocket opened
//   scroll back 200 on the second visit -> how many MAM queries it took (target 0: all from the cache)
//   10k room scrolled back until 5,000 messages are cached -> IndexedDB records and storage used
//   warm start of the 10k room with 5,000 cached -> newest painted (should stay flat vs the 1k room)
import { SCROLLBACK_MESSAGES, TIMEOUT, USERS } from './config.mjs';
import { closeContext, openPage, pollPage, settle, sleep } from './browser.mjs';

/** Messages the 10k room is scrolled back through before its cache is measured (the per-room cache bound). */
const CACHED_10K = 5000;

/** In-page (init script): counts MAM queries the page writes on its WebSockets. */
function countMam() {
  window.__mamQueries = 0;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('urn:xmpp:mam:2') && data.includes('<query')) window.__mamQueries++;
    return send.call(this, data);
  };
}

/** In-page: scrolls the timeline to the top every frame until a tag is rendered. */
async function scrollTo({ target, timeout }) {
  const B = window.__bench;
  const t0 = performance.now();
  const res = await B.waitFrames(
    'cache-scroll',
    () => {
      if (B.seenDom.has(target)) return true;
      const el = B.deep('[part=timeline]');
      if (el) el.scrollTop = -1e9;
      return false;
    },
    timeout,
  );
  return { ok: res.ok, ms: res.ok ? performance.now() - t0 : null };
}

/** In-page: the history records in IndexedDB and the origin's storage use. */
async function diskFacts() {
  const count = await new Promise((resolve) => {
    const req = indexedDB.open('ethora-chat');
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('history')) return resolve(0);
      const c = db.transaction('history').objectStore('history').count();
      c.onsuccess = () => (resolve(c.result), db.close());
    };
    req.onerror = () => resolve(null);
  });
  const { usage } = await navigator.storage.estimate();
  return { records: count, usage };
}

async function visit(page, url) {
  await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
  if (!(await pollPage(page, () => window.__bench.usable?.frame !== undefined, null, TIMEOUT.coldStart))) throw new Error('the newest message was not shown');
  return page.evaluate(() => ({
    painted: window.__bench.usable.frame,
    wsOpen: window.__bench.ws.opened[0] ?? null,
    wsCreated: window.__bench.ws.created[0] ?? null,
  }));
}

export async function cacheRun(env, ad, rooms, run) {
  if (ad.id !== 'ours') return { run, skipped: 'ethora-chat only' };
  const small = rooms['1k'];
  const big = rooms['10k'];
  const { context, page, errors } = await openPage(env.browser, {
    messageSelector: ad.messageSelector,
    usableTag: `${small.tag}-${small.newest}`,
    markers: ad.markers,
  });
  await context.addInitScript(countMam);
  const r = { run };
  try {
    const url = (room) => ad.url(env.base, { user: USERS.reader, rooms: [room.jid] });
    r.cold = await visit(page, url(small));
    const target = `${small.tag}-${small.newest - SCROLLBACK_MESSAGES}`;
    r.firstScroll = await page.evaluate(scrollTo, { target, timeout: TIMEOUT.scrollBack });
    await settle(page, 1000, 10_000);
    r.warm = await visit(page, url(small));
    r.warm.beforeWsOpen = r.warm.wsOpen === null || r.warm.painted < r.warm.wsOpen;
    await settle(page, 1000, 10_000);
    const mamBefore = await page.evaluate(() => window.__mamQueries);
    r.warmScroll = await page.evaluate(scrollTo, { target, timeout: TIMEOUT.scrollBack });
    r.warmScroll.mamQueries = (await page.evaluate(() => window.__mamQueries)) - mamBefore;

    // The 10k room: scrolled back through CACHED_10K messages, then opened again.
    await page.goto(url(big), { waitUntil: 'commit', timeout: 30_000 });
    await pollPage(page, (tag) => window.__bench.seenDom.has(tag), `${big.tag}-${big.newest}`, TIMEOUT.coldStart);
    r.bigScroll = await page.evaluate(scrollTo, { target: `${big.tag}-${big.newest - CACHED_10K + 1}`, timeout: 240_000 });
    await settle(page, 1500, 15_000);
    r.disk = await page.evaluate(diskFacts);
    await page.goto(url(big), { waitUntil: 'commit', timeout: 30_000 });
    const t = await pollPage(page, (tag) => window.__bench.seenFrame.has(tag), `${big.tag}-${big.newest}`, TIMEOUT.coldStart);
    r.open5000 = t
      ? await page.evaluate((tag) => ({ painted: window.__bench.seenFrame.get(tag), wsOpen: window.__bench.ws.opened[0] ?? null }), `${big.tag}-${big.newest}`)
      : null;
  } catch (e) {
    r.error = String(e?.message ?? e).slice(0, 300);
  } finally {
    r.pageErrors = errors;
    await Promise.race([ad.logout(page).catch(() => {}), sleep(3000)]);
    await closeContext(context);
  }
  console.log(`[bench cache #${run}] ${cacheSummary(r)}`);
  return r;
}

export function cacheSummary(r) {
  if (r.skipped) return r.skipped;
  if (r.error) return `ERROR ${r.error}`;
  const ms = (x) => (x === null || x === undefined ? '—' : `${Math.round(x)} ms`);
  return (
    `cold start ${ms(r.cold.painted)}; warm start ${ms(r.warm.painted)} (WebSocket open ${ms(r.warm.wsOpen)}, painted before it: ${r.warm.beforeWsOpen}); ` +
    `scroll back ${SCROLLBACK_MESSAGES} from the cache ${ms(r.warmScroll.ms)} with ${r.warmScroll.mamQueries} MAM queries; ` +
    `10k room: ${r.disk.records} messages cached, storage used ${(r.disk.usage / 1048576).toFixed(1)} MB; open with them cached ${ms(r.open5000?.painted)}`
  );
}
