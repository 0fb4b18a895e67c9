// npm run lint: ESLint (eslint.config.js), Prettier's check (.prettierrc), the lock file's
// completeness (check-lock.mjs) and the style sheets' place (check-sheets.mjs). npm test runs it
// too and counts each of the four as one test.
// `npm run format` (--fix) fixes what the first two can fix by themselves.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingOptionals } from './check-lock.mjs';
import { sheetsOutsideTheme } from './check-sheets.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs a tool with its output shown; true when it exits 0. */
function run(name, args) {
  const r = spawnSync(bin(name), args, { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

const checks = [
  {
    name: 'eslint',
    hint: 'the problems above; `npm run format` fixes those marked fixable',
    run: () => run('eslint', ['--max-warnings', '0', '.']),
  },
  {
    name: 'prettier',
    hint: 'the files above are not formatted: `npm run format`',
    run: () => run('prettier', ['--check', '--log-level', 'warn', '.']),
  },
  {
    name: 'lock file',
    hint: 'package-lock.json lacks optional packages of other platforms: `node scripts/check-lock.mjs`',
    run: () => {
      const missing = missingOptionals();
      for (const m of missing.slice(0, 20)) console.log(`missing from package-lock.json: ${m}`);
      return missing.length === 0;
    },
  },
  {
    name: 'style sheets',
    hint: 'import each sheet named above in src/elements/theme.ts (scripts/check-sheets.mjs)',
    run: () => {
      const outside = sheetsOutsideTheme();
      for (const f of outside) console.log(`not imported by src/elements/theme.ts: ${f}`);
      return outside.length === 0;
    },
  },
];

/** Runs every check and resolves { passed, failed }; prints one line per check. */
export function lint() {
  const results = checks.map((check) => {
    console.log(`\nlint: ${check.name}…`);
    const ok = check.run();
    return { ...check, ok };
  });
  console.log('');
  for (const r of results) console.log(`lint: ${r.name} ${r.ok ? 'passed' : `FAILED (${r.hint})`}`);
  const failed = results.filter((r) => !r.ok).length;
  return { passed: results.length - failed, failed };
}

/**
 * npm run format: ESLint's fixes first (they may leave code Prettier would lay out otherwise),
 * then Prettier. Resolves false when ESLint still reports problems (it prints them).
 */
export function format() {
  const fixed = run('eslint', ['--fix', '.']);
  run('prettier', ['--write', '--log-level', 'warn', '.']);
  return fixed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--fix')) process.exit(format() ? 0 : 1);
  const { failed } = lint();
  process.exit(failed ? 1 : 0);
}
