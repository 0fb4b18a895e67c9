// Builds bench/pages/raw-client.js into .cache/bench/raw-client.js: the same StanzaJS build as the
// shipped script (build/stanza-build.mjs), minified the same way, with nothing of the widget.
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import path from 'node:path';
import { stanzaBuildPlugin } from '../build/stanza-build.mjs';
import { CACHE_DIR, ROOT, WS_URL } from './config.mjs';
import { liveRun } from './live-scenario.mjs';

/** The raw client as a bench client (the live scenario runs it beside the widget). */
export const raw = {
  id: 'raw',
  label: 'raw StanzaJS client',
  messageSelector: 'p.msg',
  markers: { login: '<success' },
  url(base, { user, rooms = [] }) {
    const q = new URLSearchParams({ service: WS_URL, jid: `${user}@localhost`, password: user, rooms: rooms.join(' ') });
    return `${base}/bench/pages/raw.html?${q}`;
  },
  /** Ends the XMPP session cleanly. */
  logout: async (page) => {
    await page.evaluate(() => {
      const gone = new Promise((resolve) => window.__raw.once('disconnected', resolve));
      window.__raw.disconnect();
      return gone;
    });
  },
};

let built;

/** Builds the raw client's script once per bench process. */
export function buildRawClient() {
  built ??= (async () => {
    const bundle = await rollup({
      input: path.join(ROOT, 'bench', 'pages', 'raw-client.js'),
      plugins: [resolve({ browser: true, preferBuiltins: false }), stanzaBuildPlugin, terser({ format: { comments: false }, ecma: 2021 })],
      onwarn: () => {},
    });
    await bundle.write({ file: path.join(CACHE_DIR, 'raw-client.js'), format: 'iife' });
    await bundle.close();
  })();
  return built;
}

/**
 * The floor of a browser client in the live scenario: the same run (latency probes and burst) by
 * the raw client, right after the widget's (the live Node clients already connected).
 */
export async function rawClientLive(env, run) {
  await buildRawClient();
  const r = await liveRun(env, raw, run).catch((e) => ({ error: e.message }));
  const error = r.error ?? r.burst?.error;
  return { latency: r.latency, burst: r.burst, error: error && `raw StanzaJS client: ${error}` };
}
