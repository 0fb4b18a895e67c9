// StanzaJS definition files the widget uses only in part keep only the definitions it reads or
// writes (a definition of their `Protocol` list costs its code whether any stanza has it or not).
// A removed definition's element no longer parses: a stanza carrying it still does, without it.
import { parseAst } from 'rollup/parseAst';

/**
 * [definition file in stanza/protocol, its kept definitions, each `NAMESPACE element` (the
 * constant its `namespace:` names and its `element:`) or `helper()` (a definition made by a JXT
 * helper, as `extendMessage({...})`)].
 * XEP-0060: the widget reads and writes PEP items, XEP-0402 bookmarks (src/protocol/bookmarks.ts:
 * `<pubsub>` with `<items>` or `<publish>`, their `<item>`s, and the publish-options form);
 * pubsub#owner, subscriptions, node configuration, pubsub#event notifications and pubsub error
 * conditions are read by nothing (MucSub's events are parsed by src/protocol/definitions.ts).
 * XEP-0004: data forms without XEP-0122 validation, which nothing reads.
 * RFC 6121: messages and presences without the roster and its stream features: the widget never
 * asks for the roster, so the server sends it no roster push either.
 */
export const KEPT_DEFINITIONS = {
  xep0060: ['NS_PUBSUB pubsub', 'NS_PUBSUB publish', 'NS_PUBSUB items', 'NS_PUBSUB item'],
  xep0004: ['NS_DATAFORM x', 'NS_DATAFORM field', 'NS_DATAFORM option', 'NS_DATAFORM item'],
  rfc6121: ['extendMessage()', 'extendPresence()'],
};

/** `NAMESPACE element` of an object definition, `helper()` of one a JXT helper makes; undefined for anything else. */
function signature(node) {
  if (node?.type === 'CallExpression') {
    // tsc writes `(0, jxt_1.extendMessage)({...})`.
    const callee = node.callee.type === 'SequenceExpression' ? node.callee.expressions.at(-1) : node.callee;
    return callee.type === 'MemberExpression' && !callee.computed ? `${callee.property.name}()` : undefined;
  }
  if (node?.type !== 'ObjectExpression') return undefined;
  const value = (key) => node.properties.find((p) => p.type === 'Property' && !p.computed && p.key.name === key)?.value;
  const [namespace, element] = [value('namespace'), value('element')];
  if (namespace?.type !== 'MemberExpression' || namespace.computed || element?.type !== 'Literal') return undefined;
  return `${namespace.property.name} ${element.value}`;
}

const isRequire = (init) => init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
const uses = (code, name) => code.match(new RegExp(`(?<![\\w$])${name.replaceAll('$', '\\$')}(?![\\w$])`, 'g'))?.length ?? 0;

/** Without its top-level consts (not a `require`) that nothing else in the code reads, repeated until none is left. */
function withoutUnusedConsts(code) {
  for (;;) {
    const unused = parseAst(code).body.find((s) => {
      const [only, ...more] = s.type === 'VariableDeclaration' ? s.declarations : [];
      return only && !more.length && only.id.type === 'Identifier' && !isRequire(only.init) && uses(code, only.id.name) === 1;
    });
    if (!unused) return code;
    code = code.slice(0, unused.start) + code.slice(unused.end);
  }
}

/**
 * The definition file `code` (stanza/protocol/`name`.js) with only the definitions KEPT_DEFINITIONS
 * lists for it; each must be there once, or the build fails (a StanzaJS update that changes them).
 */
export function keptDefinitions(code, name) {
  const kept = KEPT_DEFINITIONS[name];
  const declaration = parseAst(code).body.find((s) => s.type === 'VariableDeclaration' && s.declarations[0]?.id.name === 'Protocol');
  const list = declaration?.declarations[0].init;
  if (list?.type !== 'ArrayExpression') throw new Error(`stanza-definitions: protocol/${name}.js has no Protocol list`);
  const keep = list.elements.filter((node) => kept.includes(signature(node)));
  for (const wanted of kept) {
    const found = keep.filter((node) => signature(node) === wanted).length;
    if (found !== 1) throw new Error(`stanza-definitions: protocol/${name}.js has ${found} definitions "${wanted}"`);
  }
  const array = `[\n${keep.map((node) => `    ${code.slice(node.start, node.end)}`).join(',\n')}\n]`;
  const result = withoutUnusedConsts(code.slice(0, list.start) + array + code.slice(list.end));
  parseAst(result); // still a program (throws otherwise)
  return result;
}
