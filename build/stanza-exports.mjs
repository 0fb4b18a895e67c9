// StanzaJS's Namespaces.js and Constants.js export ~300 names (the namespaces and enums of every
// XEP it knows, Jingle's included); the script keeps only the names some kept code reads. The
// kept values are computed from StanzaJS's own files (its Constants.js after our PATCHES), so they
// cannot drift from the installed version; a value that cannot be copied exactly fails the build.
import { readFileSync, readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';

/** The modules pruned: file name in StanzaJS -> the name its importers bind it to. */
export const PRUNED_MODULES = { 'Namespaces.js': 'Namespaces', 'Constants.js': 'Constants' };

function filesUnder(dir, ext, skip = () => false) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (skip(file)) continue;
    if (entry.isDirectory()) out.push(...filesUnder(file, ext, skip));
    else if (entry.name.endsWith(ext)) out.push(file);
  }
  return out;
}

/**
 * The StanzaJS files whose references count: every .js file but those the build replaces
 * (`replaced(file)`), and Jingle and the non-browser platforms, which the script never loads
 * (stanzaBuildPlugin checks that each StanzaJS file it loads was scanned here).
 */
export function scannedStanzaFiles(stanzaDir, replaced) {
  const skip = (file) => {
    const rel = path.relative(stanzaDir, file).replaceAll('\\', '/');
    return rel === 'node_modules' || rel === 'jingle' || rel === 'platform' || rel === 'index.module.js' || replaced(file.replaceAll('\\', '/'));
  };
  return filesUnder(stanzaDir, '.js', skip);
}

/**
 * Names read from `binding` (e.g. Namespaces): `Namespaces_1.NS_MUC` in StanzaJS (its code as
 * `read(file)` gives it: as the script has it), and `Stanza.Namespaces.NS_MUC` in our sources and
 * tests (`sourceDirs`, .ts files).
 */
export function referencedNames(binding, stanzaFiles, sourceDirs, read = (file) => readFileSync(file, 'utf8')) {
  const names = new Set();
  const inStanza = new RegExp(`\\b${binding}(?:_1)?\\.([A-Za-z_$][\\w$]*)`, 'g');
  for (const file of stanzaFiles) for (const m of read(file).matchAll(inStanza)) names.add(m[1]);
  const inSources = new RegExp(`\\b${binding}\\.([A-Za-z_$][\\w$]*)`, 'g');
  for (const dir of sourceDirs) for (const file of filesUnder(dir, '.ts')) for (const m of readFileSync(file, 'utf8').matchAll(inSources)) names.add(m[1]);
  return names;
}

/** Runs a CommonJS module's code and returns its exports (`modules`: what it may require). */
export function evaluate(code, modules = {}) {
  const exports = {};
  const require = (name) => {
    if (!(name in modules)) throw new Error(`stanza-exports: unexpected require("${name}")`);
    return modules[name];
  };
  new Function('exports', 'require', 'module', code)(exports, require, { exports });
  return exports;
}

function literal(name, value) {
  if (typeof value === 'function') {
    const source = value.toString();
    // A function reading other exports or module state cannot be copied alone.
    if (/\bexports\b|_1\b/.test(source)) throw new Error(`stanza-exports: ${name} depends on its module; keep the file whole`);
    return source;
  }
  const json = JSON.stringify(value);
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) throw new Error(`stanza-exports: ${name} is not plain data`);
  return json;
}

/**
 * CommonJS code exporting `names` of the module `code` (which may require the modules in
 * `modules`), each as a literal; checked by running it against the original.
 */
export function prunedModule(code, names, modules = {}) {
  const full = evaluate(code, modules);
  const kept = [...names].filter((name) => name in full).sort();
  const lines = ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });'];
  for (const name of kept) lines.push(`exports.${name} = ${literal(name, full[name])};`);
  const pruned = lines.join('\n');
  const check = evaluate(pruned);
  for (const name of kept) {
    const same = typeof full[name] === 'function' ? check[name].toString() === full[name].toString() : isDeepStrictEqual(check[name], full[name]);
    if (!same) throw new Error(`stanza-exports: ${name} differs once pruned`);
  }
  return pruned;
}
