// What the shipped script changes in StanzaJS, in one place: the production build
// (rollup.config.mjs) and the StanzaJS bundle the browser tests load (scripts/bundle-stanza.mjs)
// both use `stanzaBuildPlugin`, so the tests run the same library code that ships.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * StanzaJS loads every plugin and every stanza definition, Jingle (voice/video calls, with an
 * SDP library) included; a chat widget never makes calls or file transfers. Definitions of
 * extensions the widget never reads (Jingle and its transports, OMEMO, in-band/SOCKS5
 * bytestreams, real-time text, PEP geolocation/mood/activity/tune, Atom, XHTML-IM, bits of
 * binary, thumbnails, hashes, external services) become empty lists. Nothing in src/ uses them
 * (checked with grep); messages carrying such elements still parse, without those fields.
 */
export const UNUSED_DEFINITIONS = [
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
/** StanzaJS plugins the widget never calls: each becomes a plugin that adds nothing. */
export const UNUSED_PLUGINS = ['jingle'];

const EMPTY_DEFINITIONS = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = [];';
const EMPTY_PLUGIN = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = function () {};';

/** [file pattern, replacement code]: files replaced by fixed code. */
export const STUBS = [
  [/node_modules\/stanza\/jingle\/index\.js$/, 'module.exports = {};'],
  [new RegExp(`node_modules/stanza/plugins/(${UNUSED_PLUGINS.join('|')})\\.js$`), EMPTY_PLUGIN],
  [new RegExp(`node_modules/stanza/protocol/(${UNUSED_DEFINITIONS.join('|')})\\.js$`), EMPTY_DEFINITIONS],
];

/** [file pattern, our TypeScript module]: StanzaJS's files replaced by smaller ones of ours (src/platform/). */
export const SHIMS = [
  // 10 KB gzip of Unicode 3.2 tables: the browser's case mapping and NFKC, and a check.
  [/node_modules\/stanza\/lib\/stringprep\/index\.js$/, 'src/platform/stringprep.ts'],
  [/node_modules\/punycode\/punycode(\.es6)?\.js$/, 'src/platform/punycode.ts'],
];

function shimCode(file) {
  const source = readFileSync(path.join(root, file), 'utf8');
  return transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2021' }).code;
}

/** A rollup plugin: StanzaJS as shipped (STUBS and SHIMS). Before @rollup/plugin-commonjs. */
export const stanzaBuildPlugin = {
  name: 'stanza-as-shipped',
  load(id) {
    const file = id.replaceAll('\\', '/');
    for (const [pattern, code] of STUBS) if (pattern.test(file)) return code;
    for (const [pattern, shim] of SHIMS) if (pattern.test(file)) return shimCode(shim);
    return null;
  },
};

/** Files whose change must rebuild the tests' StanzaJS bundle (this one and the shims). */
export const stanzaBuildInputs = [fileURLToPath(import.meta.url), ...SHIMS.map(([, shim]) => path.join(root, shim))];
