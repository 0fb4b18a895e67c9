// Bundles the compiled ES modules (dist/esm, from tsc) into ONE self-contained script,
// dist/ethora-chat.js, that defines the elements when loaded by a plain <script src>.
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

/**
 * StanzaJS loads every plugin, Jingle (voice/video calls, with an SDP library) included; a
 * chat widget never makes calls. Replacing the Jingle session code and its plugin with empty
 * modules saves about 14 KB gzip. The Jingle stanza definitions stay, so parsing is unchanged.
 */
const STUBS = [
  [/node_modules\/stanza\/jingle\/index\.js$/, 'module.exports = {};'],
  [/node_modules\/stanza\/plugins\/jingle\.js$/, 'exports.default = function () {};'],
];
const withoutJingle = {
  name: 'stanza-without-jingle',
  load(id) {
    for (const [pattern, code] of STUBS) if (pattern.test(id)) return code;
    return null;
  },
};

export default {
  input: 'dist/esm/index.js',
  output: {
    file: 'dist/ethora-chat.js',
    format: 'iife',
    name: 'EthoraChat',
    sourcemap: false,
  },
  plugins: [
    // StanzaJS's "browser" field swaps in its browser platform (WebSocket, fetch, Web Crypto).
    resolve({ browser: true, preferBuiltins: false }),
    withoutJingle,
    commonjs(),
    terser({ format: { comments: false }, ecma: 2021 }),
  ],
  onwarn(warning, warn) {
    // StanzaJS's CommonJS files use `this` at the top level; harmless in the bundle.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
