// Headless Debian Chromium through playwright-core (never a downloaded browser), one fresh
// context per run, the in-page instrumentation installed before navigation, and CDP helpers.
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORT } from './config.mjs';
import { instrument } from './instrument.mjs';

/** Node's clock in epoch ms with sub-ms resolution (the page is compared with it). */
export const nodeNow = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh context + page with the instrumentation; cfg goes to instrument(). */
export async function openPage(browser, cfg, { bindings = {} } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  await context.addInitScript(instrument, cfg);
  for (const [name, fn] of Object.entries(bindings)) await context.exposeFunction(name, fn);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message ?? e).slice(0, 300)));
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, errors };
}

/** Polls an in-page predicate (every `every` ms, Node side) until true; false on timeout. */
export async function pollPage(page, fn, arg, timeoutMs, every = 50) {
  const t0 = Date.now();
  for (;;) {
    if (await page.evaluate(fn, arg).catch(() => false)) return true;
    if (Date.now() - t0 > timeoutMs) return false;
    await sleep(every);
  }
}

/** Waits until the page has been quiet for quietMs: no WebSocket frame, long task or rendered
 *  message tag. Returns the page time when it went quiet (bounded by timeoutMs). */
export async function settle(page, quietMs, timeoutMs) {
  const t0 = Date.now();
  for (;;) {
    const s = await page.evaluate(() => {
      const B = window.__bench;
      const lt = B.longtasks.at(-1);
      const last = Math.max(B.ws.lastFrame ?? 0, lt ? lt.start + lt.duration : 0, ...[...B.seenDom.values()].slice(-1));
      return { now: performance.now(), last };
    });
    if (s.now - s.last >= quietMs) return { quiet: true, at: s.last };
    if (Date.now() - t0 > timeoutMs) return { quiet: false, at: s.last };
    await sleep(Math.min(250, quietMs / 2));
  }
}

/** Used JS heap after a forced GC (CDP), bytes. */
export async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Offset page clock - Node clock (epoch ms), from the page.evaluate round trip with the
 *  smallest RTT (NTP style); its error is at most rtt/2. */
export async function clockOffset(page, samples = 15) {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < samples; i++) {
    const t0 = nodeNow();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = nodeNow();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: p - (t0 + t1) / 2 };
  }
  return best;
}

/** Closes a context without hanging the bench. */
export async function closeContext(context) {
  await Promise.race([context.close().catch(() => {}), sleep(5000)]);
}
