// npm run load (bench/load.mjs): N simulated users (StanzaJS clients in this Node process, half on each node) in
// M rooms of the server kit's cluster profile (loopback only), sending at a fixed total rate for
// a bounded time, with one real <ethora-chat> open in headless Chromium in the first room.
// Reports delivered/expected, latency p50/p95/p99 (send -> other occupants), the server's memory,
// and the widget's long tasks and whether it kept up. Starts the cluster if it is down (and stops
// it again at the end), creates fresh rooms and destroys them afterwards.
//   npm run load -- --users 200 --rooms 20 --rate 20 --seconds 60 [--bundle saved/ethora-chat.js]
//   npm run load -- --users 1000 --rooms 100 --rates 50,100,200,400 --seconds 30   (steps, same users)
// (or LOAD_USERS, LOAD_ROOMS, LOAD_RATE = messages per second in total, LOAD_RATES, LOAD_SECONDS)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import S from 'stanza';
import { build } from '../scripts/build.mjs';
import { ensureSystem } from '../scripts/ensure-system.mjs';
import { launch, openPage, clockOffset, closeContext, nodeNow, sleep } from './browser.mjs';
import { CACHE_DIR } from './config.mjs';
import { serveStatic } from './static.mjs';
import { within } from './xmpp.mjs';
import { cpuMeter, memoryMb, pgPids } from './load-proc.mjs';

import * as kit from '../server/kit.mjs';

// bench/load.mjs sets the profile before anything loads the kit (which reads it once).
if (kit.PROFILE.name !== 'cluster') throw new Error(`the load run needs the cluster profile, not ${kit.PROFILE.name}: run it as npm run load`);

const args = process.argv.slice(2);
const opt = (name, env, fallback, max) => {
  const i = args.indexOf(`--${name}`);
  const v = Number(i >= 0 ? args[i + 1] : (process.env[env] ?? fallback));
  if (!Number.isFinite(v) || v <= 0 || v > max) throw new Error(`--${name} must be a number in (0, ${max}], not ${v}`);
  return v;
};
const USERS = Math.round(opt('users', 'LOAD_USERS', 200, 2000));
const ROOMS = Math.round(opt('rooms', 'LOAD_ROOMS', 20, 500));
const RATE = opt('rate', 'LOAD_RATE', 20, 2000); // messages per second, all users together
/** --rates 50,100,200: one step per rate, each SECONDS long, with the same connected users (--rate: one step). */
const ratesArg = args.includes('--rates') ? args[args.indexOf('--rates') + 1] : (process.env.LOAD_RATES ?? '');
const RATES = ratesArg ? ratesArg.split(',').map(Number) : [RATE];
if (RATES.some((r) => !Number.isFinite(r) || r <= 0 || r > 2000)) throw new Error(`--rates must be numbers in (0, 2000], not ${ratesArg}`);
const SECONDS = opt('seconds', 'LOAD_SECONDS', 60, 600);
const DRAIN_MS = 5000;
const T0 = Date.now();
const log = (msg) => console.log(`[load ${((Date.now() - T0) / 1000).toFixed(0)} s] ${msg}`);
const RUN = Date.now().toString(36);
const roomJid = (r) => `load-${RUN}-${r}@${kit.MUC_DOMAIN}`;

/** Each step's processes: the two ejabberd nodes, PostgreSQL and this Node process (the load generator). */
const pids = () => ({
  ...Object.fromEntries(kit.NODES.map((n, k) => [`ejabberd${k + 1}`, kit.nodePids(n)])),
  postgres: pgPids(kit.PG.dataDir),
  generator: [process.pid],
});
const memory = () => memoryMb(pids());
const nodesMb = (m) => kit.NODES.map((_, k) => m[`ejabberd${k + 1}`]);

// ---------- simulated users ----------
async function connectUser(i) {
  const user = `load-${String(i).padStart(4, '0')}`;
  const node = kit.NODES[i % kit.NODES.length];
  const client = S.createClient({
    jid: `${user}@${kit.DOMAIN}`,
    password: user,
    resource: `load-${RUN}`,
    timeout: 30,
    transports: { websocket: kit.serviceUrl(node), bosh: false },
    sendMUCReceipts: false,
    chatMarkers: false,
    useStreamManagement: false,
  });
  client.on('stream:error', () => {});
  const started = new Promise((resolve, reject) => {
    client.once('session:started', resolve);
    client.once('auth:failed', () => reject(new Error(`auth failed for ${user}`)));
  });
  client.connect();
  await within(started, 30_000, `login of ${user}`);
  client.sendPresence();
  return { i, user, client, room: roomJid(i % ROOMS) };
}

async function inBatches(items, size, fn) {
  const out = [];
  for (let k = 0; k < items.length; k += size) out.push(...(await Promise.all(items.slice(k, k + size).map(fn))));
  return out;
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');

async function main() {
  await ensureSystem();
  await kit.ensureEjabberd();
  const wasUp = (await Promise.all(kit.NODES.map((n) => kit.isUp(n)))).every(Boolean);
  await kit.startServer();
  log(`cluster up: ${kit.NODES.map((n) => `${n.name} ${kit.serviceUrl(n)}`).join(', ')}`);
  let browser;
  let server;
  const users = [];
  try {
    // Rooms alternate between the nodes (a room lives on the node it was created through).
    for (let r = 0; r < ROOMS; r++) await kit.createRoom(roomJid(r), { title: `Load ${r}`, node: kit.NODES[r % kit.NODES.length] });
    const names = Array.from({ length: USERS }, (_, i) => `load-${String(i).padStart(4, '0')}`);
    await inBatches(names, 20, (u) => kit.registerUser(u, u));
    await kit.registerUser('load-widget', 'load-widget');
    log(`${ROOMS} rooms, ${USERS} users registered`);

    const t = performance.now();
    users.push(
      ...(await inBatches(
        Array.from({ length: USERS }, (_, i) => i),
        25,
        connectUser,
      )),
    );
    log(`${USERS} users connected in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await inBatches(users, 25, (u) =>
      within(u.client.joinRoom(u.room, u.user, { muc: { type: 'join', history: { maxStanzas: 0 } } }), 20_000, `join of ${u.user}`),
    );
    log('all joined');

    // The real widget, on node 1, in room 0.
    // --bundle FILE: a saved dist/ethora-chat.js, not built now (a build empties dist/ while it runs).
    const bundle = args.includes('--bundle') ? path.resolve(args[args.indexOf('--bundle') + 1]) : '';
    if (!bundle) build({ quiet: true });
    server = await serveStatic(bundle ? { overrides: { '/dist/ethora-chat.js': bundle } } : {});
    browser = await launch();
    const { context, page, errors } = await openPage(browser, { messageSelector: 'ethora-message' });
    const q = new URLSearchParams({ service: kit.serviceUrl(kit.NODES[0]), jid: `load-widget@${kit.DOMAIN}`, password: 'load-widget', rooms: roomJid(0) });
    await page.goto(`${server.url}/bench/pages/ours.html?${q}`);
    const joined = () =>
      page.evaluate(() => {
        const room = document.querySelector('ethora-chat')?.shadowRoot?.querySelector('ethora-room');
        return room?.getAttribute('join-state') === 'joined';
      });
    for (let k = 0; !(await joined()); k++) {
      if (k > 300) throw new Error('the widget did not join room 0');
      await sleep(100);
    }
    const offset = (await clockOffset(page)).offset; // page epoch ms - node epoch ms
    log('widget joined room 0 in Chromium');

    // Deliveries of the current step: seq -> { sentAt, got, expected }; latency of each delivery to another occupant.
    let step = { sent: new Map(), latencies: [], errors: 0 };
    const perRoom = new Map();
    for (const u of users) perRoom.set(u.room, (perRoom.get(u.room) ?? 0) + 1);
    for (const u of users) {
      u.client.on('groupchat', (m) => {
        const rec = step.sent.get(Number(/^\[ld-(\d+)\]/.exec(m.body ?? '')?.[1]));
        if (!rec || m.from?.split('/')[1] === u.user) return; // own echo, or a late one of an earlier step
        rec.got++;
        step.latencies.push(performance.now() - rec.sentAt);
      });
      u.client.on('message', (m) => {
        if (m.type === 'error') step.errors++;
      });
    }

    const results = [];
    let seq = 0; // message numbers go on across the steps
    for (const rate of RATES) {
      step = { sent: new Map(), latencies: [], errors: 0 };
      const mem0 = memory();
      let memPeak = mem0;
      const memTimer = setInterval(() => {
        const m = memory();
        if (nodesMb(m).reduce((x, y) => x + y) > nodesMb(memPeak).reduce((x, y) => x + y)) memPeak = m;
      }, 1000);
      const ltBefore = await page.evaluate(() => window.__bench.longtasks.length);
      log(`sending ${rate} msg/s for ${SECONDS} s`);
      const total = Math.round(rate * SECONDS);
      const cpu = cpuMeter(pids);
      const start = performance.now();
      const sentAtEpoch = new Map(); // room-0 messages: seq -> node epoch ms (for the widget)
      for (let k = 0; k < total; k++, seq++) {
        const wait = start + (k * 1000) / rate - performance.now();
        if (wait > 1) await sleep(wait);
        const u = users[(seq * 7919) % users.length]; // spread senders over rooms and nodes
        step.sent.set(seq, { sentAt: performance.now(), got: 0, expected: perRoom.get(u.room) - 1 });
        if (u.room === roomJid(0)) sentAtEpoch.set(seq, nodeNow());
        u.client.sendMessage({ to: u.room, type: 'groupchat', body: `[ld-${seq}] load message ${seq} from ${u.user}` });
      }
      const sendSeconds = (performance.now() - start) / 1000;
      const cpuPercent = cpu(); // while sending: the steady state of this rate
      await sleep(DRAIN_MS);
      clearInterval(memTimer);
      const memEnd = memory();

      // The widget: what it rendered of room 0's messages of this step, how late, and its long tasks.
      const page0 = await page.evaluate(() => ({
        seen: [...window.__bench.seenDom.entries()],
        longtasks: window.__bench.longtasks,
        origin: performance.timeOrigin,
      }));
      const widgetLag = page0.seen
        .map(([tag, at]) => {
          const sentEpoch = tag.startsWith('ld-') ? sentAtEpoch.get(Number(tag.slice(3))) : undefined;
          return sentEpoch === undefined ? undefined : page0.origin + at - offset - sentEpoch;
        })
        .filter((v) => v !== undefined)
        .sort((x, y) => x - y);
      const lts = page0.longtasks.slice(ltBefore);

      const expected = [...step.sent.values()].reduce((n, r) => n + r.expected, 0);
      const delivered = [...step.sent.values()].reduce((n, r) => n + Math.min(r.got, r.expected), 0);
      const latencies = step.latencies.sort((x, y) => x - y);
      const result = {
        users: USERS,
        rooms: ROOMS,
        rate,
        seconds: SECONDS,
        sendSeconds: Number(sendSeconds.toFixed(1)),
        sent: total,
        expected,
        delivered,
        errors: step.errors,
        latency: { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies.at(-1) },
        cpuPercent,
        memoryMb: { before: mem0, peak: memPeak, end: memEnd },
        widget: {
          room0Sent: sentAtEpoch.size,
          rendered: widgetLag.length,
          lag: { p50: pct(widgetLag, 50), p95: pct(widgetLag, 95), max: widgetLag.at(-1) },
          longTasks: lts.length,
          longTaskMs: lts.reduce((n, l) => n + l.duration, 0),
          longestTask: Math.max(0, ...lts.map((l) => l.duration)),
          pageErrors: errors,
        },
      };
      report(result);
      results.push(result);
    }
    await closeContext(context);
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = path.join(CACHE_DIR, `load-${RUN}.json`);
    writeFileSync(file, JSON.stringify(RATES.length === 1 ? results[0] : results, null, 2));
    log(`results in ${path.relative(process.cwd(), file)}`);
    if (RATES.length > 1) summarize(results);
    return results.every((r) => r.delivered === r.expected && r.widget.rendered === r.widget.room0Sent) ? 0 : 1;
  } finally {
    await Promise.all(
      users.map((u) =>
        Promise.race([
          new Promise((r) => {
            u.client.once('disconnected', r);
            u.client.disconnect();
          }),
          sleep(3000),
        ]),
      ),
    );
    await browser?.close().catch(() => {});
    await server?.close();
    for (let r = 0; r < ROOMS; r++) await kit.api('destroy_room', { name: roomJid(r).split('@')[0], service: kit.MUC_DOMAIN }).catch(() => {});
    if (!wasUp) await kit.stopServer();
  }
}

function report(r) {
  const mb = (v) => `${v.toFixed(0)} MB`;
  const nodes = (m) => nodesMb(m).map(mb).join(' + ');
  const rows = [
    ['users / rooms', `${r.users} / ${r.rooms} (half of the users on each node, rooms alternate between the nodes)`],
    ['rate, duration', `${r.rate} msg/s for ${r.seconds} s (sending took ${r.sendSeconds} s)`],
    ['messages sent', String(r.sent)],
    [
      'delivered / expected (to other occupants)',
      `${r.delivered} / ${r.expected} (${((100 * r.delivered) / r.expected).toFixed(2)} %), error bounces ${r.errors}`,
    ],
    ['latency p50 / p95 / p99 (max)', `${ms(r.latency.p50)} / ${ms(r.latency.p95)} / ${ms(r.latency.p99)} (${ms(r.latency.max)})`],
    ['ejabberd memory (PSS) c1 + c2: before / peak / end', `${nodes(r.memoryMb.before)} / ${nodes(r.memoryMb.peak)} / ${nodes(r.memoryMb.end)}`],
    ['PostgreSQL memory (PSS, all its processes): before / end', `${mb(r.memoryMb.before.postgres)} / ${mb(r.memoryMb.end.postgres)}`],
    ['CPU while sending, % of one core', cpuText(r.cpuPercent)],
    ['widget (room 0): rendered / sent there', `${r.widget.rendered} / ${r.widget.room0Sent}`],
    ['widget lag send -> in DOM p50 / p95 (max)', `${ms(r.widget.lag.p50)} / ${ms(r.widget.lag.p95)} (${ms(r.widget.lag.max)})`],
    ['widget long tasks during the run', `${r.widget.longTasks} (total ${r.widget.longTaskMs.toFixed(0)} ms, longest ${r.widget.longestTask.toFixed(0)} ms)`],
  ];
  console.log(`\n| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  if (r.widget.pageErrors.length) console.log(`page errors: ${r.widget.pageErrors.join(' | ')}`);
}

const cpuText = (c) =>
  `ejabberd ${c.ejabberd1} + ${c.ejabberd2}, PostgreSQL ${c.postgres}, load generator ${c.generator}, the rest of the machine ${c.others}; machine ${c.machineBusy} % busy`;

/** One line per rate: where the knee is (every message delivered and p99 < 250 ms). */
function summarize(results) {
  console.log('| msg/s | deliveries/s | sending took | delivered | p50 / p99 | CPU while sending (% of one core) | met? |\n|---|---|---|---|---|---|---|');
  for (const r of results) {
    const met = r.delivered === r.expected && r.errors === 0 && r.latency.p99 < 250;
    const perS = Math.round(r.expected / r.seconds);
    const sent = `${r.sendSeconds} s of ${r.seconds}`;
    const got = `${((100 * r.delivered) / r.expected).toFixed(2)} %`;
    console.log(`| ${r.rate} | ${perS} | ${sent} | ${got} | ${ms(r.latency.p50)} / ${ms(r.latency.p99)} | ${cpuText(r.cpuPercent)} | ${met ? 'yes' : 'no'} |`);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
