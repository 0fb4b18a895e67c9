// npm run test:cluster: the cluster suite (test/cluster) against the server kit's cluster profile:
// installs what is missing (ejabberd, postgresql, erlang-p1-pgsql, chromium), starts PostgreSQL
// and both nodes joined into one cluster, seeds, runs the suite headless, and stops what it
// started. Ends with the line "N passed, N failed". Extra arguments go to web-test-runner.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystem } from './ensure-system.mjs';
import { runWebTestRunner } from './wtr-run.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = { ...process.env, ETHORA_KIT_PROFILE: 'cluster' };
process.env.ETHORA_KIT_PROFILE = 'cluster'; // before the kit is loaded: it reads the profile once
const kit = await import('../server/kit.mjs');

/** Runs `npm run load` with these arguments; true when it delivered everything. */
function loadRun(args) {
  console.log(`\nload run: ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [path.join(root, 'bench', 'load.mjs'), ...args], { cwd: root, env, stdio: 'inherit' });
  console.log(`load run ${run.status === 0 ? 'passed' : `failed (exit ${run.status ?? run.signal})`}`);
  return run.status === 0;
}

const t0 = Date.now();
await ensureSystem();
await kit.ensureEjabberd();
const wasUp = (await Promise.all(kit.NODES.map((n) => kit.isUp(n)))).every(Boolean);
const started = await kit.startServer();
await kit.seed();
console.log(`cluster ${kit.NODES.map((n) => n.name).join(' + ')} up (${started.ms} ms)`);
execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });

const suite = await runWebTestRunner(['--config', 'web-test-runner.cluster.config.mjs', ...process.argv.slice(2)], env);
// A short load run (bench/load.mjs) on the same cluster, so that the load run cannot break
// silently: it passes when every message reached every other occupant and the widget kept up.
const load = loadRun(['--users', '50', '--rooms', '5', '--rate', '20', '--seconds', '10']);
if (!wasUp) await kit.stopServer();
const passed = suite.passed + (load ? 1 : 0);
const failed = suite.failed + (load ? 0 : 1);
const ok = suite.ok && load;
console.log(`cluster suite took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
