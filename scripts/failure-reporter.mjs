// A web-test-runner reporter that writes every failed test (file, suite path, name, first error
// line) to a JSON file when the run stops. scripts/wtr-run.mjs prints them again just above the
// final summary, so a failure is named at the end of a long CI log, not only in its middle.
// Every test's duration goes to .cache/test-durations.json (slowest first).
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Walks a session's suite tree and returns "suite > test" names with their first error line. */
function failedTests(suite, trail = []) {
  const here = suite.name ? [...trail, suite.name] : trail;
  const tests = suite.tests.filter((t) => !t.passed && !t.skipped).map((t) => ({ name: [...here, t.name].join(' > '), error: firstLine(t.error?.message) }));
  return [...tests, ...suite.suites.flatMap((s) => failedTests(s, here))];
}

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);

/** Every test's duration (ms), slowest first: for finding tests close to their time limit. */
function durations(sessions) {
  const all = [];
  const walk = (suite, file, trail = []) => {
    const here = suite.name ? [...trail, suite.name] : trail;
    for (const t of suite.tests) all.push({ file, name: [...here, t.name].join(' > '), ms: Math.round(t.duration ?? 0) });
    for (const s of suite.suites) walk(s, file, here);
  };
  for (const session of sessions) if (session.testResults) walk(session.testResults, path.relative(process.cwd(), session.testFile));
  return all.sort((a, b) => b.ms - a.ms);
}

export function failureReporter(file) {
  return {
    stop({ sessions }) {
      mkdirSync('.cache', { recursive: true });
      writeFileSync('.cache/test-durations.json', JSON.stringify(durations(sessions), null, 1));
      const failures = [];
      for (const session of sessions) {
        const testFile = path.relative(process.cwd(), session.testFile);
        for (const error of session.errors ?? []) failures.push({ file: testFile, name: '(file error)', error: firstLine(error.message) });
        if (session.testResults) {
          for (const t of failedTests(session.testResults)) failures.push({ file: testFile, ...t });
        }
        if (!session.passed && !session.testResults && !(session.errors ?? []).length) {
          failures.push({ file: testFile, name: '(did not finish)', error: String(session.status) });
        }
      }
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(failures, null, 1));
    },
  };
}
