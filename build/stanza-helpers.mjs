// StanzaJS's files each carry their own copy of tsc's CommonJS helpers (__importDefault in 28
// files, __createBinding in 22, __importStar in 17...): the script needs each once. The copies
// at the top of a file that are exactly the text of stanza/index.js's (which has all five) become
// reads from one module holding that text; a file with any other helper text is left whole.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The module id of the shared helpers (an ES module whose default export is what a `require` of it
 * returns for @rollup/plugin-commonjs; resolved and loaded by stanzaBuildPlugin). */
export const HELPERS_ID = '\0stanza-ts-helpers';

const HELPER_START = /^var (__\w+) = \(this && this\.\1\) \|\| /gm;
const PROLOGUE = '"use strict";\n';

/** A file's helper definitions: [[name, text]...] and the rest of the file, or undefined. */
function splitHelpers(code) {
  if (!code.startsWith(PROLOGUE)) return undefined;
  const starts = [...code.matchAll(HELPER_START)];
  if (!starts.length || starts[0].index !== PROLOGUE.length) return undefined;
  const end = code.indexOf('Object.defineProperty(exports, "__esModule"');
  if (end < starts.at(-1).index) return undefined;
  const helpers = starts.map((m, i) => [m[1], code.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : end)]);
  return { helpers, rest: code.slice(end) };
}

let canonical;
/** name -> exact text of each helper, from stanza/index.js. */
function canonicalHelpers(stanzaDir) {
  if (!canonical) {
    const split = splitHelpers(readFileSync(path.join(stanzaDir, 'index.js'), 'utf8'));
    if (!split || split.helpers.length !== 5) throw new Error('stanza-helpers: stanza/index.js has not the five helpers it expects');
    canonical = new Map(split.helpers);
  }
  return canonical;
}

/** The shared module: the five helpers, in index.js's order (__importStar uses the first two). */
export function helpersModule(stanzaDir) {
  const helpers = canonicalHelpers(stanzaDir);
  return `${[...helpers.values()].join('')}export default { ${[...helpers.keys()].join(', ')} };\n`;
}

/** `code` with its helper copies read from the shared module, when they are all the canonical text. */
export function shareHelpers(code, stanzaDir) {
  const split = splitHelpers(code);
  if (!split) return code;
  const helpers = canonicalHelpers(stanzaDir);
  if (!split.helpers.every(([name, text]) => helpers.get(name) === text)) return code;
  const names = split.helpers.map(([name]) => name);
  return `${PROLOGUE}const { ${names.join(', ')} } = require(${JSON.stringify(HELPERS_ID)});\n${split.rest}`;
}
