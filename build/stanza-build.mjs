// What the shipped script changes in StanzaJS, in one place: the production build
// (rollup.config.mjs) and the StanzaJS bundle the browser tests load (scripts/bundle-stanza.mjs)
// both use `stanzaBuildPlugin`, so the tests run the same library code that ships.
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { PRUNED_MODULES, evaluate, prunedModule, referencedNames, scannedStanzaFiles } from './stanza-exports.mjs';
import { HELPERS_ID, helpersModule, shareHelpers } from './stanza-helpers.mjs';
import { KEPT_DEFINITIONS, keptDefinitions } from './stanza-definitions.mjs';
import { pruneUnnamed, wordIndex } from './stanza-prune.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * StanzaJS loads every plugin and every stanza definition, Jingle (voice/video calls, with an
 * SDP library) included; a chat widget never makes calls or file transfers. Definitions of
 * extensions the widget never reads become empty lists: Jingle and its transports, OMEMO,
 * in-band/SOCKS5 bytestreams, real-time text, PEP geolocation/mood/activity/tune, Atom,
 * XHTML-IM, bits of binary, thumbnails, hashes, external services; vCards and vCard avatars,
 * PEP avatars, in-band registration, ad-hoc commands, privacy lists, user search, form layout,
 * stream compression, extended addressing, JSON payloads, push, roster exchange, invisibility,
 * component handshake, client state indication, attention, host-meta XRD and BOSH; stanza
 * headers (SHIM), user nicknames (XEP-0172), hats, idle times, encryption markers (EME) and
 * Jingle XML streams; others' entity capabilities and occupant ids (XEP-0115, XEP-0421), entity
 * time and software version (XEP-0202, XEP-0092: the widget does not tell others its clock, time
 * zone or library), and message carbons, receipts and chat markers (XEP-0280, XEP-0184, XEP-0333:
 * the widget never enables carbons, sends no receipts or markers, and reads neither). Nothing in
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
  'xep0092',
  'xep0107',
  'xep0108',
  'xep0114',
  'xep0115',
  'xep0118',
  'xep0124',
  'xep0131',
  'xep0138',
  'xep0141',
  'xep0144',
  'xep0153',
  'xep0158',
  'xep0166',
  'xep0167',
  'xep0172',
  'xep0176',
  'xep0177',
  'xep0184',
  'xep0186',
  'xep0202',
  'xep0215',
  'xep0221',
  'xep0224',
  'xep0231',
  'xep0234',
  'xep0247',
  'xep0260',
  'xep0261',
  'xep0264',
  'xep0280',
  'xep0300',
  'xep0301',
  'xep0317',
  'xep0319',
  'xep0320',
  'xep0333',
  'xep0335',
  'xep0338',
  'xep0343',
  'xep0352',
  'xep0357',
  'xep0380',
  'xep0384',
  'xep0421',
  'rfc4287',
  'xrd',
];
/**
 * StanzaJS plugins the widget never calls, each replaced by a plugin that adds nothing: Jingle,
 * account management, avatars, ad-hoc commands, host-meta discovery (the widget always names
 * its WebSocket URL, src/protocol/stanza-client.ts), the pubsub and PEP methods and events
 * (the widget sends its pubsub IQs itself, src/protocol/bookmarks.ts, and reads MucSub events
 * from the `message` event; the pubsub definitions stay); `entity`, which answered others' entity
 * time and version queries and listed in disco#info some twenty features the widget does not
 * have (src/protocol/room-admin.ts asks for last activity itself); and `messaging`, which only
 * re-emitted carbons, receipts, markers, chat states and corrections as events nothing listens
 * to, and sent receipts for one-to-one messages that the widget never shows.
 */
export const UNUSED_PLUGINS = ['jingle', 'account', 'avatar', 'command', 'hostmeta', 'pubsub', 'pep', 'entity', 'messaging'];

const EMPTY_DEFINITIONS = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = [];';
const EMPTY_CLASS = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = class {};';
const EMPTY_PLUGIN = 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = function () {};';

/**
 * @rollup/plugin-commonjs's options for StanzaJS, in the script and in the tests' bundle: a
 * module is wrapped in a lazy `require` function only when it is in a require cycle or required
 * from inside a function (its default wraps all of them: ~250 B gzip more).
 */
export const COMMONJS_OPTIONS = { strictRequires: 'auto', extensions: ['.js', '.ts'] };

/** [file pattern, replacement code]: files replaced by fixed code. */
export const STUBS = [
  [/node_modules\/stanza\/jingle\/index\.js$/, 'module.exports = {};'],
  // Real-time text (exported as Stanza.RTT, unused), and BOSH and DNS/host-meta discovery: the
  // widget connects by WebSocket to the URL it is given (`bosh: false`).
  [/node_modules\/stanza\/helpers\/RTT\.js$/, 'module.exports = {};'],
  [/node_modules\/stanza\/transports\/bosh\.js$/, EMPTY_CLASS],
  [/node_modules\/stanza\/helpers\/NetworkDiscovery\.js$/, EMPTY_CLASS],
  // XHTML-IM's sanitizer, used by the XEP-0071 definitions only (stubbed above): nothing sanitized is kept.
  [/node_modules\/stanza\/jxt\/sanitizers\/XHTMLIM\.js$/, 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = () => undefined;'],
  [new RegExp(`node_modules/stanza/plugins/(${UNUSED_PLUGINS.join('|')})\\.js$`), EMPTY_PLUGIN],
  [new RegExp(`node_modules/stanza/protocol/(${UNUSED_DEFINITIONS.join('|')})\\.js$`), EMPTY_DEFINITIONS],
];

/** [file pattern, our TypeScript module]: StanzaJS's files replaced by smaller ones of ours (src/platform/). */
export const SHIMS = [
  // 10 KB gzip of Unicode 3.2 tables: the browser's case mapping and NFKC, and a check.
  [/node_modules\/stanza\/lib\/stringprep\/index\.js$/, 'src/platform/stringprep.ts'],
  [/node_modules\/punycode\/punycode(\.es6)?\.js$/, 'src/platform/punycode.ts'],
  // Its Client's task queues: a binary heap and methods nothing calls, for an array in order.
  [/node_modules\/stanza\/lib\/AsyncPriorityQueue\.js$/, 'src/platform/priority-queue.ts'],
  // ~17 KB gzip: the buffer, readable-stream, string decoder and process polyfills, MD5, SHA-512
  // and the stream-based hash classes, for a Buffer subset, two stream classes and SHA-1/256.
  [/node_modules\/stanza\/platform\/browser\/index\.js$/, 'src/platform/stanza-platform.ts'],
  // Node's `events` (StanzaJS requires it): ours, not the npm package (resolved by EVENTS_ID).
  [/\/src\/platform\/events\.ts$/, 'src/platform/events.ts'],
];

/** What `events` resolves to, for StanzaJS and our shims: src/platform/events.ts (as CommonJS, SHIMS). */
const EVENTS_ID = path.join(root, 'src', 'platform', 'events.ts');

/** Our modules a shim imports (bundled into it), src/platform/events.ts excepted: that one is
 * `events`, shared with StanzaJS. */
const SHIM_PARTS = ['buffer.ts', 'hashes.ts', 'stream.ts'];

/** [file pattern, [text or RegExp, replacement]...]: edits in StanzaJS's files; one that matches nothing fails the build. */
export const PATCHES = [
  // SASL mechanisms the widget never offers credentials for: DIGEST-MD5 (obsolete, RFC 6331;
  // it needs MD5, which the script leaves out), EXTERNAL (a TLS client certificate) and
  // OAUTHBEARER (a `token` credential: the widget gives a password, which may be a token, to
  // SCRAM, X-OAUTH2 or PLAIN). ANONYMOUS stays: the guest host signs visitors in with it.
  //
  // The WebSocket before the stanza definitions: StanzaJS registered them all (~15 ms of a cold
  // start) in its constructor, before the socket was made. Its registry now registers them on its
  // first use (import, export, define, lookups), and connect() right after making the socket, so
  // they are registered while it opens; nothing is parsed or written before its first frame.
  [
    /node_modules\/stanza\/Client\.js$/,
    ...['DIGEST-MD5', 'EXTERNAL', 'OAUTHBEARER'].map((name) => [new RegExp(`this\\.sasl\\.register\\('${name}', SASL\\.\\w+, \\d+\\);`), '']),
    ['this.stanzas.define(protocol_1.default);', 'this.stanzas.defineOnUse(protocol_1.default);'],
    ['this.transport.connect(config);\n            return;', 'this.transport.connect(config);\n            this.stanzas.definePending();\n            return;'],
  ],
  // ...and their mechanisms' classes go with them.
  [
    /node_modules\/stanza\/lib\/sasl\/index\.js$/,
    ...['DIGEST', 'EXTERNAL', 'OAUTH'].map((name) => [
      new RegExp(`\\nclass ${name} extends SimpleMech \\{\\n[\\s\\S]*?\\n\\}\\nexports\\.${name} = ${name};\\n`),
      '\n',
    ]),
  ],
  // The registry's side of it (see Client.js above): definitions kept until its first use.
  [
    /node_modules\/stanza\/jxt\/Registry\.js$/,
    [
      '    setLanguageResolver(resolver) {',
      '    defineOnUse(defs) {\n        (this.pending ??= []).push(defs);\n    }\n    definePending() {\n        const defs = this.pending;\n        if (defs) {\n            this.pending = undefined;\n            this.define(defs);\n        }\n    }\n$&',
    ],
    // The methods others call (the rest are called by these).
    ...[
      'import(xml, context = { registry: this }) {',
      'export(path, data, context = { registry: this }) {',
      "getImportKey(xml, path = '') {",
      'define(defs) {',
    ].map((head) => [`    ${head}\n`, `$&        this.definePending();\n`]),
  ],
  // Entity capabilities (XEP-0115) of our own: nothing calls `client.updateCaps()`, so no caps
  // are ever computed or sent; the methods and the hash code they need go (the caps of others'
  // presences are still parsed, and disco#info queries still answered).
  [
    /node_modules\/stanza\/plugins\/disco\.js$/,
    [/\n {4}client\.updateCaps = \(\) => \{\n[\s\S]*?\n {4}\};\n {4}client\.getCurrentCaps = \(\) => \{\n[\s\S]*?\n {4}\};\n/, '\n'],
  ],
  [
    /node_modules\/stanza\/helpers\/DiscoManager\.js$/,
    ['const EntityCaps = __importStar(require("./LegacyEntityCapabilities"));\n', ''],
    [/\n {4}updateCaps\(node, algorithms = this\.capsAlgorithms\) \{\n[\s\S]*?\n {4}\}\n {4}getCaps\(\) \{\n[\s\S]*?\n {4}\}\n/, '\n'],
  ],
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

const stanzaDir = realpathSync(path.join(root, 'node_modules', 'stanza'));
const replaced = (file) => [...STUBS, ...SHIMS].some(([pattern]) => pattern.test(file));
let scanned;
/** StanzaJS's files that stanza-exports.mjs scans for the names they read (computed once). */
function scannedFiles() {
  scanned ??= new Set(scannedStanzaFiles(stanzaDir, replaced).map((file) => file.replaceAll('\\', '/')));
  return scanned;
}

const sourceDirs = [path.join(root, 'src'), path.join(root, 'test')];

/** Client methods that PATCHES remove although StanzaJS names them (its own callers go too). */
const PATCHED_METHODS = ['updateCaps', 'getCurrentCaps'];

/** The PATCHED_METHODS that src/ names (whole words): each would be undefined there (a test may check they are gone). */
function patchedMethodsNamed() {
  const src = path.join(root, 'src');
  const files = readdirSync(src, { recursive: true })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(src, file));
  return PATCHED_METHODS.filter((name) => files.some((file) => new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(readFileSync(file, 'utf8'))));
}
let readElsewhere;
/** A StanzaJS file's code without the exports and methods nothing else names (build/stanza-prune.mjs). */
function withoutUnnamed(code, file) {
  readElsewhere ??= wordIndex(scannedFiles(), sourceDirs, editedCode);
  return pruneUnnamed(code, (name) => readElsewhere(name, file));
}

/**
 * The names kept of each pruned module and the exports removed from each file, sorted: the
 * tests' StanzaJS bundle is rebuilt when they change.
 */
export function keptNames() {
  const removed = [...scannedFiles()].sort().map((file) => [path.relative(stanzaDir, file), withoutUnnamed(stanzaCode(file, file), file).removed]);
  return { ...prunedNames(), ...Object.fromEntries(removed.filter(([, names]) => names.length)) };
}

let pruned;
/**
 * The names kept of each module in PRUNED_MODULES (computed once): those read by the code the
 * script loads, after the prune of unnamed exports. Constants.js first: pruned, its values are
 * literals, which read no Namespaces.
 */
function prunedNames() {
  if (pruned) return pruned;
  const stanzaRoot = stanzaDir.replaceAll('\\', '/');
  const isPruned = (file) => path.dirname(file) === stanzaRoot && path.basename(file) in PRUNED_MODULES;
  const loaded = (file) => (isPruned(file) ? editedCode(file) : withoutUnnamed(editedCode(file), file).code);
  const names = (binding, read) => [...referencedNames(binding, scannedFiles(), sourceDirs, read)].sort();
  if (Object.keys(PRUNED_MODULES).join() !== 'Namespaces.js,Constants.js')
    throw new Error('stanza-build: prunedNames() knows Namespaces.js and Constants.js only');
  pruned = { 'Constants.js': names('Constants', loaded) };
  const constants = `${stanzaRoot}/Constants.js`;
  pruned['Namespaces.js'] = names('Namespaces', (file) => (file === constants ? prunedCode(file, 'Constants.js') : loaded(file)));
  return pruned;
}

/** Namespaces.js or Constants.js with only the exports some kept code reads (stanza-exports.mjs). */
function prunedCode(id, base) {
  const names = prunedNames()[base];
  if (base === 'Namespaces.js') return prunedModule(readFileSync(id, 'utf8'), names);
  const namespaces = evaluate(readFileSync(path.join(path.dirname(id), 'Namespaces.js'), 'utf8'));
  const edits = PATCHES.find(([pattern]) => pattern.test(id.replaceAll('\\', '/')))?.slice(1) ?? [];
  return prunedModule(patchedCode(id, edits), names, { './Namespaces': namespaces });
}

/**
 * protocol/index.js re-exports every definition file (`__exportStar`: they export nothing but
 * their default) and lists them all; the list of the kept ones is all the client needs.
 */
function definitionsIndex(id) {
  const code = readFileSync(id, 'utf8');
  const listed = [...(code.match(/const Protocol = \[([^\]]*)\]/)?.[1] ?? '').matchAll(/(\w+)_1\.default/g)].map((m) => m[1]);
  const starred = [...code.matchAll(/__exportStar\(require\("\.\/(\w+)"\), exports\)/g)].map((m) => m[1]);
  if (!listed.length || [...listed].sort().join() !== [...starred].sort().join()) throw new Error(`stanza-build: ${id} is not the index it expects`);
  for (const name of listed) {
    const exported = readFileSync(path.join(path.dirname(id), `${name}.js`), 'utf8').match(/\bexports\.(?!default\b)\w+\s*=/);
    if (exported) throw new Error(`stanza-build: protocol/${name}.js exports more than its definitions (${exported[0]})`);
  }
  const kept = listed.filter((name) => !UNUSED_DEFINITIONS.includes(name));
  const list = kept.map((name) => `require("./${name}").default`).join(',\n  ');
  return `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.default = [\n  ${list}\n];\n`;
}

/**
 * plugins/index.js re-exports every plugin file (which export nothing but their default) and
 * loads them all: the same two functions, `core` and `default`, with the kept plugins only.
 */
function pluginsIndex(id) {
  const code = readFileSync(id, 'utf8');
  const body = (name) =>
    [...(code.match(new RegExp(`function ${name}\\(client\\) \\{([^}]*)\\}`))?.[1] ?? '').matchAll(/client\.use\((\w+)_1\.default\)/g)].map((m) => m[1]);
  const [core, rest] = [body('core'), body('default_1')];
  const starred = [...code.matchAll(/__exportStar\(require\("\.\/(\w+)"\), exports\)/g)].map((m) => m[1]);
  if (!core.length || [...core, ...rest].sort().join() !== [...starred].sort().join()) throw new Error(`stanza-build: ${id} is not the index it expects`);
  for (const name of starred) {
    const exported = readFileSync(path.join(path.dirname(id), `${name}.js`), 'utf8').match(/\bexports\.(?!default\b)\w+\s*=/);
    if (exported) throw new Error(`stanza-build: plugins/${name}.js exports more than its plugin (${exported[0]})`);
  }
  const kept = (names) => names.filter((name) => !UNUSED_PLUGINS.includes(name));
  const requires = kept(starred).map((name) => `const ${name}_1 = require("./${name}");`);
  const uses = (names) => kept(names).map((name) => `  client.use(${name}_1.default);`);
  const head = ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });', ...requires];
  return [...head, 'exports.core = function core(client) {', ...uses(core), '};', 'exports.default = function (client) {', ...uses(rest), '};', ''].join('\n');
}

/** A rollup plugin: StanzaJS as shipped (STUBS, SHIMS, PATCHES, pruned exports). Before @rollup/plugin-commonjs. */
export const stanzaBuildPlugin = {
  name: 'stanza-as-shipped',
  buildStart() {
    const named = patchedMethodsNamed();
    if (named.length) this.error(`stanza-build: ${named.join(', ')} named in src/, but removed by PATCHES`);
  },
  resolveId: {
    // Before @rollup/plugin-node-resolve, which would look for an `events` package.
    order: 'pre',
    handler: (id) => (id === HELPERS_ID ? HELPERS_ID : id === 'events' ? EVENTS_ID : null),
  },
  load(id) {
    if (id === HELPERS_ID) return helpersModule(stanzaDir);
    const file = id.replaceAll('\\', '/');
    for (const [pattern, code] of STUBS) if (pattern.test(file)) return code;
    for (const [pattern, shim] of SHIMS) if (pattern.test(file)) return shimCode(shim);
    const inStanza = file.startsWith(`${stanzaDir.replaceAll('\\', '/')}/`) && !file.includes('/stanza/node_modules/');
    if (!inStanza || !file.endsWith('.js')) return null;
    // A file the scan for names skipped would read names the pruned modules may not have.
    if (!scannedFiles().has(file)) throw new Error(`stanza-build: ${file} is loaded but not scanned (build/stanza-exports.mjs)`);
    return shareHelpers(withoutUnnamed(stanzaCode(id, file), file).code, stanzaDir);
  },
};

/** A StanzaJS file's code as the script has it, before the prune of exports nothing names: pruned, generated, patched or as installed. */
function stanzaCode(id, file) {
  const base = path.basename(file);
  if (path.dirname(file) === stanzaDir.replaceAll('\\', '/') && base in PRUNED_MODULES) return prunedCode(id, base);
  return editedCode(id, file);
}

const edited = new Map();
/**
 * A StanzaJS file's code as generated or edited here (computed once): what the scans for the
 * names kept code reads look at (Namespaces.js and Constants.js: before their own prune).
 */
function editedCode(id, file = id) {
  if (!edited.has(file)) edited.set(file, editCode(id, file));
  return edited.get(file);
}

function editCode(id, file) {
  const dir = stanzaDir.replaceAll('\\', '/');
  if (file === `${dir}/protocol/index.js`) return definitionsIndex(id);
  if (file === `${dir}/plugins/index.js`) return pluginsIndex(id);
  const definitions = path.dirname(file) === `${dir}/protocol` ? path.basename(file, '.js') : undefined;
  if (definitions && Object.hasOwn(KEPT_DEFINITIONS, definitions)) return keptDefinitions(readFileSync(id, 'utf8'), definitions);
  for (const [pattern, ...edits] of PATCHES) if (pattern.test(file)) return patchedCode(id, edits);
  return readFileSync(id, 'utf8');
}

/** Files whose change must rebuild the tests' StanzaJS bundle (this one and the shims). */
export const stanzaBuildInputs = [
  fileURLToPath(import.meta.url),
  ...SHIMS.map(([, shim]) => path.join(root, shim)),
  ...SHIM_PARTS.map((part) => path.join(root, 'src', 'platform', part)),
  fileURLToPath(new URL('./stanza-definitions.mjs', import.meta.url)),
  fileURLToPath(new URL('./stanza-exports.mjs', import.meta.url)),
  fileURLToPath(new URL('./stanza-helpers.mjs', import.meta.url)),
  fileURLToPath(new URL('./stanza-prune.mjs', import.meta.url)),
];
