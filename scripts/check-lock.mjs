// Checks that package-lock.json lists every optional dependency of every package it locks, for
// all platforms (rollup's @rollup/rollup-<os>-<cpu>, esbuild's @esbuild/<os>-<cpu>, …). A lock
// written against a registry that served only this platform's builds lacks the others, and
// `npm ci` then fails on a fresh clone elsewhere. `node scripts/check-lock.mjs` prints what is missing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The optional dependencies the lock file does not list, as "dependent -> name@range". */
export function missingOptionals(lockFile = path.join(root, 'package-lock.json')) {
  const packages = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
  const missing = [];
  for (const [at, entry] of Object.entries(packages)) {
    for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
      if (!resolves(packages, at, name)) missing.push(`${at || '(root)'} -> ${name}@${range}`);
    }
  }
  return missing;
}

/** Node's lookup: node_modules/<name> beside `at`, then in each enclosing node_modules up to the root. */
function resolves(packages, at, name) {
  for (let base = at; ;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const up = base.lastIndexOf('/node_modules/');
    base = up < 0 ? '' : base.slice(0, up);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missing = missingOptionals();
  for (const m of missing) console.log(`missing from package-lock.json: ${m}`);
  console.log(
    missing.length
      ? `${missing.length} optional packages missing (regenerate the lock against the full registry)`
      : 'package-lock.json lists every optional package',
  );
  process.exit(missing.length ? 1 : 0);
}
