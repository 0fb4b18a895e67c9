// --profile: one CPU-profiled cold start (1k room) per client, to see where the time goes, and with
// the live scenario one profiled burst of ours (BENCH_BURST messages, from the first frame to the last painted).
// The page loads unminified builds with source maps (ours: the same rollup config without terser,
// built into .cache/bench/profile/; Converse: its dist/converse.js), and V8's sampling profiler
// (100 µs) runs from navigation until the newest message is painted. Self time is grouped by
// package / source folder (through the source maps) and by function.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRoom, api } from '../server/kit.mjs';
import { BURST_MESSAGES, CACHE_DIR, CONVERSE_DIST, MUC, ROOT, TIMEOUT, USERS, roomJid } from './config.mjs';
import { closeContext, openPage, pollPage, settle } from './browser.mjs';
import { serveStatic } from './static.mjs';

const PROFILE_DIR = path.join(CACHE_DIR, 'profile');
const OUR_PROFILE_BUNDLE = path.join(PROFILE_DIR, 'ethora-chat.js');

/** The widget bundle as `npm run build` makes it, minus terser, plus a source map. */
async function buildUnminified() {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const { rollup } = await import('rollup');
  const config = (await import(pathToFileURL(path.join(ROOT, 'rollup.config.mjs')).href)).default;
  const bundle = await rollup({
    input: path.join(ROOT, config.input),
    plugins: config.plugins.filter((p) => p?.name !== 'terser'),
    onwarn: config.onwarn,
  });
  // The config writes the IIFE script and the ES module: the page loads the script.
  const outputs = [config.output].flat();
  const script = outputs.find((o) => o.format === 'iife') ?? outputs[0];
  await bundle.write({ ...script, file: OUR_PROFILE_BUNDLE, sourcemap: true });
  await bundle.close();
}

// ---- source maps (VLQ "mappings" decoder, enough for line/column -> source) ----
const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));
function decodeMappings(mappings) {
  const lines = [];
  let src = 0;
  for (const line of mappings.split(';')) {
    const segs = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const vals = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const d = B64[ch];
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += vals[0];
      if (vals.length > 1) {
        src += vals[1];
        segs.push([col, src]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

function loadMap(file) {
  const map = JSON.parse(readFileSync(file, 'utf8'));
  const lines = decodeMappings(map.mappings);
  return (line, col) => {
    const segs = lines[line];
    if (!segs?.length) return null;
    let lo = 0;
    let hi = segs.length - 1;
    if (segs[0][0] > col) return map.sources[segs[0][1]];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid][0] <= col) lo = mid;
      else hi = mid - 1;
    }
    return map.sources[segs[lo][1]];
  };
}

/** A readable group for a source path: npm package, or the first folders under src/ or esm/. */
function bucketOf(source) {
  if (!source) return 'unmapped';
  const s = source.replace(/^webpack:\/\/[^/]*\//, '').replace(/\?.*$/, '');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = s.slice(nm + 13).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const m = /(?:^|\/)(src|esm)\/(.+)$/.exec(s);
  if (m) {
    const parts = m[2].split('/');
    return `${m[1]}/${parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.length > 1 ? parts[0] : parts[0]}`;
  }
  return s.split('/').slice(-2).join('/');
}

/** Saves a raw profile beside the profiled build, for Chrome DevTools' Performance panel (Load profile). */
function keep(profile, name) {
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
}

/** Profiles one cold start; returns the groups and the top functions by self time. */
export async function profileColdStart(env, ad, room) {
  const overrides = {};
  let mapFor;
  if (ad.id === 'ours') {
    await buildUnminified();
    overrides['/dist/ethora-chat.js'] = OUR_PROFILE_BUNDLE;
    mapFor = { url: '/dist/ethora-chat.js', map: `${OUR_PROFILE_BUNDLE}.map` };
  } else {
    overrides['/converse/converse.min.js'] = path.join(CONVERSE_DIST, 'converse.js');
    mapFor = { url: '/converse/converse.min.js', map: path.join(CONVERSE_DIST, 'converse.js.map') };
  }
  const web = await serveStatic({ overrides });
  const usableTag = `${room.tag}-${room.newest}`;
  const { context, page, cdp } = await openPage(env.browser, { messageSelector: ad.messageSelector, usableTag, markers: ad.markers });
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(ad.url(web.url, { user: USERS.reader, rooms: [room.jid] }), { waitUntil: 'commit' });
    const ok = await pollPage(page, () => window.__bench.usable?.frame !== undefined, null, 45_000, 20);
    const { profile } = await cdp.send('Profiler.stop');
    keep(profile, `${ad.id}-cold-start`);
    if (!ok) return { error: 'the newest message was not shown within 45 s' };
    const coldStart = await page.evaluate(() => window.__bench.usable.frame);
    return summarize(profile, mapFor, coldStart);
  } finally {
    await closeContext(context);
    await web.close();
  }
}

/** Profiles one burst of BURST_MESSAGES into a fresh room with our widget open in it (env.live: the Node sender). */
export async function profileBurst(env, ad) {
  await buildUnminified();
  const mapFor = { url: '/dist/ethora-chat.js', map: `${OUR_PROFILE_BUNDLE}.map` };
  const web = await serveStatic({ overrides: { [mapFor.url]: OUR_PROFILE_BUNDLE } });
  const name = `bench-profile-${Date.now().toString(36)}`;
  await createRoom(name, { title: 'Profile' });
  await env.live.call('join', { room: roomJid(name) });
  const last = `B-${BURST_MESSAGES}`;
  const { context, page, cdp } = await openPage(env.browser, { messageSelector: ad.messageSelector, markers: ad.markers });
  try {
    await page.goto(ad.url(web.url, { user: USERS.reader, rooms: [roomJid(name)] }), { waitUntil: 'commit' });
    await pollPage(
      page,
      () => document.querySelector('ethora-chat')?.shadowRoot?.querySelector('ethora-room')?.getAttribute('join-state') === 'joined',
      null,
      TIMEOUT.join,
    );
    await settle(page, 700, 10_000);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await env.live.call('burst', { room: roomJid(name), count: BURST_MESSAGES });
    const ok = await pollPage(page, (tag) => window.__bench.seenFrame.has(tag), last, TIMEOUT.burst, 50);
    const { profile } = await cdp.send('Profiler.stop');
    keep(profile, `${ad.id}-burst`);
    if (!ok) return { error: `the burst's last message was not shown within ${TIMEOUT.burst / 1000} s` };
    const b = await page.evaluate((tag) => ({ first: window.__bench.ws.arrivals.get('B-1'), last: window.__bench.seenFrame.get(tag) }), last);
    return { ...summarize(profile, mapFor, b.last - b.first), what: `burst of ${BURST_MESSAGES}: first frame → last painted` };
  } finally {
    await closeContext(context);
    await web.close();
    await env.live.call('leave', { room: roomJid(name) }).catch(() => {});
    await api('destroy_room', { name, service: MUC }).catch(() => {});
  }
}

function summarize(profile, mapFor, coldStart) {
  const lookup = loadMap(mapFor.map);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const groups = new Map();
  const fns = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    total += ms;
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    let group;
    let where = '';
    // (idle); (program) = browser work outside JS (parsing, style, layout, paint); (garbage collector)
    if (!url && /^\(/.test(functionName)) group = functionName;
    else if (!url && lineNumber >= 0)
      group = '(bench instrumentation)'; // init script: no URL, but a position
    else if (!url) group = '(native DOM / Web API calls)';
    else if (url.includes(mapFor.url)) {
      const src = lookup(lineNumber, columnNumber);
      group = bucketOf(src);
      where = (src ?? '').replace(/^webpack:\/\/[^/]*\//, '').replace(/^(\.\.\/)+/, '');
    } else group = new URL(url, 'http://x').pathname.split('/').pop() || url;
    groups.set(group, (groups.get(group) ?? 0) + ms);
    if (url) {
      const key = `${functionName || '(anonymous)'}  ${where || new URL(url, 'http://x').pathname}`;
      fns.set(key, (fns.get(key) ?? 0) + ms);
    }
  }
  const top = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }));
  return { coldStart, profiledMs: Math.round(total), groups: top(groups, 14), functions: top(fns, 25) };
}

export function profileText(profiles) {
  const out = ['## Cold start profiles (1k room, one run each, unminified builds, V8 sampling profiler)'];
  for (const [id, p] of Object.entries(profiles)) {
    out.push('', `### ${id.startsWith('ours') ? 'ethora-chat' : 'Converse.js 14'}${p.what ? `, ${p.what}` : ''}`);
    if (p.error) {
      out.push(`not profiled: ${p.error}`);
      continue;
    }
    out.push(
      `${p.what ? 'burst' : 'cold start'} in this run ${Math.round(p.coldStart)} ms (profiling slows it); samples cover ${p.profiledMs} ms.`,
      '',
      '| self time by group | ms |',
      '|---|---|',
      ...p.groups.map((g) => `| ${g.name} | ${g.ms} |`),
      '',
      '| top functions (self time) | ms |',
      '|---|---|',
      ...p.functions.map((f) => `| \`${f.name}\` | ${f.ms} |`),
    );
  }
  return out.join('\n');
}
