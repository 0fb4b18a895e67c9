// The live scenario (scenarios.mjs has the others): latency and a burst in a fresh room, for both
// clients. Times from the page are page-clock ms since navigation start; Node times are epoch ms.
import { createRoom, api } from '../server/kit.mjs';
import { BURST_MESSAGES, LATENCY_MESSAGES, MUC, TIMEOUT, USERS, roomJid } from './config.mjs';
import { clockOffset, heapUsed, openPage, settle, sleep } from './browser.mjs';
import { within } from './xmpp.mjs';
import { finish } from './scenarios.mjs';

/** Latency (50 single messages) and burst (500 as fast as possible) in a fresh room, sent by a
 *  StanzaJS client in Node, with a second raw StanzaJS client in Node as the floor (both in a
 *  worker thread: live-worker.mjs). */
export async function liveRun(env, ad, run) {
  // A new room for every attempt: a repeated run must not find the last attempt's messages.
  const name = `bench-live-${env.stamp}-${ad.id}-${run}-${Date.now().toString(36)}`;
  const jid = roomJid(name);
  await createRoom(name, { title: `Live ${run}` });
  const live = env.live;
  await live.call('join', { room: jid });
  const pageWaiters = new Map();
  const floorWaiters = new Map();
  const floorRecv = new Map();
  const floorWire = new Map();
  let readerJoined;
  const joined = new Promise((resolve) => (readerJoined = resolve));
  // Both clients use the account's local part as nick (a suffix if a ghost session holds it).
  const off = live.on((ev) => {
    if (ev.type === 'presence' && ev.from?.toLowerCase().startsWith(`${jid}/${USERS.reader}`)) readerJoined();
    if (ev.type === 'wire' && !floorWire.has(ev.tag)) floorWire.set(ev.tag, ev.t);
    if (ev.type === 'recv' && ev.from?.startsWith(`${jid}/`) && !floorRecv.has(ev.tag)) {
      floorRecv.set(ev.tag, ev.t);
      floorWaiters.get(ev.tag)?.();
    }
  });
  const { context, page, cdp, errors } = await openPage(
    env.browser,
    { messageSelector: ad.messageSelector, markers: ad.markers, notifyRegex: `^(L-\\d+|B-${BURST_MESSAGES})$` },
    { bindings: { __benchSeen: (tag) => pageWaiters.get(tag)?.() } },
  );
  const r = { run, room: jid };
  try {
    await page.goto(ad.url(env.base, { user: USERS.reader, rooms: [jid] }), { waitUntil: 'commit', timeout: 30_000 });
    await within(joined, TIMEOUT.join, `${ad.label} joining ${jid}`);
    r.joinSettle = await settle(page, 700, 10_000);
    const clock = await clockOffset(page);
    const origin = await page.evaluate(() => performance.timeOrigin);
    r.clock = { rtt: clock.rtt, offset: clock.offset };
    const toNode = (t) => origin + t - clock.offset; // page time -> Node epoch ms

    // ---- latency: one at a time ----
    const sends = new Map();
    for (let k = 1; k <= LATENCY_MESSAGES; k++) {
      const tag = `L-${k}`;
      const seen = Promise.all([new Promise((res) => pageWaiters.set(tag, res)), new Promise((res) => floorWaiters.set(tag, res))]);
      sends.set(tag, await live.call('send', { room: jid, tag, text: `latency probe ${k}` }));
      await Promise.race([seen, sleep(TIMEOUT.latencyEach)]);
      await sleep(30);
    }
    const lat = await page.evaluate(() => {
      const B = window.__bench;
      const pick = (m) => Object.fromEntries([...m].filter(([t]) => t.startsWith('L-')));
      return { dom: pick(B.seenDom), frame: pick(B.seenFrame), arrival: pick(B.ws.arrivals) };
    });
    r.latency = [...sends].map(([tag, sent]) => ({
      tag,
      floor: floorRecv.has(tag) ? floorRecv.get(tag) - sent : null,
      floorWire: floorWire.has(tag) ? floorWire.get(tag) - sent : null,
      dom: lat.dom[tag] !== undefined ? toNode(lat.dom[tag]) - sent : null,
      frame: lat.frame[tag] !== undefined ? toNode(lat.frame[tag]) - sent : null,
      arrival: lat.arrival[tag] !== undefined ? toNode(lat.arrival[tag]) - sent : null,
    }));

    // ---- burst: as fast as the server allows ----
    await settle(page, 500, 5000);
    const heapBefore = await heapUsed(cdp);
    const lastTag = `B-${BURST_MESSAGES}`;
    const done = Promise.all([new Promise((res) => pageWaiters.set(lastTag, res)), new Promise((res) => floorWaiters.set(lastTag, res))]);
    const sent = await live.call('burst', { room: jid, count: BURST_MESSAGES });
    const finished = await Promise.race([done.then(() => true), sleep(TIMEOUT.burst).then(() => false)]);
    await sleep(1000); // long tasks right after the last message count too
    const b = await page.evaluate((n) => {
      const B = window.__bench;
      let rendered = 0;
      for (let k = 1; k <= n; k++) if (B.seenDom.has(`B-${k}`)) rendered++;
      return {
        rendered,
        firstArrival: B.ws.arrivals.get('B-1'),
        lastArrival: B.ws.arrivals.get(`B-${n}`),
        lastDom: B.seenDom.get(`B-${n}`),
        lastFrame: B.seenFrame.get(`B-${n}`),
        longtasks: B.longtasks,
        longFrames: B.longFrames,
        now: performance.now(),
      };
    }, BURST_MESSAGES);
    const end = b.lastFrame ?? b.now;
    const lts = b.longtasks.filter((l) => b.firstArrival !== undefined && l.start + l.duration >= b.firstArrival && l.start <= end + 1000);
    r.burst = {
      finished,
      rendered: b.rendered,
      floorReceived: [...floorRecv.keys()].filter((t) => t.startsWith('B-')).length,
      sendMs: sent.last - sent.first,
      firstSendToLastVisible: b.lastFrame !== undefined ? toNode(b.lastFrame) - sent.first : null,
      // "arrival" of the last message: the raw Node client got it from the same room fan-out (Node clock),
      // and the page's WebSocket message event (page clock; late if the page's main thread was busy).
      lastArrivalToVisible: b.lastFrame !== undefined && floorRecv.has(lastTag) ? toNode(b.lastFrame) - floorRecv.get(lastTag) : null,
      lastWsEventToVisible: b.lastFrame !== undefined && b.lastArrival !== undefined ? b.lastFrame - b.lastArrival : null,
      floorFirstSendToLast: floorRecv.has(lastTag) ? floorRecv.get(lastTag) - sent.first : null,
      longtasks: { count: lts.length, max: Math.max(0, ...lts.map((l) => l.duration)), total: lts.reduce((n, l) => n + l.duration, 0) },
      // The long animation frames behind them (results.json only).
      longFrames: b.longFrames.filter((f) => b.firstArrival !== undefined && f.start + f.duration >= b.firstArrival && f.start <= end + 1000),
    };
    // Memory once the burst is over (after GC): it should be where it was before, plus the
    // window of rendered messages and the timeline's model. Again 5 s later (after GC): flat
    // afterwards means the second figure is not above the first.
    await settle(page, 1000, 15_000);
    r.burst.heapBefore = heapBefore;
    r.burst.heapAfter = await heapUsed(cdp);
    await sleep(5000);
    r.burst.heapLater = await heapUsed(cdp);
    if (!finished) r.burst.error = `the last burst message was not shown within ${TIMEOUT.burst / 1000} s (${b.rendered} of ${BURST_MESSAGES} rendered)`;
  } finally {
    off();
    r.pageErrors = errors;
    await finish(page, context, ad);
    await live.call('leave', { room: jid }).catch(() => {});
    await api('destroy_room', { name, service: MUC }).catch(() => {});
  }
  return r;
}
