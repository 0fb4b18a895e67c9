// The 500-room scenario (scenarios.mjs has the cold starts): the MucSub user's room list shown,
// the main thread settled, then the list scrolled end to end. Times are page-clock ms.
import { MANY, TIMEOUT, USERS } from './config.mjs';
import { heapUsed, openPage, settle } from './browser.mjs';
import { diagnose, finish, src } from './scenarios.mjs';

/** The user with 500 rooms: list shown, main thread settled, then the list scrolled end to end. */
export async function manyRun(env, ad, run) {
  const { context, page, cdp, errors } = await openPage(env.browser, { messageSelector: ad.messageSelector, markers: ad.markers });
  const r = { run };
  try {
    await page.goto(ad.url(env.base, { user: USERS.many, rooms: [], many: true }), { waitUntil: 'commit', timeout: 30_000 });
    // Checked every frame; gives up early when the count has not moved for `stall` ms.
    const listed = await page.evaluate(
      ({ countSrc, n, timeout, stall }) => {
        const count = (0, eval)(`(${countSrc})`);
        let last = -1;
        let changed = performance.now();
        let stalled = false;
        return window.__bench
          .waitFrames(
            'listed',
            () => {
              const c = count();
              const now = performance.now();
              if (c !== last) {
                last = c;
                changed = now;
              }
              if (now - changed > stall) {
                stalled = true;
                return true;
              }
              return c >= n;
            },
            timeout,
          )
          .then((res) => ({ ...res, ok: res.ok && !stalled, stalled }));
      },
      { countSrc: src(ad.listCount), n: MANY.count, timeout: TIMEOUT.roomList, stall: 60_000 },
    );
    const m = await page.evaluate(
      ({ countSrc, until }) => {
        const B = window.__bench;
        const lts = B.longtasks.filter((l) => l.start < until);
        return {
          listed: (0, eval)(`(${countSrc})`)(),
          markers: B.ws.markers,
          longtasks: { count: lts.length, max: Math.max(0, ...lts.map((l) => l.duration)), total: lts.reduce((n, l) => n + l.duration, 0) },
        };
      },
      { countSrc: src(ad.listCount), until: listed.t },
    );
    r.listedCount = m.listed;
    if (!listed.ok) {
      r.error = listed.stalled
        ? `${m.listed} of ${MANY.count} rooms listed, and no change for 60 s (at ${Math.round(listed.t / 1000)} s)`
        : `${m.listed} of ${MANY.count} rooms listed after ${TIMEOUT.roomList / 1000} s`;
      r.diagnostics = await diagnose(page, `${ad.id}-many-${run}`);
      return r;
    }
    r.listShown = listed.t;
    r.login = m.markers.login ?? null;
    r.listArrival = m.markers.list ?? null;
    r.listAfterArrival = r.listArrival !== null ? listed.t - r.listArrival : null;
    r.listAfterLogin = r.login !== null ? listed.t - r.login : null;
    r.longtasksUntilListed = m.longtasks;

    const s = await settle(page, 1500, TIMEOUT.settle);
    r.settled = { quiet: s.quiet, at: s.at };
    r.longtasksUntilSettled = await page.evaluate((until) => {
      const lts = window.__bench.longtasks.filter((l) => l.start <= until);
      return { count: lts.length, max: Math.max(0, ...lts.map((l) => l.duration)), total: lts.reduce((n, l) => n + l.duration, 0) };
    }, s.at + 1);

    r.scroll = await page.evaluate(
      async ({ scrollerSrc, step, timeout }) => {
        const B = window.__bench;
        const el = (0, eval)(`(${scrollerSrc})`)();
        if (!el) return { error: 'no scrollable room list' };
        el.scrollTop = 0;
        await new Promise((res) => requestAnimationFrame(res));
        const t0 = performance.now();
        let frames = 0;
        let last = t0;
        let maxGap = 0;
        const res = await B.waitFrames(
          'listscroll',
          () => {
            const now = performance.now();
            frames++;
            maxGap = Math.max(maxGap, now - last);
            last = now;
            if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return true;
            el.scrollTop += step;
            return false;
          },
          timeout,
        );
        const lts = B.longtasks.filter((l) => l.start >= t0 && l.start <= res.t);
        return {
          ok: res.ok,
          ms: res.t - t0,
          frames,
          maxFrameGap: maxGap,
          distance: el.scrollHeight - el.clientHeight,
          longtasks: { count: lts.length, max: Math.max(0, ...lts.map((l) => l.duration)), total: lts.reduce((n, l) => n + l.duration, 0) },
        };
      },
      { scrollerSrc: src(ad.listScroller), step: 120, timeout: 20_000 },
    );
    r.after = await page.evaluate(
      ({ rootSrc }) => ({ elements: window.__bench.countElements((0, eval)(`(${rootSrc})`)()), wsBytes: window.__bench.ws.bytes }),
      { rootSrc: src(ad.root) },
    );
    r.after.heap = await heapUsed(cdp);
  } finally {
    r.pageErrors = errors;
    await finish(page, context, ad);
  }
  return r;
}
