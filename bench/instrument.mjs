// In-page instrumentation, installed before navigation with context.addInitScript(instrument, cfg).
// It must be self-contained (Playwright serializes the function). Everything is timed with the
// page clock (performance.now(), 0 = navigation start) and kept in window.__bench:
//  - long tasks (PerformanceObserver 'longtask', buffered);
//  - WebSocket frames received: bytes, the first arrival (event.timeStamp) of every message tag
//    "[x-n]" found in a frame, and of configured markers (SASL success, MucSub list, ...);
//  - message tags rendered: one MutationObserver on the document and on every shadow root
//    (attachShadow is wrapped), scanning only text inside message elements (cfg.messageSelector),
//    so a room-list preview never counts; time = the observer callback (in the DOM, before paint)
//    and the frame that paints it: the next animation frame, or this one for a change made inside
//    a rendering update (by an animation frame callback or its microtasks);
//  - helpers: deep queries through shadow roots, element counts, rAF waits.
export function instrument(cfg) {
  const B = (window.__bench = {
    cfg,
    longtasks: [],
    longFrames: [], // long animation frames (LoAF): where a long task's time went
    ws: { created: [], opened: [], log: [], frames: 0, bytes: 0, markers: {}, arrivals: new Map() },
    seenDom: new Map(), // tag -> observer time
    seenFrame: new Map(), // tag -> next rAF time
    usable: null, // { dom, frame, wsBytes } when cfg.usableTag is rendered
    waits: {},
  });
  const TAG = /\[([A-Za-z0-9]+-[A-Za-z0-9-]*\d)\]/g;

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    B.longtasksUnsupported = true;
  }
  // Long animation frames: script (by invoker and function), forced layout, and the frame's own
  // style/layout and paint time ("render"), for the frames that blocked input.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.blockingDuration) continue;
        const end = e.startTime + e.duration;
        B.longFrames.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart ? end - e.renderStart : 0,
          styleAndLayout: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0,
          scripts: e.scripts.map((x) => ({ invoker: x.invoker, fn: x.sourceFunctionName, duration: x.duration, forced: x.forcedStyleAndLayoutDuration })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // Not in this browser: the long tasks alone.
  }

  // ---- WebSocket frames ----
  const NativeWS = window.WebSocket;
  const markers = Object.entries(cfg.markers || {});
  function onFrame(ev) {
    const data = ev.data;
    const text = typeof data === 'string' ? data : '';
    B.ws.frames++;
    B.ws.bytes += typeof data === 'string' ? data.length : (data.byteLength ?? data.size ?? 0);
    for (const [name, needle] of markers) {
      if (name in B.ws.markers || !text.includes(needle)) continue;
      B.ws.markers[name] = ev.timeStamp;
      (B.ws.markerFrames ??= {})[name] = { bytes: text.length, head: text.slice(0, 300) }; // for diagnostics
    }
    if (text.includes('[')) {
      TAG.lastIndex = 0;
      for (let m; (m = TAG.exec(text));) if (!B.ws.arrivals.has(m[1])) B.ws.arrivals.set(m[1], ev.timeStamp);
    }
    B.ws.lastFrame = ev.timeStamp;
    note('in', text);
  }
  /** The first frames both ways (time, direction, start of the XML): the round trips of a start. */
  function note(dir, text) {
    if (B.ws.log.length >= 400) return;
    // An IQ's id; a MAM query's or result's queryid: what bench/round-trips.mjs pairs answers by.
    const id = /\bid=["']([^"']{1,80})["']/.exec(text)?.[1];
    const qid = /\bqueryid=["']([^"']{1,80})["']/.exec(text)?.[1];
    B.ws.log.push({ t: performance.now(), dir, head: text.slice(0, 90), ...(id ? { id } : {}), ...(qid ? { qid } : {}) });
  }
  window.WebSocket = class extends NativeWS {
    constructor(...args) {
      super(...args);
      B.ws.created.push(performance.now());
      this.addEventListener('open', (ev) => B.ws.opened.push(ev.timeStamp));
      this.addEventListener('message', onFrame);
    }
    send(data) {
      note('out', typeof data === 'string' ? data : '');
      super.send(data);
    }
  };

  // ---- rendering updates ----
  // A change made in an animation frame callback (or in the microtasks after one) is painted by
  // that same frame, so its "next frame" is not a later one. Every callback page code hands to
  // requestAnimationFrame marks the rendering update as open; a ResizeObserver told to report
  // (it always reports once after observe()) closes it after that update's layout.
  const nativeRaf = window.requestAnimationFrame.bind(window);
  let inFrame = false;
  let frameTime;
  const frameEnd = new ResizeObserver(() => {
    inFrame = false;
  });
  const probe = document.createElement('i');
  window.requestAnimationFrame = (callback) =>
    nativeRaf((ts) => {
      // Each new frame opens anew (a report ever missed would not leave it open for good).
      if (ts !== frameTime) {
        frameTime = ts;
        inFrame = true;
        frameEnd.unobserve(probe);
        frameEnd.observe(probe);
      }
      callback(ts);
    });

  // ---- rendered message tags ----
  const sel = cfg.messageSelector;
  // Tags reported to Node at once through an exposed binding (for pacing only, not for timing).
  const notifyRe = cfg.notifyRegex ? new RegExp(cfg.notifyRegex) : null;
  let pendingFrame = null;
  function scan(text, t) {
    if (!text || !text.includes('[')) return;
    TAG.lastIndex = 0;
    for (let m; (m = TAG.exec(text));) {
      const tag = m[1];
      if (B.seenDom.has(tag)) continue;
      B.seenDom.set(tag, t);
      if (tag === cfg.usableTag && !B.usable) B.usable = { dom: t, wsBytes: B.ws.bytes };
      (pendingFrame ??= []).push(tag);
      if (notifyRe && window.__benchSeen && notifyRe.test(tag)) {
        try {
          window.__benchSeen(tag, t);
        } catch {
          /* binding gone */
        }
      }
    }
    if (!pendingFrame || !pendingFrame.length || pendingFrame.scheduled) return;
    const painted = (now) => {
      const tags = pendingFrame;
      pendingFrame = null;
      for (const tag of tags) B.seenFrame.set(tag, now);
      if (B.usable && B.usable.frame === undefined && tags.includes(cfg.usableTag)) B.usable.frame = now;
    };
    if (inFrame) {
      // Inside a rendering update, before its layout: this frame paints it.
      B.paintedInFrame = (B.paintedInFrame ?? 0) + 1;
      painted(t);
      return;
    }
    pendingFrame.scheduled = true;
    nativeRaf(() => painted(performance.now()));
  }
  function insideMessage(node) {
    for (let n = node; n; n = n.parentNode || n.host) if (n.nodeType === 1 && n.matches(sel)) return true;
    return false;
  }
  function onMutations(records) {
    const t = performance.now();
    for (const r of records) {
      if (r.type === 'characterData') {
        if (insideMessage(r.target)) scan(r.target.data, t);
        continue;
      }
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1 && node.nodeType !== 3 && node.nodeType !== 11) continue;
        if (insideMessage(node.nodeType === 11 ? r.target : node)) scan(node.textContent, t);
        else if (node.nodeType === 1) for (const el of node.querySelectorAll(sel)) scan(el.textContent, t);
      }
    }
  }
  const mo = new MutationObserver(onMutations);
  const OPTS = { childList: true, subtree: true, characterData: true };
  mo.observe(document, OPTS);
  const nativeAttach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = nativeAttach.call(this, init);
    mo.observe(root, OPTS);
    return root;
  };

  // ---- helpers ----
  /** Every element matching sel in the document and all shadow roots (open ones; ours are open). */
  B.deepAll = (selector, root = document) => {
    const out = [];
    const walk = (r) => {
      for (const el of r.querySelectorAll('*')) {
        if (el.matches(selector)) out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    return out;
  };
  B.deep = (selector) => B.deepAll(selector)[0] ?? null;
  /** Elements under (and including) root, through shadow roots. */
  B.countElements = (root) => {
    if (!root) return 0;
    let n = 1;
    const walk = (r) => {
      for (const el of r.querySelectorAll('*')) {
        n++;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    if (root.shadowRoot) walk(root.shadowRoot);
    walk(root);
    return n;
  };
  /** Runs check() every animation frame until it is true; records the frame time under name. */
  B.waitFrames = (name, check, timeoutMs) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const tick = () => {
        let ok;
        try {
          ok = check();
        } catch {
          ok = false;
        }
        const now = performance.now();
        if (ok) {
          B.waits[name] = now;
          return resolve({ ok: true, t: now, started: t0 });
        }
        if (now - t0 > timeoutMs) return resolve({ ok: false, t: now, started: t0 });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  B.now = () => performance.timeOrigin + performance.now();
}
