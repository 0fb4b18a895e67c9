// Builds bench/pages/raw-client.js into .cache/bench/raw-client.js: the same StanzaJS build as the
// shipped script (build/stanza-build.mjs), minified the same way, with nothing of the widget.
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import path from 'node:path';
import { stanzaBuildPlugin } from '../build/stanza-build.mjs';
import { CACHE_DIR, ROOT } from './config.mjs';

export const RAW_CLIENT_PAGE = '/bench/pages/raw.html';

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
