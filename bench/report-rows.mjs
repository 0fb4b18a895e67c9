// The rows of the bench's table (report.mjs turns them into figures): each a section, a label, a
// unit, the per-run values of a client, and the target where it has one.
import { BURST_MESSAGES } from './config.mjs';

export const KB = 1024;

export function quantile(values, q) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

export function stats(values) {
  const v = (values ?? []).filter((x) => Number.isFinite(x));
  if (!v.length) return null;
  return { median: quantile(v, 0.5), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

/** Per-run values of a scenario for one client. */
const runs = (res, client, scenario, get) =>
  (res[client]?.[scenario] ?? [])
    .filter((r) => !r.error)
    .map((r) => {
      try {
        return get(r);
      } catch {
        return null;
      }
    });

const p = (arr, q) =>
  quantile(
    arr.filter((x) => x !== null),
    q,
  );

/** A figure with one value (not per run). */
const single = (get) => Object.assign((client) => [get(client)], { single: true });

/** The rows of the table: [section, label, unit, getter(res, client) -> values[], target?]. */
export function rows(res) {
  const per = (scenario, get) => (client) => runs(res, client, scenario, get);
  const rowsFor = (scn, name) => [
    [`Cold start (${name})`, 'navigation → newest message painted', 'ms', per(scn, (r) => r.coldStart), { max: 200, text: '≤ 200 ms (loopback)' }],
    [`Cold start (${name})`, '  floor: navigation → the first script of an empty page runs (same browser)', 'ms', per(scn, (r) => r.floors?.browser ?? null)],
    [`Cold start (${name})`, '  of which: → scripts downloaded', 'ms', per(scn, (r) => r.milestones.scriptsLoaded)],
    [`Cold start (${name})`, '  of which: → WebSocket created (scripts run, widget started)', 'ms', per(scn, (r) => r.milestones.wsCreated)],
    [`Cold start (${name})`, '  of which: → logged in (SASL success frame)', 'ms', per(scn, (r) => r.milestones.login)],
    [`Cold start (${name})`, '  of which: → newest message arrived (WebSocket)', 'ms', per(scn, (r) => r.milestones.newestArrival)],
    [`Cold start (${name})`, '  newest message arrived → painted (client work)', 'ms', per(scn, (r) => r.coldStart - r.milestones.newestArrival)],
    [
      `Cold start (${name})`,
      'WebSocket created → newest message arrived',
      'ms',
      per(scn, (r) => (r.milestones.wsCreated === null || r.milestones.newestArrival === null ? null : r.milestones.newestArrival - r.milestones.wsCreated)),
    ],
    [
      `Cold start (${name})`,
      '  floor: raw StanzaJS client in Node, WebSocket created → newest message arrived',
      'ms',
      per(scn, (r) => r.floors?.server ?? null),
    ],
    [
      `Cold start (${name})`,
      'floors together (browser + server): no client can start faster here',
      'ms',
      per(scn, (r) => (r.floors?.browser == null || r.floors?.server == null ? null : r.floors.browser + r.floors.server)),
    ],
    [
      `Cold start (${name})`,
      'floor: a raw StanzaJS client in this browser (same StanzaJS build, no UI), navigation → newest message painted',
      'ms',
      per(scn, (r) => r.floors?.client ?? null),
    ],
    [
      `Cold start (${name})`,
      "  the client's own cost: its cold start less the raw browser client's (same run)",
      'ms',
      per(scn, (r) => (r.floors?.client == null ? null : r.coldStart - r.floors.client)),
    ],
    [
      `Cold start (${name})`,
      'WebSocket open → newest message painted',
      'ms',
      per(scn, (r) => (r.milestones.wsOpen === null ? null : r.coldStart - r.milestones.wsOpen)),
    ],
    [
      `Cold start (${name})`,
      'logged in → newest message painted',
      'ms',
      per(scn, (r) => (r.milestones.login === null ? null : r.coldStart - r.milestones.login)),
    ],
    [`Cold start (${name})`, 'round trips, socket open → newest message (--rtt only)', 'n', per(scn, (r) => r.roundTrips ?? null)],
    [`Cold start (${name})`, 'long tasks until usable (count)', 'n', per(scn, (r) => r.longtasksUntilUsable.count)],
    [`Cold start (${name})`, 'long tasks until usable (total)', 'ms', per(scn, (r) => r.longtasksUntilUsable.total)],
    [`After load (${name})`, 'DOM elements in the widget (through shadow roots)', 'n', per(scn, (r) => r.after.elements)],
    [`After load (${name})`, 'message elements rendered', 'n', per(scn, (r) => r.after.messages), { max: 150, text: '≤ 150', worst: true }],
    [`After load (${name})`, 'JS heap used (after GC)', 'mb', per(scn, (r) => r.after.heap)],
    [`Scroll-back (${name})`, `load and show ${200} older messages`, 'ms', per(scn, (r) => r.scroll.ms), { ratio: 1 / 3, text: '≤ 1/3 of Converse' }],
    [`Scroll-back (${name})`, 'long tasks during scroll-back (count)', 'n', per(scn, (r) => r.scroll.longtasks.count)],
    [`Scroll-back (${name})`, 'message elements after scroll-back', 'n', per(scn, (r) => r.scroll.after.messages), { max: 150, text: '≤ 150', worst: true }],
    [`Scroll-back (${name})`, 'DOM elements after scroll-back', 'n', per(scn, (r) => r.scroll.after.elements)],
    [`Scroll-back (${name})`, 'JS heap after scroll-back', 'mb', per(scn, (r) => r.scroll.after.heap)],
  ];
  const heapRatio = single((client) => {
    const a = stats(runs(res, client, 'history1k', (r) => r.after.heap));
    const b = stats(runs(res, client, 'history10k', (r) => r.after.heap));
    return a && b ? b.median / a.median : null;
  });
  const lat = (get, q) => per('live', (r) => p(r.latency.map(get), q));
  /** The p95 of one field of a run's latency probes. */
  const p95 = (latency, field) =>
    p(
      latency.map((x) => x[field]),
      0.95,
    );
  const rawLat = (get, q) => per('live', (r) => (r.rawClient?.latency ? p(r.rawClient.latency.map(get), q) : null));
  return [
    ['Weight', 'script bundle, raw (JS + CSS)', 'kb', single((c) => res.bundles[c]?.raw)],
    ['Weight', 'script bundle, gzip -9 (JS + CSS)', 'kb', single((c) => res.bundles[c]?.gzip)],
    [
      'Weight',
      'HTTP transfer until the room is usable (all but the host page, gzip)',
      'kb',
      per('history1k', (r) => r.http.transfer),
      { max: 100 * KB, text: '≤ 100 KB' },
    ],
    ['Weight', 'HTTP requests until usable (all but the host page)', 'n', per('history1k', (r) => r.http.requests)],
    ['Weight', 'HTTP transfer after load settled (all resources)', 'kb', per('history1k', (r) => r.after.httpTransferAll)],
    ['Weight', 'WebSocket payload received until usable', 'kb', per('history1k', (r) => r.wsBytesUsable)],
    ...rowsFor('history1k', '1k room'),
    ...rowsFor('history10k', '10k room'),
    ['Heap growth', 'JS heap 10k room / 1k room (medians)', 'x', heapRatio, { max: 1.5, text: '≤ 1.5×' }],
    [`Live burst (${BURST_MESSAGES})`, 'first send → last message painted', 'ms', per('live', (r) => r.burst.firstSendToLastVisible)],
    [
      `Live burst (${BURST_MESSAGES})`,
      'last message arrived (raw client) → painted',
      'ms',
      per('live', (r) => r.burst.lastArrivalToVisible),
      { max: 500, text: '≤ 500 ms' },
    ],
    [`Live burst (${BURST_MESSAGES})`, 'last message WebSocket event → painted', 'ms', per('live', (r) => r.burst.lastWsEventToVisible)],
    [
      `Live burst (${BURST_MESSAGES})`,
      'long tasks > 50 ms during the burst (count)',
      'n',
      per('live', (r) => r.burst.longtasks.count),
      { max: 0, text: '0', worst: true },
    ],
    [`Live burst (${BURST_MESSAGES})`, 'longest task during the burst', 'ms', per('live', (r) => r.burst.longtasks.max)],
    [`Live burst (${BURST_MESSAGES})`, `messages rendered (of ${BURST_MESSAGES})`, 'n', per('live', (r) => r.burst.rendered)],
    [`Live burst (${BURST_MESSAGES})`, 'floor: raw Node client, first send → last received', 'ms', per('live', (r) => r.burst.floorFirstSendToLast)],
    [
      `Live burst (${BURST_MESSAGES})`,
      'floor: raw StanzaJS client in this browser, long tasks > 50 ms (count)',
      'n',
      per('live', (r) => r.rawClient?.burst?.longtasks.count ?? null),
    ],
    [
      `Live burst (${BURST_MESSAGES})`,
      'floor: raw StanzaJS client in this browser, longest task',
      'ms',
      per('live', (r) => r.rawClient?.burst?.longtasks.max ?? null),
    ],
    [`Live burst (${BURST_MESSAGES})`, 'JS heap before the burst (after GC)', 'mb', per('live', (r) => r.burst.heapBefore)],
    [`Live burst (${BURST_MESSAGES})`, 'JS heap after the burst (after GC)', 'mb', per('live', (r) => r.burst.heapAfter)],
    [`Live burst (${BURST_MESSAGES})`, 'JS heap 5 s after that (after GC)', 'mb', per('live', (r) => r.burst.heapLater)],
    ['Latency (50 single)', 'send → in the page DOM, p50', 'ms1', lat((x) => x.dom, 0.5)],
    ['Latency (50 single)', 'send → in the page DOM, p95', 'ms1', lat((x) => x.dom, 0.95)],
    ['Latency (50 single)', 'send → painted (next frame), p50', 'ms1', lat((x) => x.frame, 0.5)],
    ['Latency (50 single)', 'send → painted (next frame), p95', 'ms1', lat((x) => x.frame, 0.95)],
    // The wait for the browser's next frame (60 Hz: 0–16.7 ms), which no page script shortens.
    ['Latency (50 single)', '  in DOM → painted (the wait for the frame), p50', 'ms1', lat((x) => x.frame - x.dom, 0.5)],
    ['Latency (50 single)', '  in DOM → painted (the wait for the frame), p95', 'ms1', lat((x) => x.frame - x.dom, 0.95)],
    ['Latency (50 single)', 'send → page WebSocket event, p50', 'ms1', lat((x) => x.arrival, 0.5)],
    ['Latency (50 single)', 'floor: raw StanzaJS Node → Node, frame received (before parsing), p50', 'ms1', lat((x) => x.floorWire, 0.5)],
    ['Latency (50 single)', 'floor: raw StanzaJS Node → Node, p50', 'ms1', lat((x) => x.floor, 0.5)],
    ['Latency (50 single)', 'floor: raw StanzaJS Node → Node, p95', 'ms1', lat((x) => x.floor, 0.95)],
    ['Latency (50 single)', 'p95 in DOM / floor p95 (same run)', 'x', per('live', (r) => p95(r.latency, 'dom') / p95(r.latency, 'floor'))],
    [
      'Latency (50 single)',
      'p95 painted / floor p95 (same run)',
      'x',
      per('live', (r) => p95(r.latency, 'frame') / p95(r.latency, 'floor')),
      { max: 1.5, text: '≤ 1.5×' },
    ],
    // The same run by a bare StanzaJS client in this browser (bench/raw-client.mjs): what any page
    // client gets here, frame wait included.
    ['Latency (50 single)', 'floor: raw StanzaJS client in this browser, send → painted, p50', 'ms1', rawLat((x) => x.frame, 0.5)],
    ['Latency (50 single)', 'floor: raw StanzaJS client in this browser, send → painted, p95', 'ms1', rawLat((x) => x.frame, 0.95)],
    [
      'Latency (50 single)',
      'p95 painted / p95 painted of the raw browser client (same run)',
      'x',
      per('live', (r) => (r.rawClient?.latency ? p95(r.latency, 'frame') / p95(r.rawClient.latency, 'frame') : null)),
    ],
    ['500 rooms', 'navigation → all 500 rooms listed', 'ms', per('many', (r) => r.listShown)],
    ['500 rooms', 'room list arrived (MucSub list IQ) → all listed', 'ms', per('many', (r) => r.listAfterArrival), { max: 300, text: '≤ 300 ms' }],
    ['500 rooms', 'logged in → all listed', 'ms', per('many', (r) => r.listAfterLogin)],
    ['500 rooms', 'long tasks until listed (count)', 'n', per('many', (r) => r.longtasksUntilListed.count)],
    ['500 rooms', 'navigation → main thread quiet (1.5 s without long task or frame)', 'ms', per('many', (r) => (r.settled.quiet ? r.settled.at : null))],
    ['500 rooms', 'long tasks until quiet (total)', 'ms', per('many', (r) => r.longtasksUntilSettled.total)],
    [
      '500 rooms',
      'long tasks while scrolling the list end to end (count)',
      'n',
      per('many', (r) => r.scroll.longtasks.count),
      { max: 0, text: '0', worst: true },
    ],
    ['500 rooms', 'longest frame gap while scrolling', 'ms', per('many', (r) => r.scroll.maxFrameGap)],
    ['500 rooms', 'DOM elements in the widget', 'n', per('many', (r) => r.after.elements)],
    ['500 rooms', 'JS heap used (after GC)', 'mb', per('many', (r) => r.after.heap)],
  ];
}
