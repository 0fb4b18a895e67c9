// npm test: installs what is missing (Debian's ejabberd and Chromium), starts the local
// ejabberd with its demo data, builds the bundle, then runs every test headless in Chromium.
// Ends with the line "N passed, N failed". Extra arguments go to web-test-runner
// (e.g. npm test -- --files "test/unit/**/*.test.ts").
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ensureSystem } from './ensure-system.mjs';
import { isUp, startServer, stopServer, seed } from '../server/kit.mjs';
import { build } from './build.mjs';
import { writeI18nKeys } from './i18n-keys.mjs';
import { runWebTestRunner } from './wtr-run.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await ensureSystem();
const wasUp = await isUp();
await startServer();
await seed();
build();
// The UI texts the source asks to translate, for the catalogue test.
writeI18nKeys();
// Tests are type-checked too (the runner itself only strips types).
execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });

const { passed, failed, ok } = await runWebTestRunner(process.argv.slice(2));
if (!wasUp) await stopServer();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
