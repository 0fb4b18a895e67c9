// XML parse cost, timed: `npm run bench:xml`. Not a test: in headless Chromium, StanzaJS's own XML
// parser in JavaScript (jxt/Parser.js, as the script had it until it was replaced) against the
// script's (src/platform/xml-parser.ts: DOMParser, one WebSocket frame at a time), frame -> JXT
// element tree, on a burst of 5,000 frames made from the protocol fixtures (live groupchat
// messages, MAM results, MucSub events, presences) and on hostile frames. No server.
import { build } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'protocol');
const BURST = 5000;
const ROUNDS = 7;

const entry = `
import * as before from ${JSON.stringify(path.join(ROOT, 'node_modules/stanza/jxt/Parser.js'))};
import { parse as now } from ${JSON.stringify(path.join(ROOT, 'src/platform/xml-parser.ts'))};
window.parsers = { before: (before.default ?? before).parse ?? before.parse, now };`;
const alias = { events: path.join(ROOT, 'src/platform/events.ts') };
// The shim imports StanzaJS's classes as the build's ES modules of them have them: the CommonJS `default`.
const stanzaClasses = {
  name: 'stanza-classes',
  setup(build) {
    build.onResolve({ filter: /^stanza\/jxt\/(Element|Error)$/ }, (args) => ({
      path: path.join(ROOT, 'node_modules', `${args.path}.js`),
      namespace: 'stanza-class',
    }));
    build.onLoad({ filter: /.*/, namespace: 'stanza-class' }, (args) => ({
      contents: `export default require(${JSON.stringify(args.path)}).default;`,
      resolveDir: ROOT,
    }));
  },
};
const bundle = await build({
  stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
  alias,
  plugins: [stanzaClasses],
  bundle: true,
  format: 'iife',
  write: false,
  platform: 'browser',
});
const code = bundle.outputFiles[0].text;

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => readFileSync(path.join(FIXTURES, f), 'utf8').trim());
// Each frame of the burst a fixture with its ids made unique, as a server sends them.
const burst = Array.from({ length: BURST }, (_, i) => fixtures[i % fixtures.length].replace(/ id="([^"]*)"/g, ` id="$1-${i}"`));
const hostile = {
  'a 1 MB body': `<message xmlns="jabber:client" type="groupchat" from="r@c.localhost/bob"><body>${'x&amp;'.repeat(200_000)}</body></message>`,
  '5,000 attributes': `<message xmlns="jabber:client"><data xmlns="x" ${Array.from({ length: 5000 }, (_, i) => `a${i}="${i}"`).join(' ')}/></message>`,
  '5,000 nested elements (dropped before parsing now)': `${'<a>'.repeat(4999)}${'</a>'.repeat(4999)}`,
  '5,000 sibling elements': `<message xmlns="jabber:client">${'<x y="1"/>'.repeat(5000)}</message>`,
};

const browser = await launch();
const page = await browser.newPage();
await page.addScriptTag({ content: code });
const result = await page.evaluate(
  ({ burst, hostile, rounds }) => {
    const time = (fn, frames) => {
      let longest = 0;
      const t0 = performance.now();
      for (const f of frames) {
        const t = performance.now();
        try {
          fn(f);
        } catch {
          // refused: counted like a parsed frame
        }
        longest = Math.max(longest, performance.now() - t);
      }
      return { total: performance.now() - t0, longest };
    };
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const out = { burst: {}, hostile: {}, refused: {} };
    // Every fixture frame parses with both (a parser that threw would look fast).
    for (const name of ['before', 'now'])
      out.refused[name] = burst.filter((f) => {
        try {
          return !window.parsers[name](f);
        } catch {
          return true;
        }
      }).length;
    for (const name of ['before', 'now']) out.burst[name] = { totals: [], longest: [] };
    // Warm up both, then alternate rounds so that load on the machine hits both alike.
    for (const name of ['before', 'now']) time(window.parsers[name], burst.slice(0, 500));
    for (let r = 0; r < rounds; r++)
      for (const name of r % 2 ? ['now', 'before'] : ['before', 'now']) {
        const { total, longest } = time(window.parsers[name], burst);
        out.burst[name].totals.push(total);
        out.burst[name].longest.push(longest);
      }
    for (const name of ['before', 'now']) out.burst[name] = { total: median(out.burst[name].totals), longest: median(out.burst[name].longest) };
    for (const [label, frame] of Object.entries(hostile))
      out.hostile[label] = Object.fromEntries(['before', 'now'].map((name) => [name, median([0, 1, 2].map(() => time(window.parsers[name], [frame]).total))]));
    return out;
  },
  { burst, hostile, rounds: ROUNDS },
);
await browser.close();

const ms = (x) => `${x.toFixed(1)} ms`;
const bytes = burst.reduce((n, f) => n + f.length, 0);
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}\n`,
);
console.log(`## A burst of ${BURST.toLocaleString('en')} frames (${(bytes / 1024).toFixed(0)} KB, from ${fixtures.length} fixtures), median of ${ROUNDS}\n`);
console.log('| parser | whole burst | per frame | longest frame |');
console.log('|---|---|---|---|');
for (const [name, r] of Object.entries(result.burst))
  console.log(`| ${name} | ${ms(r.total)} | ${((r.total / BURST) * 1000).toFixed(1)} µs | ${ms(r.longest)} |`);
console.log(
  `\nFrames of the burst refused: ${Object.entries(result.refused)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ')}`,
);
console.log('\n## Hostile frames, median of 3\n');
console.log('| frame | before | now |');
console.log('|---|---|---|');
for (const [label, r] of Object.entries(result.hostile)) console.log(`| ${label} | ${ms(r.before)} | ${ms(r.now)} |`);
