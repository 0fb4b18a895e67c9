// Bundles the compiled ES modules (dist/esm, from tsc) into ONE self-contained script,
// dist/ethora-chat.js, that defines the elements when loaded by a plain <script src>.
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

/**
 * StanzaJS loads every plugin and every stanza definition, Jingle (voice/video calls, with an
 * SDP library) included; a chat widget never makes calls or file transfers. Replacing the
 * Jingle session code, its plugin, and definitions of extensions the widget never reads
 * (Jingle and its transports, OMEMO, in-band/SOCKS5 bytestreams, real-time text, PEP
 * geolocation/mood/activity/tune, Atom, XHTML-IM, bits of binary, thumbnails, hashes, external
 * services) with empty modules saves about 17 KB gzip (14 KB the Jingle code, 3 KB the definitions). Nothing else requires these files
 * (checked with grep); messages carrying such elements still parse, without those fields.
 */
const UNUSED_DEFINITIONS = [
  'xep0047',
  'xep0065',
  'xep0071',
  'xep0080',
  'xep0107',
  'xep0108',
  'xep0118',
  'xep0158',
  'xep0166',
  'xep0167',
  'xep0176',
  'xep0177',
  'xep0215',
  'xep0221',
  'xep0231',
  'xep0234',
  'xep0260',
  'xep0261',
  'xep0264',
  'xep0300',
  'xep0301',
  'xep0320',
  'xep0338',
  'xep0343',
  'xep0384',
  'rfc4287',
];
const EMPTY_DEFINITIONS = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = [];';
const STUBS = [
  [/node_modules\/stanza\/jingle\/index\.js$/, 'module.exports = {};'],
  [/node_modules\/stanza\/plugins\/jingle\.js$/, 'exports.default = function () {};'],
  [new RegExp(`node_modules/stanza/protocol/(${UNUSED_DEFINITIONS.join('|')})\\.js$`), EMPTY_DEFINITIONS],
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
  // The same code twice: a classic script for <script src>, and one ES module (no bare
  // imports, so it loads from any URL with <script type="module"> or import()).
  output: [
    { file: 'dist/ethora-chat.js', format: 'iife', name: 'EthoraChat', sourcemap: false },
    { file: 'dist/ethora-chat.mjs', format: 'es', sourcemap: false },
  ],
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
