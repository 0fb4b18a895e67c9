// Every element style sheet (src/elements/*.styles.ts) must be imported by theme.ts: a module
// is laid out where it is first imported, and gzip compresses the sheets best side by side
// (theme.ts says why). A sheet only its element imports still works, but costs bytes; this
// check (one of npm run lint's) names it. `node scripts/check-sheets.mjs` runs it alone.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const elements = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'src', 'elements');

/** The sheets in src/elements that theme.ts does not import (file names). */
export function sheetsOutsideTheme() {
  const theme = readFileSync(path.join(elements, 'theme.ts'), 'utf8');
  const imported = new Set([...theme.matchAll(/^import '\.\/([\w-]+)\.styles\.js';$/gm)].map((m) => `${m[1]}.styles.ts`));
  return readdirSync(elements).filter((f) => f.endsWith('.styles.ts') && !imported.has(f));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outside = sheetsOutsideTheme();
  for (const f of outside) console.log(`not imported by src/elements/theme.ts: ${f}`);
  process.exit(outside.length ? 1 : 0);
}
