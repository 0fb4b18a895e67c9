// npm test: installs what is missing (Debian's ejabberd and Chromium), starts the local
// ejabberd with its demo data, builds the bundle, checks its size budget (one test), lints
// (ESLint, Prettier, the lock file, the style sheets: four tests), then runs every test headless in Chromium.
// Ends with the line "N passed, N failed".
// Extra arguments go to web-test-runner (e.g. npm test -- --files "test/unit/**/*.test.ts");
// such a subset run skips the lint (`npm run lint` runs it alone), not the size check.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ensureSystem } from './ensure-system.mjs';
import { isUp, startServer, stopServer, seed } from '../server/kit.mjs';
import { build } from './build.mjs';
import { writeI18nKeys } from './i18n-keys.mjs';
import { lint } from './lint.mjs';
import { checkSize } from './size-budget.mjs';
import { runWebTestRunner } from './wtr-run.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await ensureSystem();
const wasUp = await isUp();
await startServer();
await seed();
build();
// What an English page downloads, against the budget (scripts/size-budget.mjs).
const sized = checkSize();
// The UI texts the source asks to translate, for the catalogue test.
writeI18nKeys();
// Tests are type-checked too (the runner itself only strips types).
execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
const args = process.argv.slice(2);
const subset = args.some((a) => a === '--files' || a.startsWith('--files='));
if (subset) console.log('lint: skipped (a subset of the tests; `npm run lint` runs it)');
const linted = subset ? { passed: 0, failed: 0 } : lint();

const run = await runWebTestRunner(args);
if (!wasUp) await stopServer();
const passed = run.passed + linted.passed + sized.passed;
const failed = run.failed + linted.failed + sized.failed;
if (sized.failed) console.log('\nsize: the script is over its budget (see "size:" above)');
if (linted.failed) console.log(`\nlint: ${linted.failed} of ${linted.passed + linted.failed} checks failed (see "lint:" above; \`npm run lint\` repeats them)`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(run.ok && !linted.failed && !sized.failed ? 0 : 1);
