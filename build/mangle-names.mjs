// The script's internal member names, shortened by terser (rollup.config.mjs: `mangle.properties`
// with an exact list). A member name of src/ is renamed everywhere in the bundle, consistently,
// when nothing could name it from outside. Its declarations are members of classes, each
// `private`, `protected` or of an internal class (not exported by src/index.ts, not a custom
// element, not a base of these: its members are documented nowhere), or methods of interfaces no
// export's or public class's members hold (never an interface's or object literal's field: those
// may describe JSON or stored records; a page may pass objects of its own for a public
// interface). Every use of the name in src/ resolves (TypeScript's checker) to such a member (in an
// object literal: the member of the type it is written for; `ns.name` on a namespace import of
// src/ is the function itself, no property); it has no decorator (Lit's reactive properties and
// context keys are strings in `__decorate`), no string in src/ holds it, and no other code that
// meets the widget names it: the libraries in the bundle, TypeScript's declarations of the browser
// and the language, tests, benches, demo and CMS pages and README.md (a whole-word match
// anywhere, comments too). Terser never renames DOM names (its own list).
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
  ['node_modules/punycode', /\.js$/],
  ['test', /\.(ts|js|mjs|html)$/],
  ['bench', /\.(ts|js|mjs|html)$/],
  ['demo', /\.(ts|js|mjs|html|php)$/],
  ['cms', /\.(ts|js|mjs|html|php)$/],
  ['scripts', /\.(ts|js|mjs|html)$/],
];

/** The words of those files, of index.html and README.md. */
function outsideWords() {
  const words = new Set();
  for (const file of ['index.html', 'README.md']) for (const word of readFileSync(path.join(root, file), 'utf8').match(WORD)) words.add(word);
  for (const [dir, pattern] of OUTSIDE)
    for (const file of filesUnder(path.join(root, dir), pattern)) for (const word of readFileSync(file, 'utf8').match(WORD) ?? []) words.add(word);
  return words;
}

const HIDDEN = ts.ModifierFlags.Private | ts.ModifierFlags.Protected;
const isHidden = (node) => ts.getCombinedModifierFlags(node) & HIDDEN;

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

/**
 * The class and interface declarations of src/ whose public members a page can name. Public
 * classes: those src/index.ts exports, the custom elements, and their bases. Public interfaces:
 * those a public class's or an export's public members hold in their types (properties,
 * parameters, results, type arguments), transitively through interfaces and public classes: a
 * page may pass objects of its own for them. Another class reached so is internal: its members
 * are not documented and keep no names.
 */
function publicDeclarations(program, checker, inSrc, index) {
  const classes = new Set();
  const isElement = (type) =>
    checker.getBaseTypes(type).some((base) => base.symbol?.name === 'HTMLElement' || (base.objectFlags & ts.ObjectFlags.ClassOrInterface && isElement(base)));
  const addClass = (type) => {
    for (const node of type.symbol?.declarations?.filter(inSrc) ?? []) if (ts.isClassLike(node)) classes.add(node);
    if (type.objectFlags & ts.ObjectFlags.ClassOrInterface) checker.getBaseTypes(type).forEach(addClass);
  };
  const entry = checker.getSymbolAtLocation(index);
  const exports = (entry ? checker.getExportsOfModule(entry) : []).map((symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
  );
  for (const symbol of exports) if (symbol.flags & ts.SymbolFlags.Class) addClass(checker.getDeclaredTypeOfSymbol(symbol));
  const elements = [];
  const visit = (node) => {
    const type = ts.isClassLike(node) && checker.getTypeAtLocation(node);
    if (type && type.objectFlags & ts.ObjectFlags.ClassOrInterface && isElement(type)) elements.push(type);
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (inSrc(file)) visit(file);
  elements.forEach(addClass);
  const declarations = new Set(classes);
  const seen = new Set();
  const walk = (type) => {
    if (!type || seen.has(type)) return;
    seen.add(type);
    if (type.isUnionOrIntersection()) return type.types.forEach(walk);
    if (type.objectFlags & ts.ObjectFlags.Reference) checker.getTypeArguments(type).forEach(walk);
    const own = type.symbol?.declarations?.filter(inSrc) ?? [];
    // A library's or the DOM's type: only its type arguments (above); an internal class: nothing.
    if (!own.length || own.some((node) => ts.isClassLike(node) && !classes.has(node))) return;
    for (const node of own) if (ts.isInterfaceDeclaration(node)) declarations.add(node);
    if (type.objectFlags & ts.ObjectFlags.ClassOrInterface) checker.getBaseTypes(type).forEach(walk);
    for (const member of checker.getPropertiesOfType(type)) if (!member.declarations?.some(isHidden)) walk(checker.getTypeOfSymbol(member));
    for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
      for (const parameter of signature.parameters) walk(checker.getTypeOfSymbol(parameter));
      walk(signature.getReturnType());
    }
  };
  for (const symbol of exports) {
    walk(checker.getTypeOfSymbol(symbol));
    walk(checker.getDeclaredTypeOfSymbol(symbol));
  }
  elements.forEach(walk);
  return declarations;
}

/**
 * Whether `id` is `ns.name` on a namespace import of a module of src/: rollup makes it the
 * function or constant itself, no property (and would name the key of a namespace object it made
 * as terser renames every access).
 */
function namesExport(checker, id, inSrc) {
  if (!ts.isPropertyAccessExpression(id.parent) || id.parent.name !== id) return false;
  const left = checker.getSymbolAtLocation(id.parent.expression);
  const module = left && left.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(left) : undefined;
  return Boolean(module && module.flags & ts.SymbolFlags.ValueModule && module.declarations?.every((node) => ts.isSourceFile(node) && inSrc(node)));
}

/** The member `id` names; in an object literal, the member of the type it is written for. */
function memberSymbol(checker, id) {
  const symbol = checker.getSymbolAtLocation(id);
  const literal = id.parent.parent;
  if (
    !ts.isObjectLiteralExpression(literal) ||
    !(ts.isPropertyAssignment(id.parent) || ts.isMethodDeclaration(id.parent) || ts.isShorthandPropertyAssignment(id.parent))
  )
    return symbol;
  const contextual = checker.getContextualType(literal);
  return (contextual && !contextual.isUnion() && checker.getPropertyOfType(contextual, id.text)) || symbol;
}

/**
 * The member names of the program's files under `srcDir` that terser may rename, sorted: the
 * entry module is `srcDir`/index.ts; `outside` holds the words code outside src/ may use.
 */
export function namesToMangle(program, srcDir, outside) {
  const checker = program.getTypeChecker();
  const inSrc = (node) => node.getSourceFile().fileName.startsWith(srcDir + path.sep);
  const sources = program.getSourceFiles().filter(inSrc);
  // The names the browser itself may call or read (a listener object's handleEvent, toJSON, then…).
  outside = new Set(outside);
  for (const file of program.getSourceFiles()) if (program.isSourceFileDefaultLibrary(file)) for (const word of file.text.match(WORD) ?? []) outside.add(word);
  const reachable = publicDeclarations(program, checker, inSrc, program.getSourceFile(path.join(srcDir, 'index.ts')));
  // A class member that is private, protected or of an internal class; an interface's method
  // (never a field: JSON and stored records hold fields) of an internal interface.
  const internalMember = (node) => {
    if (ts.isParameterPropertyDeclaration(node, node.parent)) return isHidden(node) || !reachable.has(node.parent.parent);
    if (ts.isClassElement(node) && ts.isClassLike(node.parent)) return isHidden(node) || !reachable.has(node.parent);
    const method = ts.isMethodSignature(node) || (ts.isPropertySignature(node) && node.type && ts.isFunctionTypeNode(node.type));
    return method && ts.isInterfaceDeclaration(node.parent) && !reachable.has(node.parent);
  };
  const internal = new Map(); // name -> its internal declarations' symbols
  const unsafe = new Set();
  const strings = [];
  const visit = (node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) strings.push(node.text);
    if (node.name && ts.isIdentifier(node.name) && internalMember(node)) {
      const name = node.name.text;
      if (ts.getDecorators(node)?.length) unsafe.add(name);
      if (!internal.has(name)) internal.set(name, new Set());
      internal.get(name).add(checker.getSymbolAtLocation(node.name));
    }
    ts.forEachChild(node, visit);
  };
  for (const file of sources) visit(file);
  // A name is unsafe when any property position holding it resolves to something else than one
  // of its internal declarations (a public member, a wire object, a library's type, an interface).
  const uses = (node) => {
    if (ts.isIdentifier(node) && internal.has(node.text) && namesProperty(node) && !namesExport(checker, node, inSrc)) {
      const symbol = memberSymbol(checker, node);
      const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (!target || !internal.get(node.text).has(target)) unsafe.add(node.text);
    }
    ts.forEachChild(node, uses);
  };
  for (const file of sources) uses(file);
  const inStrings = new Set(strings.flatMap((text) => text.match(WORD) ?? []));
  return [...internal.keys()].filter((name) => !unsafe.has(name) && !inStrings.has(name) && !outside.has(name)).sort();
}

/** The internal member names of src/ that terser may rename, sorted. */
export function mangledNames() {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(config.fileNames, config.options);
  return namesToMangle(program, path.join(root, 'src'), outsideWords());
}
