// StanzaJS is CommonJS: `exports.childRawElement = childRawElement;` keeps a function in the
// script whether anything calls it or not (rollup cannot tree-shake a module's exports object).
// A top-level function, class or const that a StanzaJS module exports and that no other code
// names (no other StanzaJS file the script may load, nothing in src/ or test/) and that its own
// module does not use either is removed with its export, so rollup and terser drop the code;
// so is an export made by calling a factory of the module (`exports.floatAttribute =
// createAttributeType(floatParser)`: a function that only returns a function, given names or
// functions), which does nothing else.
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
 * The words of every file that may read StanzaJS's exports: `stanzaFiles` (the StanzaJS files the
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

const isExports = (node) => node?.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === 'exports';

/** `exports.a = exports.b = void 0;` -> ['a', 'b'], or undefined for any other statement. */
function voidChain(statement) {
  const names = [];
  let node = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
  while (node?.type === 'AssignmentExpression' && node.operator === '=' && isExports(node.left)) {
    names.push(node.left.property.name);
    node = node.right;
  }
  const isVoid0 = node?.type === 'UnaryExpression' && node.operator === 'void' && node.argument.type === 'Literal' && node.argument.value === 0;
  return names.length && isVoid0 ? names : undefined;
}

/** Initial values whose evaluation does nothing else (a `require` call loads a module: kept). */
const INERT = ['ArrowFunctionExpression', 'FunctionExpression', 'Literal'];

/** The name `statement` declares at the top level: a function, a class, or one const of an INERT value. */
function declared(statement) {
  if (statement.type === 'FunctionDeclaration') return statement.id.name;
  if (statement.type === 'ClassDeclaration') return [null, 'Identifier'].includes(statement.superClass?.type ?? null) ? statement.id.name : undefined;
  const [only, ...more] = statement.type === 'VariableDeclaration' ? statement.declarations : [];
  return only && !more.length && only.id.type === 'Identifier' && INERT.includes(only.init?.type) ? only.id.name : undefined;
}

/** `exports.x = x;` -> 'x'. */
function reexported(statement) {
  const node = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
  if (node?.type !== 'AssignmentExpression' || node.operator !== '=' || !isExports(node.left) || node.right.type !== 'Identifier') return undefined;
  return node.left.property.name === node.right.name ? node.right.name : undefined;
}

/** The number of times `name` occurs in `code` outside the ranges of `nodes`. */
function usesOutside(code, name, nodes) {
  return [...code.matchAll(wordPattern(name))].filter((m) => !nodes.some((node) => m.index >= node.start && m.index < node.end)).length;
}

/** `code` with each edit's range ({ start, end }) replaced by its text ('' when none); an edit
 * inside another one (a method of a class removed) goes with it. */
function edited(code, edits) {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue;
    out += code.slice(at, edit.start) + (edit.text ?? '');
    at = edit.end;
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

/** The module's top-level functions that only return a function (`function f(a, b) { return (x) => ...; }`). */
function factories(body) {
  const isFactory = (s) =>
    s.type === 'FunctionDeclaration' &&
    s.params.every((p) => p.type === 'Identifier') &&
    s.body.body.length === 1 &&
    s.body.body[0].type === 'ReturnStatement' &&
    ['ArrowFunctionExpression', 'FunctionExpression'].includes(s.body.body[0].argument?.type);
  return new Set(body.filter(isFactory).map((s) => s.id.name));
}

/** `exports.x = factory(a, b);` (a factory of the module, given names or inert values) -> 'x'. */
function madeByFactory(statement, made) {
  const node = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
  const call = node?.type === 'AssignmentExpression' && node.operator === '=' && isExports(node.left) ? node.right : undefined;
  if (call?.type !== 'CallExpression' || call.callee.type !== 'Identifier' || !made.has(call.callee.name)) return undefined;
  return call.arguments.every((arg) => arg.type === 'Identifier' || INERT.includes(arg.type)) ? node.left.property.name : undefined;
}

/** The top-level functions, classes and inert consts the module exports as themselves, and the
 * exports its factories make, as { name, nodes }. */
function exports(body) {
  const made = factories(body);
  const byFactory = body.flatMap((statement) => {
    const name = madeByFactory(statement, made);
    return name && name !== 'default' ? [{ name, nodes: [statement] }] : [];
  });
  const declarations = new Map();
  const exported = new Map();
  for (const statement of body) {
    const name = declared(statement);
    if (name) declarations.set(name, statement);
    const out = reexported(statement);
    if (out) exported.set(out, statement);
  }
  const own = [...exported]
    .filter(([name]) => name !== 'default' && declarations.has(name))
    .map(([name, statement]) => ({ name, nodes: [declarations.get(name), statement] }));
  return [...own, ...byFactory];
}

/**
 * `code` (one CommonJS module, as tsc writes them) without the exports and methods nobody names
 * (`readElsewhere(name)`: whether code outside this module may). Returns the code and the names removed.
 */
export function pruneUnnamed(code, readElsewhere) {
  const program = parseAst(code);
  const chain = program.body.find(voidChain);
  const candidates = [...exports(program.body), ...methods(program)].filter(({ name }) => !readElsewhere(name));
  const removed = new Set();
  // Removing one may leave another one unused: repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const candidate of candidates) {
      if (removed.has(candidate)) continue;
      const ignored = [...candidate.nodes, chain, ...[...removed].flatMap(({ nodes }) => nodes)].filter(Boolean);
      if (usesOutside(code, candidate.name, ignored) === 0) {
        removed.add(candidate);
        changed = true;
      }
    }
  }
  if (!removed.size) return { code, removed: [] };
  const edits = [...removed].flatMap(({ name, nodes }) =>
    nodes.map((node) => {
      if (!wordPattern(name).test(code.slice(node.start, node.end))) throw new Error(`stanza-prune: cannot place ${name}`);
      return node;
    }),
  );
  const names = new Set([...removed].map(({ name }) => name));
  if (chain) {
    const left = voidChain(chain).filter((name) => !names.has(name));
    edits.push({ start: chain.start, end: chain.end, text: left.length ? `${left.map((name) => `exports.${name} = `).join('')}void 0;` : '' });
  }
  const result = edited(code, edits);
  parseAst(result); // still a program (throws otherwise)
  return { code: result, removed: [...names].sort() };
}
