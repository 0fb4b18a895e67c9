// What the shipped script changes in StanzaJS, in one place: the production build
// (rollup.config.mjs) and the StanzaJS bundle the browser tests load (scripts/bundle-stanza.mjs)
// both use `stanzaBuildPlugin`, so the tests run the same library code that ships.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * StanzaJS loads every plugin and every stanza definition, Jingle (voice/video calls, with an
 * SDP library) included; a chat widget never makes calls or file transfers. Definitions of
 * extensions the widget never reads become empty lists: Jingle and its transports, OMEMO,
 * in-band/SOCKS5 bytestreams, real-time text, PEP geolocation/mood/activity/tune, Atom,
 * XHTML-IM, bits of binary, thumbnails, hashes, external services; vCards and vCard avatars,
 * PEP avatars, in-band registration, ad-hoc commands, privacy lists, user search, form layout,
 * stream compression, extended addressing, JSON payloads, push, roster exchange, invisibility,
 * component handshake, client state indication, attention, host-meta XRD and BOSH. Nothing in
 * src/ uses them (checked with grep); a stanza carrying such elements still parses, without them.
 * Kept on purpose, for features on their way: pubsub/PEP items, disco, data forms (MAM search),
 * private storage and bookmarks, SASL.
 */
export const UNUSED_DEFINITIONS = [
  'xep0016',
  'xep0033',
  'xep0047',
  'xep0050',
  'xep0054',
  'xep0055',
  'xep0065',
  'xep0071',
  'xep0077',
  'xep0080',
  'xep0084',
  'xep0107',
  'xep0108',
  'xep0114',
  'xep0118',
  'xep0124',
  'xep0138',
  'xep0141',
  'xep0144',
  'xep0153',
  'xep0158',
  'xep0166',
  'xep0167',
  'xep0176',
  'xep0177',
  'xep0186',
  'xep0215',
  'xep0221',
  'xep0224',
  'xep0231',
  'xep0234',
  'xep0260',
  'xep0261',
  'xep0264',
  'xep0300',
  'xep0301',
  'xep0320',
  'xep0335',
  'xep0338',
  'xep0343',
  'xep0352',
  'xep0357',
  'xep0384',
  'rfc4287',
  'xrd',
];
/**
 * StanzaJS plugins the widget never calls, each replaced by a plugin that adds nothing: Jingle,
 * account management, avatars, ad-hoc commands, host-meta discovery (the widget always names
 * its WebSocket URL, src/protocol/stanza-client.ts).
 */
export const UNUSED_PLUGINS = ['jingle', 'account', 'avatar', 'command', 'hostmeta'];

const EMPTY_DEFINITIONS = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = [];';
const EMPTY_CLASS = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = class {};';
const EMPTY_PLUGIN = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = function () {};';

/** [file pattern, replacement code]: files replaced by fixed code. */
export const STUBS = [
  [/node_modules\/stanza\/jingle\/index\.js$/, 'module.exports = {};'],
  // Real-time text (exported as Stanza.RTT, unused), and BOSH and DNS/host-meta discovery: the
  // widget connects by WebSocket to the URL it is given (`bosh: false`).
  [/node_modules\/stanza\/helpers\/RTT\.js$/, 'module.exports = {};'],
  [/node_modules\/stanza\/transports\/bosh\.js$/, EMPTY_CLASS],
  [/node_modules\/stanza\/helpers\/NetworkDiscovery\.js$/, EMPTY_CLASS],
  [new RegExp(`node_modules/stanza/plugins/(${UNUSED_PLUGINS.join('|')})\\.js$`), EMPTY_PLUGIN],
  [new RegExp(`node_modules/stanza/protocol/(${UNUSED_DEFINITIONS.join('|')})\\.js$`), EMPTY_DEFINITIONS],
];

/** [file pattern, our TypeScript module]: StanzaJS's files replaced by smaller ones of ours (src/platform/). */
export const SHIMS = [
  // 10 KB gzip of Unicode 3.2 tables: the browser's case mapping and NFKC, and a check.
  [/node_modules\/stanza\/lib\/stringprep\/index\.js$/, 'src/platform/stringprep.ts'],
  [/node_modules\/punycode\/punycode(\.es6)?\.js$/, 'src/platform/punycode.ts'],
  // ~17 KB gzip: the buffer, readable-stream, string decoder and process polyfills, MD5, SHA-512
  // and the stream-based hash classes, for a Buffer subset, two stream classes and SHA-1/256.
  [/node_modules\/stanza\/platform\/browser\/index\.js$/, 'src/platform/stanza-platform.ts'],
  [/node_modules\/events\/events\.js$/, 'src/platform/events.ts'],
];

/** Our modules a shim imports (bundled into it), src/platform/events.ts excepted: that one is
 * `events`, shared with StanzaJS. */
const SHIM_PARTS = ['buffer.ts', 'hashes.ts', 'stream.ts'];

/** [file pattern, [text or RegExp, replacement]...]: edits in StanzaJS's files; one that matches nothing fails the build. */
export const PATCHES = [
  // DIGEST-MD5 (obsolete, RFC 6331) needs MD5, which the script leaves out: SCRAM or PLAIN instead.
  [/node_modules\/stanza\/Client\.js$/, ["this.sasl.register('DIGEST-MD5', SASL.DIGEST, 100);", '']],
  // The XEP-0107/0108 mood and activity tables (their definitions are stubbed above).
  [
    /node_modules\/stanza\/Constants\.js$/,
    [/exports\.USER_MOODS = \[[^\]]*\];/, 'exports.USER_MOODS = [];'],
    [/exports\.USER_ACTIVITY_GENERAL = \[[^\]]*\];/, 'exports.USER_ACTIVITY_GENERAL = [];'],
    [/exports\.USER_ACTIVITY_SPECIFIC = \[[^\]]*\];/, 'exports.USER_ACTIVITY_SPECIFIC = [];'],
  ],
  // A WebSocket text frame is already a string: no UTF-8 encode/decode round trip per frame.
  [
    /node_modules\/stanza\/transports\/websocket\.js$/,
    ["platform_1.Buffer.from(chunk, 'utf8').toString()", 'String(chunk)'],
    ["platform_1.Buffer.from(wsMsg.data, 'utf8').toString()", "(typeof wsMsg.data === 'string' ? wsMsg.data : platform_1.Buffer.from(wsMsg.data).toString())"],
  ],
];

function shimCode(file) {
  const entry = path.join(root, file);
  const options = { entryPoints: [entry], bundle: true, write: false, format: 'cjs', target: 'es2021', external: ['./events'] };
  // `./events` is the `events` package's replacement: required by that name, one copy in the script.
  return buildSync(options).outputFiles[0].text.replaceAll('require("./events")', 'require("events")');
}

function patchedCode(file, edits) {
  let code = readFileSync(file, 'utf8');
  for (const [text, replacement] of edits) {
    if (typeof text === 'string' ? !code.includes(text) : !text.test(code)) throw new Error(`stanza-build: "${text}" not found in ${file}`);
    code = code.replace(text, replacement);
  }
  return code;
}

/** A rollup plugin: StanzaJS as shipped (STUBS and SHIMS). Before @rollup/plugin-commonjs. */
export const stanzaBuildPlugin = {
  name: 'stanza-as-shipped',
  load(id) {
    const file = id.replaceAll('\\', '/');
    for (const [pattern, code] of STUBS) if (pattern.test(file)) return code;
    for (const [pattern, shim] of SHIMS) if (pattern.test(file)) return shimCode(shim);
    for (const [pattern, ...edits] of PATCHES) if (pattern.test(file)) return patchedCode(id, edits);
    return null;
  },
};

/** Files whose change must rebuild the tests' StanzaJS bundle (this one and the shims). */
export const stanzaBuildInputs = [
  fileURLToPath(import.meta.url),
  ...SHIMS.map(([, shim]) => path.join(root, shim)),
  ...SHIM_PARTS.map((part) => path.join(root, 'src', 'platform', part)),
];
