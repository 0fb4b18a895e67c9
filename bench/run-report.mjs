// Parts of npm run bench (bench/run.mjs) outside its main sequence: the report on stdout, the
// one-line summary of a run, and what it checks on the machine (other test runs, the server's epoch).
import { readFileSync, readdirSync } from 'node:fs';
import { api } from '../server/kit.mjs';
import { CONVERSE_PAGE_SIZE } from './config.mjs';
import { markdown } from './report.mjs';

/** The bench's report on stdout: the table, then the profiles, limited and repeated runs, and errors. */
export async function printReport({ table, runs, rttMs, profiles, notes, retried, errors }) {
  const md = markdown(table, { runs });
  const link = rttMs > 0 ? `, through a link with ${rttMs} ms round trip` : '';
  console.log(`\n## ethora-chat vs Converse.js 14 — ${runs} runs each (fresh browser context per run${link})\n`);
  console.log(md);
  console.log('\n"met?" uses the medians; the element-count and "no long task" targets use the worst run.');
  console.log(
    `Converse is configured with archived_messages_page_size ${CONVERSE_PAGE_SIZE} (its default is 50), muc_history_max_stanzas 0;` +
      ' its 500 rooms come from auto_join_rooms (it has no MucSub room list).',
  );
  if (profiles) console.log(`\n${(await import('./profile.mjs')).profileText(profiles)}`);
  if (notes.length) console.log(`\nRuns limited:\n${notes.map((n) => `- ${n}`).join('\n')}`);
  if (retried.length) console.log(`\nRuns repeated (ejabberd restarted by other engineers' tests, or an infrastructure error): ${retried.length}`);
  if (errors.length) console.log(`\nErrors and figures not measured:\n${errors.map((e) => `- ${e}`).join('\n')}`);
}

/** When the running ejabberd node started (epoch ms, ±1 s), or null when it does not answer. */
export async function serverEpoch() {
  try {
    const { stat } = await api('stats', { name: 'uptimeseconds' });
    return Date.now() - stat * 1000;
  } catch {
    return null;
  }
}

export const errorText = (e) => String(e?.message ?? (e?.error ? `${e.error.condition ?? ''} ${e.error.text ?? ''}`.trim() : JSON.stringify(e))).slice(0, 500);

/** Test runners of other engineers running now (they load the CPU and may restart ejabberd). */
export function otherTestRuns() {
  const found = new Set();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid || Number(pid) === process.ppid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      for (const name of ['web-test-runner', 'scripts/test.mjs', 'bench/run.mjs']) if (cmd.includes(name)) found.add(name);
    } catch {
      /* gone */
    }
  }
  return [...found];
}

export function summary(scenario, r) {
  if (r.error) return `ERROR ${r.error}`;
  const ms = (x) => (x === null || x === undefined ? '—' : `${Math.round(x)} ms`);
  if (scenario.startsWith('history')) {
    const open = r.milestones?.wsOpen;
    const fromOpen = open !== null && open !== undefined ? `, socket open → painted ${ms(r.coldStart - open)}` : '';
    return `cold start ${ms(r.coldStart)}${fromOpen}, ${r.after.messages} messages, ${r.after.elements} elements, heap ${(r.after.heap / 1048576).toFixed(1)} MB, scroll-back ${ms(r.scroll.ms)}`;
  }
  if (scenario === 'live') {
    const lat = r.latency
      .map((x) => x.dom)
      .filter((x) => x !== null)
      .sort((a, b) => a - b);
    const fl = r.latency
      .map((x) => x.floor)
      .filter((x) => x !== null)
      .sort((a, b) => a - b);
    return `latency p50 ${lat[Math.floor(lat.length / 2)]?.toFixed(1)} ms (floor ${fl[Math.floor(fl.length / 2)]?.toFixed(1)} ms), burst last painted ${ms(r.burst.firstSendToLastVisible)} after the first send, ${r.burst.longtasks.count} long tasks`;
  }
  if (scenario === 'many') return `listed ${ms(r.listShown)}, quiet ${ms(r.settled?.at)}, scroll long tasks ${r.scroll?.longtasks?.count}`;
  return '';
}
