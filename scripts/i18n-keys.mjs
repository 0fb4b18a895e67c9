// Lists the English UI texts the source asks to translate: t('…'), i18n.t('…'), n('one', 'other', …)
// and texts marked for later translation with /* i18n */ '…'. Writes .cache/i18n-keys.json for the
// catalogue test (test/unit/i18n/catalogues.test.ts); `node scripts/i18n-keys.mjs` prints them.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const LITERAL = /'((?:[^'\\]|\\.)*)'/g;
const MARKED = /\/\* i18n \*\/\s*'((?:[^'\\]|\\.)*)'/g;

/** The first argument of each t(…) call (all its literals: `t(busy ? 'Saving…' : 'Save')`), and
 *  the second of each n('one', 'other', …) (the plural form is the key). */
function callKeys(text, keys) {
  for (const m of text.matchAll(/\b(t|n|line)\(/g)) {
    let depth = 0;
    let arg = 0;
    let i = m.index + m[0].length;
    const args = [''];
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "'") {
        const lit = /^'(?:[^'\\]|\\.)*'/.exec(text.slice(i));
        if (!lit) break;
        args[arg] += lit[0];
        i += lit[0].length - 1;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) {
        args[++arg] = '';
        continue;
      }
      args[arg] += c;
    }
    const source = m[1] === 'n' ? (args[1] ?? '') : args[0];
    for (const lit of source.matchAll(LITERAL)) {
      // `t(kind === 'edit' ? 'Save' : 'Send')`: a compared literal is not a text.
      if (/[!=]==\s*$/.test(source.slice(0, lit.index))) continue;
      keys.add(lit[1].replace(/\\'/g, "'"));
    }
  }
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

export function i18nKeys() {
  const keys = new Set();
  for (const file of files(path.join(root, 'src'))) {
    if (file.includes(`${path.sep}i18n${path.sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    callKeys(text, keys);
    for (const m of text.matchAll(MARKED)) keys.add(m[1].replace(/\\'/g, "'"));
  }
  keys.delete('');
  return [...keys].sort();
}

export function writeI18nKeys() {
  mkdirSync(path.join(root, '.cache'), { recursive: true });
  writeFileSync(path.join(root, '.cache', 'i18n-keys.json'), JSON.stringify(i18nKeys(), null, 1));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(i18nKeys().join('\n'));
