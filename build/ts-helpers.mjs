// tsc writes its `__decorate` helper into every module with a decorator (19 of ours); the
// script needs it once. A rollup plugin of ours (rollup.config.mjs) replaces each copy in our
// compiled modules (dist/esm), when it is exactly the text below, by an import of one module
// that holds the same text. A tsc that writes another text leaves the copies as they are.
// Each module's member decorations of one class, one `__decorate(…)` statement per member as tsc
// writes them, become one call that makes the same calls in the same order (groupDecorations).
import { parseAst } from 'rollup/parseAst';

const VIRTUAL = '\0ethora-ts-decorate';

export const DECORATE_HELPER = `var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
`;

/** `__decorateMembers(C.prototype, [decorators], "key", …)`: `__decorate([decorators], C.prototype, "key", void 0)` for each pair, in order. */
export const MEMBERS_HELPER = `function __decorateMembers(target, ...pairs) {
    for (let i = 0; i < pairs.length; i += 2) __decorate(pairs[i], target, pairs[i + 1], void 0);
}
`;

/** `__decorate([…], C.prototype, "key", void 0);` as tsc writes it for a member -> { target: 'C.prototype', decorators, key } (source texts). */
function memberDecoration(code, statement) {
  const call = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
  if (call?.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== '__decorate' || call.arguments.length !== 4)
    return undefined;
  const [decorators, target, key, desc] = call.arguments;
  const isPrototype = target.type === 'MemberExpression' && !target.computed && target.object.type === 'Identifier' && target.property.name === 'prototype';
  const isVoid0 = desc.type === 'UnaryExpression' && desc.operator === 'void' && desc.argument.value === 0;
  if (decorators.type !== 'ArrayExpression' || !isPrototype || key.type !== 'Literal' || typeof key.value !== 'string' || !isVoid0) return undefined;
  const text = (node) => code.slice(node.start, node.end);
  return { target: text(target), decorators: text(decorators), key: text(key) };
}

/**
 * `code` with each run of consecutive member decorations of one class as one `__decorateMembers`
 * call (the decorator factories, `property()`, `state()`, `query(…)`, `consume(…)`, which only
 * make a decorator, are then all called before the first one is applied); `code` when it has none.
 */
export function groupDecorations(code) {
  const { body } = parseAst(code);
  const runs = [];
  body.forEach((statement, i) => {
    const member = memberDecoration(code, statement);
    const last = runs.at(-1);
    if (!member) return;
    if (last?.target === member.target && last.end === body[i - 1]?.end) last.members.push(member);
    else runs.push({ target: member.target, start: statement.start, members: [member] });
    runs.at(-1).end = statement.end;
  });
  let out = '';
  let at = 0;
  for (const { target, start, end, members } of runs) {
    const pairs = members.map(({ decorators, key }) => `${decorators}, ${key}`).join(', ');
    out += `${code.slice(at, start)}__decorateMembers(${target}, ${pairs});`;
    at = end;
  }
  return out + code.slice(at);
}

/** The rollup plugin; `include` tells which module ids are ours. */
export function tsHelpersPlugin(include = /[\\/]dist[\\/]esm[\\/].*\.js$/) {
  return {
    name: 'ts-helpers',
    resolveId: (id) => (id === VIRTUAL ? VIRTUAL : null),
    load: (id) => (id === VIRTUAL ? `${DECORATE_HELPER}${MEMBERS_HELPER}export { __decorate, __decorateMembers };\n` : null),
    transform(code, id) {
      if (!include.test(id) || !code.startsWith(DECORATE_HELPER)) return null;
      const grouped = groupDecorations(code.slice(DECORATE_HELPER.length));
      return { code: `import { __decorate, __decorateMembers } from '${VIRTUAL}';\n${grouped}`, map: null };
    },
  };
}
