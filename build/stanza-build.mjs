// StanzaJS as the shipped script has it: the production build (rollup.config.mjs) and the
// StanzaJS bundle the browser tests load (scripts/bundle-stanza.mjs) both use `stanzaBuildPlugin`,
// so the tests run the same library code that ships. What it changes is listed in
// build/stanza-edits.mjs.
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { PRUNED_MODULES, evaluate, prunedModule, referencedNames, scannedStanzaFiles } from './stanza-exports.mjs';
import { toEsm } from './stanza-esm.mjs';
import { KEPT_DEFINITIONS, keptDefinitions } from './stanza-definitions.mjs';
import { pruneUnnamed, wordIndex } from './stanza-prune.mjs';
import { PATCHED_METHODS, PATCHES, SHIMS, STUBS, UNUSED_DEFINITIONS, UNUSED_PLUGINS } from './stanza-edits.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** What `events` resolves to, for StanzaJS and our shims: src/platform/events.ts (an ES module, SHIMS). */
const EVENTS_ID = path.join(root, 'src', 'platform', 'events.ts');

/** Our modules a shim imports (bundled into it), src/platform/events.ts excepted: that one is
 * `events`, shared with StanzaJS. */
const SHIM_PARTS = ['buffer.ts', 'stream.ts'];

/** `requires`: our modules the shim imports that replace StanzaJS files too, by the path StanzaJS requires them. */
function shimCode(file, requires = {}) {
  const entry = path.join(root, file);
  // `./events` is the `events` package's replacement: imported by that name, one copy in the script.
  const names = { './events': 'events', ...requires };
  // StanzaJS's own modules a shim imports (`stanza/...`) stay StanzaJS's: one copy in the script.
  const options = { entryPoints: [entry], bundle: true, write: false, format: 'esm', target: 'es2021', external: [...Object.keys(names), 'stanza/*'] };
  let code = buildSync(options).outputFiles[0].text;
  for (const [name, imported] of Object.entries(names)) code = code.replaceAll(` from ${JSON.stringify(name)}`, ` from ${JSON.stringify(imported)}`);
  return code;
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

/** The PATCHED_METHODS that src/ names (whole words): each would be undefined there (a test may check they are gone). */
function patchedMethodsNamed() {
  const src = path.join(root, 'src');
  const files = readdirSync(src, { recursive: true })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(src, file));
  return PATCHED_METHODS.filter((name) => files.some((file) => new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(readFileSync(file, 'utf8'))));
}
let readElsewhere;
/** A StanzaJS file's code without the methods nothing else names (build/stanza-prune.mjs). */
function withoutUnnamed(code, file) {
  readElsewhere ??= wordIndex(scannedFiles(), sourceDirs, editedCode);
  return pruneUnnamed(code, (name) => readElsewhere(name, file));
}

/**
 * The names kept of each pruned module and the methods removed from each file, sorted: the
 * tests' StanzaJS bundle is rebuilt when they change.
 */
export function keptNames() {
  const removed = [...scannedFiles()].sort().map((file) => [path.relative(stanzaDir, file), withoutUnnamed(stanzaCode(file, file), file).removed]);
  return { ...prunedNames(), ...Object.fromEntries(removed.filter(([, names]) => names.length)) };
}

let pruned;
/**
 * The names kept of each module in PRUNED_MODULES (computed once): those read by the code the
 * script loads, after the prune of unnamed methods. Constants.js first: pruned, its values are
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
  const requires = kept.map((name) => `const ${name}_1 = require("./${name}");\n`).join('');
  const list = kept.map((name) => `${name}_1.default`).join(',\n  ');
  return `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n${requires}exports.default = [\n  ${list}\n];\n`;
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

/** A rollup plugin: StanzaJS as shipped (STUBS, SHIMS, PATCHES, pruned methods), as ES modules (build/stanza-esm.mjs). */
export const stanzaBuildPlugin = {
  name: 'stanza-as-shipped',
  buildStart() {
    const named = patchedMethodsNamed();
    if (named.length) this.error(`stanza-build: ${named.join(', ')} named in src/, but removed by PATCHES`);
  },
  resolveId: {
    // Before @rollup/plugin-node-resolve, which would look for an `events` package.
    order: 'pre',
    handler: (id) => (id === 'events' ? EVENTS_ID : null),
  },
  load(id) {
    const file = id.replaceAll('\\', '/');
    for (const [pattern, code] of STUBS) if (pattern.test(file)) return code;
    for (const [pattern, shim, requires] of SHIMS) if (pattern.test(file)) return shimCode(shim, requires);
    const inStanza = file.startsWith(`${stanzaDir.replaceAll('\\', '/')}/`) && !file.includes('/stanza/node_modules/');
    if (!inStanza || !file.endsWith('.js')) return null;
    // A file the scan for names skipped would read names the pruned modules may not have.
    if (!scannedFiles().has(file)) throw new Error(`stanza-build: ${file} is loaded but not scanned (build/stanza-exports.mjs)`);
    return toEsm(withoutUnnamed(stanzaCode(id, file), file).code, path.relative(stanzaDir, id));
  },
};

/** A StanzaJS file's code as the script has it, before the prune of methods nothing names: pruned, generated, patched or as installed. */
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
  fileURLToPath(new URL('./stanza-edits.mjs', import.meta.url)),
  fileURLToPath(new URL('./stanza-definitions.mjs', import.meta.url)),
  fileURLToPath(new URL('./stanza-exports.mjs', import.meta.url)),
  fileURLToPath(new URL('./stanza-esm.mjs', import.meta.url)),
  fileURLToPath(new URL('./stanza-prune.mjs', import.meta.url)),
];
