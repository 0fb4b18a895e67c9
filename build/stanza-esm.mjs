// StanzaJS ships tsc's CommonJS only. Turned into ES modules here (after build/stanza-edits.mjs),
// rollup scope-hoists them like our own: no exports objects, `__esModule` flags or interop
// helpers in the script, and terser can inline and mangle what they export. The transform knows
// the constructs tsc writes; anything else fails the build with its file and line, so a StanzaJS
// update cannot ship code this misread.
import { parseAst } from 'rollup/parseAst';

/** tsc's interop helpers: their definitions go, and so does every call (imports are ES imports). */
const HELPER = /^__(createBinding|setModuleDefault|importStar|exportStar|importDefault)$/;
/** Calls that return what they are given when it is an ES module (all StanzaJS's modules now are). */
const IMPORT_HELPERS = ['__importDefault', '__importStar'];

const isName = (node, name) => node?.type === 'Identifier' && (name === undefined || node.name === name);
const isString = (node) => node?.type === 'Literal' && typeof node.value === 'string';
/** `require("x")` -> "x". */
const required = (node) =>
  node?.type === 'CallExpression' && isName(node.callee, 'require') && node.arguments.length === 1 && isString(node.arguments[0])
    ? node.arguments[0].value
    : undefined;
/** `require("x")`, `__importDefault(require("x"))` or `__importStar(require("x"))` -> "x". */
function importedFrom(node) {
  const wrapped = node?.type === 'CallExpression' && IMPORT_HELPERS.some((name) => isName(node.callee, name)) && node.arguments.length === 1;
  return required(wrapped ? node.arguments[0] : node);
}
/** `exports.name` (not computed) -> 'name'. */
const exportName = (node) => (node?.type === 'MemberExpression' && !node.computed && isName(node.object, 'exports') ? node.property.name : undefined);
const isVoid0 = (node) => node?.type === 'UnaryExpression' && node.operator === 'void' && node.argument.type === 'Literal' && node.argument.value === 0;

/** `var __x = (this && this.__x) || ...;` -> '__x'. */
function helperDefinition(statement) {
  const [only, ...more] = statement.type === 'VariableDeclaration' ? statement.declarations : [];
  const name = only?.id.type === 'Identifier' ? only.id.name : '';
  return !more.length && HELPER.test(name) && only.init?.type === 'LogicalExpression' && only.init.left.type === 'LogicalExpression' ? name : undefined;
}

/** `exports.a = exports.b = void 0;`: tsc's list of the exports, before any is set. */
function isVoidChain(expression) {
  let node = expression;
  while (node?.type === 'AssignmentExpression' && exportName(node.left)) node = node.right;
  return node !== expression && isVoid0(node);
}

/** `Object.defineProperty(exports, "__esModule", { value: true })`. */
const isEsModuleFlag = (node) =>
  node?.type === 'CallExpression' &&
  node.callee.type === 'MemberExpression' &&
  isName(node.callee.object, 'Object') &&
  isName(node.arguments[0], 'exports') &&
  node.arguments[1]?.value === '__esModule';

/**
 * tsc's re-export, `Object.defineProperty(exports, "N", { enumerable: true, get: function () { return M.p; } })`
 * (or `return __importDefault(M).default;`) -> { name: 'N', module: 'M', imported: 'p' }.
 */
function reexport(node) {
  const isDefine =
    node?.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    isName(node.callee.object, 'Object') &&
    node.callee.property.name === 'defineProperty';
  if (!isDefine || !isName(node.arguments[0], 'exports') || !isString(node.arguments[1]) || node.arguments[2]?.type !== 'ObjectExpression') return undefined;
  const getter = node.arguments[2].properties.find((p) => p.key?.name === 'get')?.value;
  const body = getter?.type === 'FunctionExpression' && getter.body.body.length === 1 ? getter.body.body[0] : undefined;
  const read = body?.type === 'ReturnStatement' ? body.argument : undefined;
  if (read?.type !== 'MemberExpression' || read.computed) return undefined;
  const object = read.object.type === 'CallExpression' && isName(read.object.callee, '__importDefault') ? read.object.arguments[0] : read.object;
  return isName(object) ? { name: node.arguments[1].value, module: object.name, imported: read.property.name } : undefined;
}

const FUNCTIONS = ['FunctionDeclaration', 'FunctionExpression', 'PropertyDefinition', 'StaticBlock'];

/** Every node with its parent and whether it is in a function (not an arrow), depth first; the subtrees `skip` holds are left out. */
function* walk(node, parent, skip, inFunction = false) {
  if (Array.isArray(node)) for (const child of node) yield* walk(child, parent, skip, inFunction);
  else if (node && typeof node.type === 'string' && !skip.has(node)) {
    yield [node, parent, inFunction];
    if (skip.has(node)) return; // rewritten whole by the caller
    const inside = inFunction || FUNCTIONS.includes(node.type);
    for (const [key, value] of Object.entries(node))
      if (key !== 'start' && key !== 'end' && value && typeof value === 'object') yield* walk(value, node, skip, inside);
  }
}

/** Whether the Identifier `node` (child of `parent`) names a variable, not a property. */
const isVariable = (node, parent) =>
  !(parent.type === 'MemberExpression' && parent.property === node && !parent.computed) &&
  !(['Property', 'MethodDefinition', 'PropertyDefinition'].includes(parent.type) && parent.key === node && !parent.computed && !parent.shorthand);

const validName = (name) => {
  try {
    parseAst(`var ${name};`);
    return true;
  } catch {
    return false;
  }
};

/** `code` with each edit's range ({ start, end }) replaced by its text. */
function applied(code, edits) {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start < at) throw new Error(`stanza-esm: overlapping edits at ${edit.start}`);
    out += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + code.slice(at);
}

/**
 * `code` (a StanzaJS module as tsc writes CommonJS, `file` for errors) as an ES module: requires
 * become imports, `exports.x = ...` exports, `__exportStar(require(...), exports)` `export *`.
 */
export function toEsm(code, file) {
  const program = parseAst(code);
  const fail = (node, what) => {
    const line = code.slice(0, node.start).split('\n').length;
    throw new Error(`stanza-esm: ${file}:${line}: ${what}: ${code.slice(node.start, node.end).split('\n')[0].slice(0, 100)}`);
  };
  const edits = [];
  const remove = (node) => edits.push({ start: node.start, end: node.end, text: '' });
  const replace = (node, text) => edits.push({ start: node.start, end: node.end, text });
  const skip = new Set(); // nodes already rewritten: their subtrees are not looked at again
  const imports = new Map(); // local name -> module
  const exported = new Map(); // export name -> { local, statements: [], reads: [] }
  const exportOf = (name) => exported.get(name) ?? exported.set(name, { statements: [], chained: [], reads: [] }).get(name);
  const declared = new Map(); // top-level name -> declaration kind

  for (const statement of program.body) {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
    const [only, ...more] = statement.type === 'VariableDeclaration' ? statement.declarations : [];
    const from = !more.length && isName(only?.id) ? importedFrom(only.init) : undefined;
    const star = expression?.type === 'CallExpression' && isName(expression.callee, '__exportStar') ? expression.arguments : undefined;
    const re = reexport(expression);
    if (statement.directive === 'use strict' || helperDefinition(statement) || isVoidChain(expression) || isEsModuleFlag(expression)) remove(statement);
    else if (from !== undefined) {
      imports.set(only.id.name, from);
      declared.set(only.id.name, 'import');
      replace(statement, `import * as ${only.id.name} from ${JSON.stringify(from)};`);
    } else if (required(expression) !== undefined) replace(statement, `import ${JSON.stringify(required(expression))};`);
    else if (star && star.length === 2 && isName(star[1], 'exports') && required(star[0]) !== undefined)
      replace(statement, `export * from ${JSON.stringify(required(star[0]))};`);
    else if (re && imports.has(re.module)) replace(statement, `export { ${re.imported} as ${re.name} } from ${JSON.stringify(imports.get(re.module))};`);
    else {
      if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') declared.set(statement.id.name, 'const');
      if (statement.type === 'VariableDeclaration')
        for (const declaration of statement.declarations) if (isName(declaration.id)) declared.set(declaration.id.name, statement.kind);
      if (expression?.type === 'AssignmentExpression' && expression.operator === '=' && exportName(expression.left) && !exportName(expression.right)) {
        const chained = expression.right.type === 'AssignmentExpression' && isName(expression.right.left);
        if (!chained) {
          exportOf(exportName(expression.left)).statements.push(statement);
          skip.add(expression.left);
        }
      }
      continue;
    }
    skip.add(statement);
  }

  const names = new Set(imports.keys());
  const assigned = new Set(); // variables assigned somewhere (a binding exported as itself must not change)
  for (const [node, parent, inFunction] of walk(program.body, program, skip)) {
    if (node.type === 'Identifier' && isVariable(node, parent)) {
      names.add(node.name);
      if (node.name === 'exports') fail(node, 'a use of `exports` it does not know');
      if (['require', 'module'].includes(node.name) || HELPER.test(node.name)) fail(node, `\`${node.name}\` outside an import`);
      if (parent.type === 'AssignmentExpression' && parent.left === node) assigned.add(node.name);
      if (parent.type === 'UpdateExpression') assigned.add(node.name);
    }
    if (node.type === 'ThisExpression' && !inFunction) fail(node, 'a top-level `this`');
    const name = exportName(node);
    if (name === undefined) continue;
    skip.add(node);
    const chain = parent.type === 'AssignmentExpression' && parent.left === node && parent.operator === '=' && parent.right.type === 'AssignmentExpression';
    if (chain && isName(parent.right.left)) {
      // tsc's exported enum and variable: `X || (exports.X = X = {})`, `exports.x = x += 1`.
      exportOf(name).chained.push(parent.right.left.name);
      replace(parent, code.slice(parent.right.start, parent.right.end));
    } else if (parent.type === 'AssignmentExpression' && parent.left === node) fail(node, 'an export set where it does not expect one');
    else exportOf(name).reads.push(node);
  }

  const fresh = (name) => {
    let local = name;
    for (let n = 1; names.has(local) || !validName(local); n++) local = `${name === 'default' ? '_default' : name}$${n}`;
    names.add(local);
    return local;
  };
  const specifiers = [];
  for (const [name, entry] of exported) {
    const { statements, chained, reads } = entry;
    let local;
    if (chained.length) {
      // ...and its first value, `exports.x = x;`.
      local = chained[0];
      const other = statements.find((statement) => !isName(statement.expression.right, local));
      if (other || chained.some((each) => each !== local)) fail(other ?? program, `export ${name} set in more than one way`);
      statements.forEach(remove);
    } else if (!statements.length) fail(reads[0], `export ${name} read but never set`);
    else {
      const [first] = statements;
      const right = first.expression.right;
      const kind = isName(right) ? declared.get(right.name) : undefined;
      if (statements.length === 1 && kind && (['const', 'import'].includes(kind) || !assigned.has(right.name))) {
        local = right.name;
        remove(first);
      } else {
        local = fresh(name);
        // `exports.x = value` -> `var x = value` (`x = value` again): what `value` reads is edited on its own.
        statements.forEach((statement, i) =>
          edits.push({ start: statement.start, end: statement.expression.right.start, text: `${i ? '' : 'var '}${local} = ` }),
        );
      }
    }
    for (const read of reads) replace(read, local);
    specifiers.push(local === name ? name : `${local} as ${name}`);
  }
  const tail = specifiers.length ? `\nexport { ${specifiers.join(', ')} };\n` : '';
  const result = applied(code, edits) + tail;
  parseAst(result); // an ES module (throws otherwise)
  return result;
}
