// The script's size budget: what an English page downloads, dist/ethora-chat.js (and its ES
// module twin, dist/ethora-chat.mjs), gzip -9. npm test counts this check as one test, as it
// counts the lint checks; `node scripts/size-budget.mjs` runs it alone on the built files.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Bytes, gzip -9: the one place the budget is written (the README quotes it). */
export const SIZE_BUDGET = 102_130;
const SHIPPED = ['dist/ethora-chat.js', 'dist/ethora-chat.mjs'];

/** Prints each file's size against the budget; resolves { passed, failed } (one test). */
export function checkSize() {
  const over = [];
  for (const file of SHIPPED) {
    const bytes = readFileSync(path.join(root, file));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    console.log(`size: ${file} ${gzip} bytes gzip (${bytes.length} raw), budget ${SIZE_BUDGET}`);
    if (gzip > SIZE_BUDGET) over.push(file);
  }
  if (over.length) console.log(`size: FAILED, over the budget: ${over.join(', ')} (scripts/size-budget.mjs)`);
  return { passed: over.length ? 0 : 1, failed: over.length ? 1 : 0 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(checkSize().failed ? 1 : 0);
