// The measured scenarios, the same for both clients (an adapter says where a client's parts are:
// measure-ours.mjs, measure-converse.mjs): the cold starts here; the live one is in
// live-scenario.mjs, the 500 rooms in many-scenario.mjs. Each run gets a fresh browser context.
// Times from the page are page-clock ms since navigation start; Node times are epoch ms.
import path from 'node:path';
import { CACHE_DIR, SCROLLBACK_MESSAGES, TIMEOUT, USERS } from './config.mjs';
import { closeContext, heapUsed, openPage, pollPage, settle, sleep } from './browser.mjs';
import { roundTrips } from './round-trips.mjs';

export const src = (fn) => fn.toString();

/** In-page: facts at the moment the room became usable (the newest message painted). */
function coldStartFacts(usableTag) {
  const B = window.__bench;
  const until = B.usable.frame;
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource').filter((e) => !/^wss?:/.test(e.name));
  const upto = res.filter((e) => e.responseEnd <= until);
  const sum = (list, k) => list.reduce((n, e) => n + (e[k] || 0), 0);
  const lts = B.longtasks.filter((l) => l.start < until);
  const arrivals = [...B.ws.arrivals.values()];
  return {
    coldStart: until,
    coldStartDom: B.usable.dom,
    wsBytesUsable: B.usable.wsBytes,
    http: {
      page: nav.transferSize,
      // Everything but the host page, until usable: transfer (gzip + headers), encoded (gzip body), decoded.
      transfer: sum(upto, 'transferSize'),
      encoded: sum(upto, 'encodedBodySize'),
      decoded: sum(upto, 'decodedBodySize'),
      requests: upto.length,
      files: upto.map((e) => ({
        path: new URL(e.name).pathname,
        transfer: e.transferSize,
        encoded: e.encodedBodySize,
        decoded: e.decodedBodySize,
        end: Math.round(e.responseEnd),
      })),
    },
    milestones: {
      htmlLoaded: nav.responseEnd,
      scriptsLoaded: Math.max(0, ...upto.filter((e) => e.initiatorType === 'script' || /\.m?js$/.test(e.name)).map((e) => e.responseEnd)),
      domContentLoaded: nav.domContentLoadedEventEnd || null,
      wsCreated: B.ws.created[0] ?? null,
      wsOpen: B.ws.opened[0] ?? null,
      login: B.ws.markers.login ?? null,
      firstHistoryFrame: arrivals.length ? Math.min(...arrivals) : null,
      newestArrival: B.ws.arrivals.get(usableTag) ?? null,
      newestInDom: B.usable.dom,
      newestPainted: until,
    },
    wsLog: B.ws.log.filter((f) => f.t <= until),
    longtasksUntilUsable: { count: lts.length, total: lts.reduce((n, l) => n + l.duration, 0), max: Math.max(0, ...lts.map((l) => l.duration)) },
  };
}

/** In-page: what is rendered now. */
function renderedFacts({ rootSrc, msgSel, textSrc, timelineSrc, tag, usableTag }) {
  const B = window.__bench;
  const ev = (s) => (0, eval)(`(${s})`);
  const root = ev(rootSrc)();
  const text = ev(textSrc);
  const msgs = B.deepAll(msgSel);
  const re = new RegExp(`\\[${tag}-(\\d+)\\]`);
  const nums = [];
  let newest = null;
  for (const el of msgs) {
    const t = text(el);
    const m = re.exec(t);
    if (m) nums.push(Number(m[1]));
    if (usableTag && t.includes(`[${usableTag}]`)) newest = el;
  }
  let newestInView = null;
  const tl = ev(timelineSrc)();
  if (newest && tl) {
    const a = newest.getBoundingClientRect();
    const b = tl.getBoundingClientRect();
    newestInView = a.height > 0 && a.bottom > b.top && a.top < b.bottom;
  }
  const res = performance.getEntriesByType('resource').filter((e) => !/^wss?:/.test(e.name));
  return {
    elements: B.countElements(root),
    documentElements: B.countElements(document.documentElement),
    messages: msgs.length,
    minTag: nums.length ? Math.min(...nums) : null,
    maxTag: nums.length ? Math.max(...nums) : null,
    newestInView,
    httpTransferAll: res.reduce((n, e) => n + e.transferSize, 0),
    httpRequestsAll: res.length,
    wsBytes: B.ws.bytes,
    longtasks: B.longtasks.length,
  };
}

/** In-page: scrolls the timeline to the top every frame until the target message is rendered. */
async function scrollBack({ timelineSrc, target, timeout }) {
  const B = window.__bench;
  const timeline = (0, eval)(`(${timelineSrc})`);
  const t0 = performance.now();
  let el = null;
  let scrolls = 0;
  const res = await B.waitFrames(
    'scrollback',
    () => {
      if (B.seenDom.has(target)) return true;
      if (!el || !el.isConnected) el = timeline();
      if (el) {
        const before = el.scrollTop;
        el.scrollTop = -1e9; // the top: 0 for a normal scroller, -(max) for a column-reverse one
        if (el.scrollTop !== before) scrolls++;
      }
      return false;
    },
    timeout,
  );
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const shown = B.seenFrame.get(target) ?? res.t;
  const lts = B.longtasks.filter((l) => l.start >= t0 && l.start <= shown);
  return {
    ok: res.ok,
    ms: res.ok ? shown - t0 : null,
    domMs: res.ok ? B.seenDom.get(target) - t0 : null,
    scrolls,
    longtasks: { count: lts.length, max: Math.max(0, ...lts.map((l) => l.duration)) },
  };
}

/** What the page had when a run timed out (and a screenshot in .cache/bench/). */
export async function diagnose(page, name) {
  const file = path.join(CACHE_DIR, `timeout-${name}.png`);
  await page.screenshot({ path: file }).catch(() => {});
  const d = await page
    .evaluate(() => {
      const B = window.__bench;
      return {
        now: performance.now(),
        wsCreated: B.ws.created,
        wsOpened: B.ws.opened,
        frames: B.ws.frames,
        bytes: B.ws.bytes,
        markers: B.ws.markers,
        markerFrames: B.ws.markerFrames,
        tagsArrived: B.ws.arrivals.size,
        tagsRendered: B.seenDom.size,
        lastFrame: B.ws.lastFrame,
      };
    })
    .catch((e) => ({ error: e.message }));
  return { ...d, screenshot: file };
}

function rendered(page, ad, tag, usableTag) {
  return page.evaluate(renderedFacts, {
    rootSrc: src(ad.root),
    msgSel: ad.messageSelector,
    textSrc: src(ad.messageText),
    timelineSrc: src(ad.timeline),
    tag,
    usableTag,
  });
}

/** Logs out (3 s at most) and closes the run's browser context. */
export async function finish(page, context, ad) {
  await Promise.race([ad.logout(page).catch(() => {}), sleep(3000)]);
  await sleep(300);
  await closeContext(context);
}

/** Cold start, after-load figures and scroll-back in a seeded room (1k or 10k). */
export async function historyRun(env, ad, room, run) {
  const usableTag = `${room.tag}-${room.newest}`;
  const { context, page, cdp, errors } = await openPage(env.browser, { messageSelector: ad.messageSelector, usableTag, markers: ad.markers });
  const r = { run };
  try {
    await page.goto(ad.url(env.base, { user: USERS.reader, rooms: [room.jid] }), { waitUntil: 'commit', timeout: 30_000 });
    if (!(await pollPage(page, () => window.__bench.usable?.frame !== undefined, null, TIMEOUT.coldStart))) {
      r.error = `the newest message [${usableTag}] was not shown within ${TIMEOUT.coldStart / 1000} s`;
      r.diagnostics = await diagnose(page, `${ad.id}-${room.name}-${run}`);
      return r;
    }
    Object.assign(r, await page.evaluate(coldStartFacts, usableTag));
    if (env.rttMs && r.milestones.newestArrival !== null) r.roundTrips = roundTrips(r.wsLog, r.milestones.newestArrival, env.rttMs);
    r.settle = await settle(page, 1000, TIMEOUT.settle);
    r.after = await rendered(page, ad, room.tag, usableTag);
    r.after.heap = await heapUsed(cdp);

    const target = `${room.tag}-${Math.max(1, (r.after.minTag ?? room.newest) - SCROLLBACK_MESSAGES)}`;
    r.scrollTarget = target;
    r.scroll = await page.evaluate(scrollBack, { timelineSrc: src(ad.timeline), target, timeout: TIMEOUT.scrollBack });
    if (!r.scroll.ok) r.scroll.error = `[${target}] not shown within ${TIMEOUT.scrollBack / 1000} s of scrolling to the top`;
    await settle(page, 500, 5000);
    r.scroll.after = await rendered(page, ad, room.tag);
    r.scroll.after.heap = await heapUsed(cdp);
  } finally {
    r.pageErrors = errors;
    await finish(page, context, ad);
  }
  return r;
}
