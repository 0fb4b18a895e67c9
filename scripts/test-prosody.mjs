// npm run test:prosody: the core integration tests against Prosody instead of ejabberd (the server
// kit's prosody profile: Debian's Prosody 0.12): installs what is missing (prosody, prosody-modules,
// chromium), starts the kit's own Prosody process and seeds it, runs the suite headless
// (web-test-runner.prosody.config.mjs), and stops what it started. Ends with the line
// "N passed, N failed". Extra arguments go to web-test-runner.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-system.mjs';
import { runWebTestRunner } from './wtr-run.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = { ...process.env, ETHORA_KIT_PROFILE: 'prosody' };
process.env.ETHORA_KIT_PROFILE = 'prosody'; // before the kit is loaded: it reads the profile once
const kit = await import('../server/kit.mjs');

const t0 = Date.now();
await ensureChromium();
await kit.ensureServer();
const wasUp = await kit.isUp();
const started = await kit.startServer();
await kit.seed();
console.log(`Prosody up at ${kit.SERVICE_URL} (${started.started ? `${started.ms} ms` : 'already running'})`);
execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });

const { passed, failed, ok } = await runWebTestRunner(['--config', 'web-test-runner.prosody.config.mjs', ...process.argv.slice(2)], env);
if (!wasUp) await kit.stopServer();
console.log(`Prosody suite took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
