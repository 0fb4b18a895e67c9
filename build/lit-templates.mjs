// Lit's css`` and html`` templates keep their hand-made layout in the source; in the shipped
// script the layout is whitespace the browser throws away. A rollup plugin of ours (rollup.config.mjs)
// shortens the static text of the templates in our compiled modules (dist/esm):
// - css``: comments go, whitespace runs become one space, and the spaces around `{ } ; ,` and
//   after `:` go, outside quoted strings (`content: ' '` stays);
// - html`` and svg``: a whitespace run holding a line break becomes one space (what the browser
//   renders anyway: the widget has no white-space: pre element with static text); a template
//   with a <pre>, or a <textarea> with text in it, is left as written.
// Only templates whose tag is Lit's (imported from 'lit') are changed; the expressions are untouched.

/** True for a template (its static parts) whose whitespace may be content: a <pre>, or a <textarea> with text. */
export function keepsWhitespace(parts) {
  const text = parts.join('\0');
  return /<pre\b/i.test(text) || [...text.matchAll(/<textarea\b[^>]*>([^]*?)<\/textarea>/gi)].some((m) => m[1] !== '');
}

/** CSS text between two expressions, shortened (no string, comment or URL crosses an expression). */
export function minifyCss(text) {
  // Comments first, found with the strings: an apostrophe in a comment starts no string, and
  // a string's "/*" is no comment.
  const strings = /("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/;
  const uncommented = text
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\*[\s\S]*?\*\/)/)
    .map((part, i) => (i % 2 && part.startsWith('/*') ? '' : part))
    .join('');
  return uncommented
    .split(strings)
    .map((part, i) => {
      if (i % 2) return part; // a quoted string
      return part
        .replace(/\s+/g, ' ')
        .replace(/ ?([{};,]) ?/g, '$1')
        .replace(/: /g, ':');
    })
    .join('')
    .replace(/;}/g, '}');
}

/** HTML text between two expressions: a whitespace run with a line break becomes one space. */
export function minifyHtml(text) {
  return text.replace(/[ \t]*[\r\n]\s*/g, ' ');
}

/** The local names bound to Lit's css, html and svg in a module (`import { css } from 'lit'`). */
function litTags(ast) {
  const tags = new Map();
  for (const node of ast.body) {
    if (node.type !== 'ImportDeclaration' || node.source.value !== 'lit') continue;
    for (const s of node.specifiers)
      if (s.type === 'ImportSpecifier' && ['css', 'html', 'svg'].includes(s.imported.name)) tags.set(s.local.name, s.imported.name);
  }
  return tags;
}

function* nodes(node) {
  if (!node || typeof node.type !== 'string') return;
  yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) yield* nodes(child);
    else if (value && typeof value === 'object' && typeof value.type === 'string') yield* nodes(value);
  }
}

/** [start, end, text] edits for the static parts of each Lit template in `ast`. */
export function templateEdits(code, ast) {
  const tags = litTags(ast);
  if (!tags.size) return [];
  const edits = [];
  for (const node of nodes(ast)) {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || !tags.has(node.tag.name)) continue;
    const kind = tags.get(node.tag.name);
    const quasis = node.quasi.quasis;
    if (kind !== 'css' && keepsWhitespace(quasis.map((q) => q.value.raw))) continue;
    quasis.forEach((q, i) => {
      if (code.slice(q.start, q.end) !== q.value.raw) throw new Error(`lit-templates: a template's text is not where the parser says (${q.start})`);
      let text = kind === 'css' ? minifyCss(q.value.raw) : minifyHtml(q.value.raw);
      if (kind === 'css' && i === 0) text = text.trimStart();
      if (kind === 'css' && i === quasis.length - 1) text = text.trimEnd();
      if (text !== q.value.raw) edits.push([q.start, q.end, text]);
    });
  }
  return edits;
}

/** The rollup plugin; `include` tells which module ids are ours. */
export function litTemplatesPlugin(include = /[\\/]dist[\\/]esm[\\/].*\.js$/) {
  return {
    name: 'lit-templates',
    transform(code, id) {
      if (!include.test(id) || !/\b(css|html|svg)\s*`/.test(code)) return null;
      const edits = templateEdits(code, this.parse(code)).sort((a, b) => b[0] - a[0]);
      if (!edits.length) return null;
      let out = code;
      for (const [start, end, text] of edits) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}
