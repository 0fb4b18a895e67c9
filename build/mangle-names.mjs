// The script's private member names, shortened by terser (rollup.config.mjs: `mangle.properties`
// with an exact list). A `private` member of a class in src/ is renamed everywhere in the bundle,
// consistently, when nothing could name it from outside: every use of the name in src/ resolves
// (TypeScript's checker) to a private member, it has no decorator (Lit's reactive properties and
// context keys are strings in `__decorate`), no string in src/ holds it, and no other code that
// meets the widget names it: the libraries in the bundle, tests, benches, demo and CMS pages (a
// whole-word match anywhere, comments too). Terser never renames DOM names (its own list).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const WORD = /[A-Za-z_$][\w$]*/g;

/** Files under `dir` whose name matches `pattern` (node_modules of a package skipped). */
function filesUnder(dir, pattern) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...filesUnder(file, pattern));
    else if (entry.isFile() && pattern.test(entry.name)) out.push(file);
  }
  return out;
}

/** Code outside src/ that may name the widget's members: the bundled libraries and what drives the script. */
const OUTSIDE = [
  ['node_modules/stanza', /\.js$/],
  ['node_modules/lit', /\.js$/],
  ['node_modules/lit-html', /\.js$/],
  ['node_modules/lit-element', /\.js$/],
  ['node_modules/@lit/reactive-element', /\.js$/],
  ['node_modules/@lit/context', /\.js$/],
  ['test', /\.(ts|js|mjs|html)$/],
  ['bench', /\.(ts|js|mjs|html)$/],
  ['demo', /\.(ts|js|mjs|html|php)$/],
  ['cms', /\.(ts|js|mjs|html|php)$/],
  ['scripts', /\.(ts|js|mjs|html)$/],
];

function outsideWords() {
  const words = new Set(readFileSync(path.join(root, 'index.html'), 'utf8').match(WORD));
  for (const [dir, pattern] of OUTSIDE)
    for (const file of filesUnder(path.join(root, dir), pattern)) for (const word of readFileSync(file, 'utf8').match(WORD) ?? []) words.add(word);
  return words;
}

const isPrivate = (node) => ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Private;

/** Whether `id` names a property (not a variable, parameter, function, class or import). */
function namesProperty(id) {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) return parent.name === id;
  if (ts.isBindingElement(parent)) return parent.propertyName === id || (!parent.propertyName && ts.isObjectBindingPattern(parent.parent));
  if (ts.isParameter(parent)) return parent.name === id && ts.isParameterPropertyDeclaration(parent, parent.parent);
  return (
    (ts.isPropertyAssignment(parent) ||
      ts.isShorthandPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isGetAccessor(parent) ||
      ts.isSetAccessor(parent) ||
      ts.isEnumMember(parent)) &&
    parent.name === id
  );
}

/** The private member names of src/ that terser may rename, sorted. */
export function mangledNames() {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(config.fileNames, config.options);
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((file) => file.fileName.startsWith(path.join(root, 'src')));
  const privates = new Map(); // name -> its private declarations' symbols
  const unsafe = new Set();
  const strings = [];
  const visit = (node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) strings.push(node.text);
    const declaresMember = (ts.isClassElement(node) || ts.isParameterPropertyDeclaration(node, node.parent)) && node.name && ts.isIdentifier(node.name);
    if (declaresMember && isPrivate(node)) {
      const name = node.name.text;
      if (ts.getDecorators(node)?.length) unsafe.add(name);
      if (!privates.has(name)) privates.set(name, new Set());
      privates.get(name).add(checker.getSymbolAtLocation(node.name));
    }
    ts.forEachChild(node, visit);
  };
  for (const file of sources) visit(file);
  // A name is unsafe when any property position holding it resolves to something else than one
  // of its private declarations (another class's public member, a wire object, a library's type).
  const uses = (node) => {
    if (ts.isIdentifier(node) && privates.has(node.text) && namesProperty(node)) {
      const symbol = checker.getSymbolAtLocation(node);
      const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (!target || !privates.get(node.text).has(target)) unsafe.add(node.text);
    }
    ts.forEachChild(node, uses);
  };
  for (const file of sources) uses(file);
  const inStrings = new Set(strings.flatMap((text) => text.match(WORD) ?? []));
  const outside = outsideWords();
  return [...privates.keys()].filter((name) => !unsafe.has(name) && !inStrings.has(name) && !outside.has(name)).sort();
}
