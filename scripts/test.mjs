// npm test: installs what is missing (Debian's ejabberd and Chromium), starts the local
// ejabberd with its demo data, builds the bundle, then runs every test headless in Chromium.
// Ends with the line "N passed, N failed". Extra arguments go to web-test-runner
// (e.g. npm test -- --files "test/unit/**/*.test.ts").
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ensureSystem } from './ensure-system.mjs';
import { isUp, startServer, stopServer, seed } from '../server/kit.mjs';
import { build } from './build.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await ensureSystem();
const wasUp = await isUp();
await startServer();
await seed();
build();
// Tests are type-checked too (the runner itself only strips types).
execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });

const args = process.argv.slice(2);
const child = spawn(path.join(root, 'node_modules', '.bin', 'web-test-runner'), args, {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0' },
});
let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});
const code = await new Promise((resolve) => child.on('close', resolve));
if (!wasUp) await stopServer();

// The runner's summary: "Chrome: |███| 9/9 test files | 120 passed, 0 failed". The last one counts.
// eslint-disable-next-line no-control-regex
const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
const summaries = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)];
const last = summaries[summaries.length - 1];
const passed = Number(last?.[1] ?? 0);
let failed = Number(last?.[2] ?? 0);
// A test file that cannot load or a runner error counts as a failure even without a failed test.
if (code !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
