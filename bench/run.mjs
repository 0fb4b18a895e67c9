// npm run bench: ethora-chat vs Converse.js 14 on the local ejabberd, in headless Debian Chromium.
// Loopback only. Options: --runs N (default 5), --only ours|converse, --scenarios history,live,many,
// --profile (adds one CPU-profiled cold start per client; see profile.mjs), --deadline S (default 1200 s of
// measurements, then remaining runs are skipped), --rtt MS (both clients through the fault proxy with
// MS of round trip), --bundle FILE (measure a saved dist/ethora-chat.js, e.g. the one before a change,
// instead of building). Environment: BENCH_RUNS, BENCH_BURST. bench/README.md has the method.
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { ensureEjabberd, isUp, startServer, stopServer } from '../server/kit.mjs';
import { build } from '../scripts/build.mjs';
import {
  BURST_MESSAGES,
  CONVERSE_DIST,
  CONVERSE_PAGE_SIZE,
  LATENCY_MESSAGES,
  RESULTS_FILE,
  ROOT,
  ROOM_10K,
  ROOM_1K,
  RUNS,
  SCROLLBACK_MESSAGES,
  WS_URL,
  useService,
} from './config.mjs';
import { FaultProxy } from '../server/fault-proxy.mjs';
import { launch, sleep } from './browser.mjs';
import { converse, ensureConverse } from './measure-converse.mjs';
import { ours } from './measure-ours.mjs';
import { buildTable, writeResults } from './report.mjs';
import { errorText, otherTestRuns, printReport, serverEpoch, summary } from './run-report.mjs';
import { historyRun } from './scenarios.mjs';
import { manyRun } from './many-scenario.mjs';
import { coldStartFloors } from './floors.mjs';
import { rawClientLive } from './raw-client.mjs';
import { liveRun } from './live-scenario.mjs';
import { cacheRun } from './cache-scenario.mjs';
import { seedBench } from './seed.mjs';
import { serveStatic } from './static.mjs';
import { LiveClients } from './live-clients.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const runsWanted = Number(opt('runs', RUNS));
const clients = opt('only', 'ours,converse')
  .split(',')
  .map((id) => ({ ours, converse })[id])
  .filter(Boolean);
const scenarios = new Set(opt('scenarios', 'history,live,many,cache').split(','));
const profile = args.includes('--profile');
/** Round trip (ms) added between the browser and the server, half each way (0: loopback). */
const rttMs = Number(opt('rtt', 0));
/** A saved bundle to measure instead of building one. */
const savedBundle = opt('bundle', '');

/** Time budget (s) per client for the scenarios whose runs can be very slow, and for all measurements. */
const BUDGET_S = { live: 360, many: 150 };
const DEADLINE_S = Number(opt('deadline', 1200));

const T0 = Date.now();
const elapsed = () => `${((Date.now() - T0) / 1000).toFixed(0)} s`;
const log = (msg) => console.log(`[bench ${elapsed()}] ${msg}`);

const sizeOf = (files) => {
  const bufs = files.map((f) => readFileSync(f));
  return { raw: bufs.reduce((n, b) => n + b.length, 0), gzip: bufs.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) };
};

async function main() {
  // ---- server, bundle, Converse, data ----
  await ensureEjabberd();
  const wasUp = await isUp();
  const others = otherTestRuns();
  if (others.length) log(`warning: other processes share this machine and server (${others.join(', ')}): figures will be noisier`);
  const s = await startServer();
  log(wasUp ? 'ejabberd was already running (it is left running)' : `started ejabberd (${s.ms} ms)`);
  ensureConverse(log);
  const ourBundle = savedBundle ? sizeOf([path.resolve(savedBundle)]) : build({ quiet: true });
  if (savedBundle) log(`measuring the saved bundle ${savedBundle} (not building)`);
  const bundles = {
    ours: ourBundle,
    converse: sizeOf([path.join(CONVERSE_DIST, 'converse.min.js'), path.join(CONVERSE_DIST, 'converse.min.css')]),
  };
  log(`built dist/ethora-chat.js: ${(ourBundle.raw / 1024).toFixed(1)} KB raw, ${(ourBundle.gzip / 1024).toFixed(1)} KB gzip`);
  let seed;
  for (let tries = 1; !seed; tries++) {
    try {
      seed = await seedBench({ log });
    } catch (e) {
      if (tries === 3) throw e;
      log(`seeding failed (${errorText(e)}); ${(await isUp()) ? '' : 'ejabberd went away, starting it again; '}retrying`);
      await startServer();
      await sleep(1000);
    }
  }
  log(`seed: ${seed.done.length ? seed.done.join(', ') : 'all data already present'} (${(seed.ms / 1000).toFixed(1)} s)`);
  const rooms = {
    '1k': { ...ROOM_1K, ...seed.rooms[ROOM_1K.name] },
    '10k': { ...ROOM_10K, ...seed.rooms[ROOM_10K.name] },
  };
  const T1 = Date.now();

  const web = await serveStatic(savedBundle ? { overrides: { '/dist/ethora-chat.js': path.resolve(savedBundle) } } : {});
  let proxy;
  if (rttMs > 0) {
    // Every frame (and the WebSocket upgrade) is held rttMs/2 each way, in order: a link with
    // that round trip. The Node clients of the live runs stay on loopback.
    proxy = new FaultProxy({ target: WS_URL });
    useService(await proxy.listen());
    proxy.set('slow', { latencyMs: rttMs / 2 });
    log(`both clients connect through ${WS_URL}: ${rttMs} ms round trip`);
  }
  const browser = await launch();
  const chromiumVersion = browser.version();
  const env = { browser, base: web.url, stamp: Date.now().toString(36), live: null, rttMs };
  const results = { ours: {}, converse: {} };
  const errors = [];
  const retried = [];
  const notes = [];
  let deadlineHit = false;

  /** The Node clients of the live runs (a worker thread), (re)connected before each run. */
  async function liveClients() {
    env.live ??= new LiveClients();
    await env.live.call('ensure');
  }

  /** One run, retried (up to twice) when it threw or when ejabberd restarted during it: other
   *  engineers' tests stop and start the same node, and a run across a restart measures nothing. */
  async function attempt(label, fn) {
    for (let tries = 0; ; tries++) {
      let epoch = await serverEpoch();
      if (epoch === null) {
        await startServer();
        epoch = await serverEpoch();
      }
      if (Date.now() - epoch < 5000) await sleep(5000 - (Date.now() - epoch)); // let a fresh node warm up
      let r;
      const started = Date.now();
      try {
        r = await fn();
      } catch (e) {
        r = { error: errorText(e), thrown: true };
      }
      const after = await serverEpoch();
      const restarted = after === null || Math.abs(after - epoch) > 3000;
      if ((restarted || r.thrown) && tries < 2) {
        log(`${label}: ${restarted ? 'ejabberd restarted during the run' : r.error}; retrying`);
        retried.push({ label, reason: restarted ? 'server restarted' : r.error });
        if (after === null) await startServer();
        continue;
      }
      if (restarted) r.serverRestarted = true;
      r.ms = Date.now() - started; // the last attempt only (time budgets ignore repeated attempts)
      return r;
    }
  }

  const record = (ad, scenario, r, label) => {
    (results[ad.id][scenario] ??= []).push(r);
    if (r.error) errors.push(`${ad.label} ${label}: ${r.error}`);
    for (const e of [r.scroll?.error, r.burst?.error, r.rawClient?.error].filter(Boolean)) errors.push(`${ad.label} ${label}: ${e}`);
    if (r.after?.newestInView === false) errors.push(`${ad.label} ${label}: the newest message was rendered but not inside the timeline's viewport`);
    if (r.settled && !r.settled.quiet) errors.push(`${ad.label} ${label}: the main thread was not quiet within ${15} s of the list being shown (still busy)`);
  };

  // Runs alternate between the clients so a slow phase of the machine hits both.
  const plan = [];
  if (scenarios.has('history'))
    for (const key of ['1k', '10k'])
      plan.push({
        scenario: `history${key}`,
        label: `${key} room`,
        fn: async (ad, i) => ({ ...(await historyRun(env, ad, rooms[key], i)), floors: await coldStartFloors(env, rooms[key]) }),
      });
  if (scenarios.has('live'))
    plan.push({
      scenario: 'live',
      label: 'live burst + latency',
      fn: async (ad, i) => {
        await liveClients();
        const r = await liveRun(env, ad, i);
        if (ad !== ours) return r;
        await liveClients();
        return { ...r, rawClient: await rawClientLive(env, i) };
      },
    });
  if (scenarios.has('many')) plan.push({ scenario: 'many', label: '500 rooms', fn: (ad, i) => manyRun(env, ad, i) });
  if (scenarios.has('cache')) plan.push({ scenario: 'cache', label: 'device cache', fn: (ad, i) => cacheRun(env, ad, rooms, i) });

  for (const step of plan) {
    const gaveUp = new Set();
    const spent = {};
    for (let i = 1; i <= runsWanted; i++) {
      for (const ad of clients) {
        if (gaveUp.has(ad.id)) continue;
        const t = Date.now();
        const r = await attempt(`${ad.label} ${step.label} #${i}`, () => step.fn(ad, i));
        r.run ??= i;
        record(ad, step.scenario, r, `${step.label} #${i}`);
        const took = Date.now() - t;
        spent[ad.id] = (spent[ad.id] ?? 0) + (r.ms ?? took);
        log(`${step.label} #${i} ${ad.label}: ${summary(step.scenario, r)} [${(took / 1000).toFixed(1)} s]`);
        // Bounded bench: a client that times out in run 1 would only time out again, and a
        // scenario whose runs are very slow for a client stops at its time budget.
        if (r.error && i === 1 && /within|after \d+ s/.test(r.error)) {
          gaveUp.add(ad.id);
          notes.push(`${ad.label}, ${step.label}: 1 run only (it timed out; more runs would only time out again)`);
        } else if (i < runsWanted && spent[ad.id] > (BUDGET_S[step.scenario] ?? Infinity) * 1000) {
          gaveUp.add(ad.id);
          notes.push(
            `${ad.label}, ${step.label}: ${i} run(s) only: they took ${(spent[ad.id] / 1000).toFixed(0)} s, over this scenario's time budget of ${BUDGET_S[step.scenario]} s per client`,
          );
        }
        if (Date.now() - T1 > DEADLINE_S * 1000 && !deadlineHit) {
          deadlineHit = true;
          notes.push(`the bench's deadline (${DEADLINE_S} s of measurements) was reached: remaining runs were skipped`);
        }
        if (deadlineHit) break;
      }
      if (deadlineHit) break;
    }
  }

  let profiles;
  if (profile) {
    const { profileColdStart } = await import('./profile.mjs');
    profiles = {};
    for (const ad of clients) {
      if (scenarios.has('history')) log(`profiling a cold start of ${ad.label} (1k room)`);
      if (scenarios.has('history')) profiles[ad.id] = await profileColdStart(env, ad, rooms['1k']).catch((e) => ({ error: e.message }));
    }
    if (scenarios.has('live') && clients.includes(ours)) {
      const { profileBurst } = await import('./profile.mjs');
      log(`profiling a burst of ${BURST_MESSAGES} into ${ours.label}`);
      await liveClients();
      profiles.oursBurst = await profileBurst(env, ours).catch((e) => ({ error: e.message }));
    }
  }

  await browser.close();
  await web.close();
  await proxy?.close();
  await env.live?.close();

  const table = buildTable({ ...results, bundles });
  const measureMs = Date.now() - T1;
  await printReport({ table, runs: runsWanted, rttMs, profiles, notes, retried, errors });

  writeResults(RESULTS_FILE, {
    date: new Date().toISOString(),
    otherTestRunsAtStart: others,
    loadAverage: os.loadavg(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGB: Math.round(os.totalmem() / 1e9),
      node: process.version,
      chromium: chromiumVersion,
    },
    config: {
      rttMs,
      bundle: savedBundle || null,
      runs: runsWanted,
      scrollBack: SCROLLBACK_MESSAGES,
      burst: BURST_MESSAGES,
      latency: LATENCY_MESSAGES,
      conversePageSize: CONVERSE_PAGE_SIZE,
    },
    seed,
    bundles,
    table,
    results,
    profiles,
    errors,
    retried,
    notes,
    durationMs: { total: Date.now() - T0, measurements: measureMs },
  });
  console.log(`\nResults: ${path.relative(ROOT, RESULTS_FILE)} (${RESULTS_FILE})`);
  log(`done: measurements ${(measureMs / 1000).toFixed(0)} s, total ${elapsed()}`);

  if (!wasUp && s.started) {
    log('stopping ejabberd (this run started it)');
    await stopServer().catch((e) => log(`could not stop ejabberd: ${e.message}`));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
