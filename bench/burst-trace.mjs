// node bench/burst-trace.mjs [--bundle FILE] [--runs N]: bursts of BENCH_BURST messages (default
// 5,000) into our widget (dist/ethora-chat.js as built, or FILE), each under a Chrome trace. For
// every long task (over 50 ms of wall clock) of the renderer's main thread it prints the CPU time
// that thread had in it: a task long only because the thread waited for a core (the server, the
// sender and the browser share this machine's cores) is told apart from one long by its own work.
// Tracing slows the page a little; the bench's own burst figures come from untraced runs.
import { api, createRoom, startServer } from '../server/kit.mjs';
import { MUC, USERS, roomJid } from './config.mjs';
import { launch, openPage, settle, sleep } from './browser.mjs';
import { LiveClients } from './live-clients.mjs';
import { ours } from './measure-ours.mjs';
import { serveStatic } from './static.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const COUNT = Number(process.env.BENCH_BURST) || 5000;
const RUNS = Number(arg('--runs')) || 1;
const bundle = arg('--bundle');
const LONG = 50_000; // µs

/** The top-level tasks of the busiest renderer main thread in a trace. */
function mainTasks(events) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const counts = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) === 'CrRendererMain') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const tasks = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'))
    .sort((a, b) => a.ts - b.ts);
  const top = [];
  let end = -Infinity;
  for (const t of tasks) if (t.ts >= end) (top.push(t), (end = t.ts + t.dur));
  return top;
}

await startServer();
const server = await serveStatic(bundle ? { overrides: { '/dist/ethora-chat.js': bundle } } : {});
const browser = await launch();
const live = new LiveClients();
try {
  for (let run = 1; run <= RUNS; run++) {
    const name = `bench-trace-${Date.now().toString(36)}`;
    const jid = roomJid(name);
    await createRoom(name, { title: 'Traced burst' });
    await live.call('join', { room: jid });
    const { context, page, cdp } = await openPage(browser, { messageSelector: ours.messageSelector, markers: ours.markers });
    try {
      await page.goto(ours.url(server.url, { user: USERS.reader, rooms: [jid] }));
      await settle(page, 700, 15_000);
      const events = [];
      cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel', transferMode: 'ReportEvents' });
      const started = Date.now();
      await live.call('burst', { room: jid, count: COUNT });
      let shown = false;
      while (!(shown = await page.evaluate((n) => window.__bench.seenFrame.has(`B-${n}`), COUNT)) && Date.now() - started < 60_000) await sleep(100);
      await sleep(1000);
      await cdp.send('Tracing.end');
      await complete;
      const tasks = mainTasks(events);
      const long = tasks.filter((t) => t.dur > LONG);
      const ms = (us) => Math.round(us / 1000);
      const sum = (list, key) => list.reduce((n, t) => n + (t[key] ?? 0), 0);
      console.log(
        `run ${run}: ${COUNT} messages${shown ? '' : ' (the last one was not shown within 60 s)'}; ` +
          `main thread tasks ${ms(sum(tasks, 'dur'))} ms wall, ${ms(sum(tasks, 'tdur'))} ms CPU; ` +
          `long tasks ${long.length}, wall/CPU ms: ${long.map((t) => `${ms(t.dur)}/${ms(t.tdur ?? NaN)}`).join(' ') || '-'}; ` +
          `over 50 ms of CPU: ${long.filter((t) => t.tdur > LONG).length}`,
      );
    } finally {
      await context.close();
      await live.call('leave', { room: jid }).catch(() => {});
      await api('destroy_room', { name, service: MUC }).catch(() => {});
    }
  }
} finally {
  await browser.close();
  await server.close();
  process.exit(0);
}
