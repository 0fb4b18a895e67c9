// Runs web-test-runner, echoing its output, and reads its summary
// ("Chrome: |███| 9/9 test files | 120 passed, 0 failed": the last one counts).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Resolves { passed, failed, ok }. A runner error without a failed test counts as one failure. */
export async function runWebTestRunner(args, env = process.env) {
  const failuresFile = path.join(tmpdir(), `ethora-failures-${process.pid}-${Date.now()}.json`);
  const child = spawn(path.join(root, 'node_modules', '.bin', 'web-test-runner'), args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...env, FORCE_COLOR: '0', ETHORA_FAILURES_FILE: failuresFile },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    output += chunk.toString();
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const summaries = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = summaries[summaries.length - 1];
  const passed = Number(last?.[1] ?? 0);
  let failed = Number(last?.[2] ?? 0);
  // A test file that cannot load or a runner error counts as a failure even without a failed test.
  if (code !== 0 && failed === 0) failed = 1;
  printFailures(failuresFile);
  return { passed, failed, ok: code === 0 && failed === 0 && passed > 0 };
}

/** Names each failed test again at the end of the log (written by scripts/failure-reporter.mjs). */
function printFailures(file) {
  if (!existsSync(file)) return;
  const failures = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  if (!failures.length) return;
  console.log(`\nFailed (${failures.length}):`);
  for (const f of failures) console.log(`  ${f.file}: ${f.name}\n    ${f.error}`);
}
