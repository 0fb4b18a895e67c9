// A StanzaJS class method (`name() {}`) or plugin method (`client.name = function...`) stays in
// the script whether anything calls it or not: rollup tree-shakes unused exports (StanzaJS is ES
// modules in the build, build/stanza-esm.mjs), never methods. A method that no other code names
// (no other StanzaJS file the script may load, nothing in src/ or test/) and that its own module
// does not use either is removed, so rollup and terser drop its code (and what only it used).
// "Names" is a whole-word match anywhere in the text (strings and comments too): a name that
// merely appears is kept, never the other way round.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAst } from 'rollup/parseAst';

const WORD = /[A-Za-z_$][\w$]*/g;
const wordPattern = (name) => new RegExp(`(?<![\\w$])${name.replaceAll('$', '\\$')}(?![\\w$])`, 'g');

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(file));
    else if (/\.(ts|js|mjs)$/.test(entry.name)) out.push(file);
  }
  return out;
}

/**
 * The words of every file that may name a StanzaJS method: `stanzaFiles` (the StanzaJS files the
 * script may load, their code as `read(file)` gives it: as the script has it) and our sources and
 * tests (`sourceDirs`). `readElsewhere(name, file)` is true when `name` is a word of any of them but `file`.
 */
export function wordIndex(stanzaFiles, sourceDirs, read = (file) => readFileSync(file, 'utf8')) {
  const files = new Map(); // word -> number of StanzaJS files holding it
  const ours = new Set();
  for (const file of stanzaFiles) for (const word of new Set(read(file).match(WORD))) files.set(word, (files.get(word) ?? 0) + 1);
  for (const dir of sourceDirs) for (const file of sourceFiles(dir)) for (const word of readFileSync(file, 'utf8').match(WORD) ?? []) ours.add(word);
  const own = new Map();
  const wordsOf = (file) => {
    if (!own.has(file)) own.set(file, new Set(read(file).match(WORD)));
    return own.get(file);
  };
  return (name, file) => ours.has(name) || (files.get(name) ?? 0) - (wordsOf(file).has(name) ? 1 : 0) > 0;
}

/** The number of times `name` occurs in `code` outside the ranges of `nodes`. */
function usesOutside(code, name, nodes) {
  return [...code.matchAll(wordPattern(name))].filter((m) => !nodes.some((node) => m.index >= node.start && m.index < node.end)).length;
}

/** `code` without the ranges ({ start, end }) of `nodes`; a node inside another one (a method of
 * a class removed) goes with it. */
function without(code, nodes) {
  let out = '';
  let at = 0;
  for (const node of [...nodes].sort((a, b) => a.start - b.start)) {
    if (node.start < at) continue;
    out += code.slice(at, node.start);
    at = node.end;
  }
  return out + code.slice(at);
}

/** Every node under `node` (depth first). */
function* nodesUnder(node) {
  if (Array.isArray(node)) for (const child of node) yield* nodesUnder(child);
  else if (node && typeof node.type === 'string') {
    yield node;
    for (const [key, value] of Object.entries(node)) if (key !== 'start' && key !== 'end' && value && typeof value === 'object') yield* nodesUnder(value);
  }
}

/**
 * The methods `node` holds: a class's (`name() {}`, no getter, setter or computed name) and a
 * plugin's (`client.name = function...` / `= async (...) => ...`), as { name, nodes }.
 */
function methods(program) {
  const out = [];
  for (const node of nodesUnder(program)) {
    if (node.type === 'MethodDefinition' && node.kind === 'method' && !node.computed && node.key.type === 'Identifier')
      out.push({ name: `${node.key.name}`, nodes: [node] });
    const assigned = node.type === 'ExpressionStatement' ? node.expression : undefined;
    const target = assigned?.type === 'AssignmentExpression' ? assigned.left : undefined;
    const isClientMethod = target?.type === 'MemberExpression' && !target.computed && target.object.type === 'Identifier' && target.object.name === 'client';
    if (isClientMethod && ['FunctionExpression', 'ArrowFunctionExpression'].includes(assigned.right.type))
      out.push({ name: target.property.name, nodes: [node] });
  }
  return out;
}

/**
 * `code` (one CommonJS module, as tsc writes them) without the methods nobody names
 * (`readElsewhere(name)`: whether code outside this module may). Returns the code and the names removed.
 */
export function pruneUnnamed(code, readElsewhere) {
  const program = parseAst(code);
  const candidates = methods(program).filter(({ name }) => !readElsewhere(name));
  const removed = new Set();
  // Removing one may leave another one unused: repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const candidate of candidates) {
      if (removed.has(candidate)) continue;
      const ignored = [...candidate.nodes, ...[...removed].flatMap(({ nodes }) => nodes)];
      if (usesOutside(code, candidate.name, ignored) === 0) {
        removed.add(candidate);
        changed = true;
      }
    }
  }
  if (!removed.size) return { code, removed: [] };
  const cut = [...removed].flatMap(({ name, nodes }) =>
    nodes.map((node) => {
      if (!wordPattern(name).test(code.slice(node.start, node.end))) throw new Error(`stanza-prune: cannot place ${name}`);
      return node;
    }),
  );
  const result = without(code, cut);
  parseAst(result); // still a program (throws otherwise)
  return { code: result, removed: [...new Set([...removed].map(({ name }) => name))].sort() };
}
