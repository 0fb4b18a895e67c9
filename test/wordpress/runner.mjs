// A small sequential test runner for the WordPress suite: each test is a named async step that
// passes or throws; later steps may rely on earlier ones (a failure is reported, the run goes on).
// Ends with the summary the CI script reads: "N passed, N failed".
const tests = [];

/** Adds a test; `fn(ctx)` gets the shared context (browser, site, pages made so far). */
export function test(name, fn, { timeout = 120_000 } = {}) {
  tests.push({ name, fn, timeout });
}

/** Polls `fn` until it returns a truthy value; throws `message` (a function is called for it) on timeout. */
export async function until(fn, message, timeout = 20_000) {
  const t0 = Date.now();
  let last;
  for (;;) {
    try {
      last = await fn();
    } catch (e) {
      last = e;
    }
    if (last && !(last instanceof Error)) return last;
    if (Date.now() - t0 > timeout)
      throw new Error(`${typeof message === 'function' ? await message() : message}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs the tests in order; returns { passed, failed, failures }. */
export async function run(ctx, filter) {
  let passed = 0;
  const failures = [];
  for (const t of tests) {
    if (filter && !filter.test(t.name)) continue;
    const t0 = Date.now();
    let timer;
    try {
      await Promise.race([
        t.fn(ctx),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${t.timeout / 1000} s`)), t.timeout);
        }),
      ]);
      passed++;
      console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failures.push({ name: t.name, error: e });
      console.log(
        `  ✗ ${t.name} (${Date.now() - t0} ms)\n      ${String(e?.stack ?? e)
          .split('\n')
          .slice(0, 4)
          .join('\n      ')}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
  return { passed, failed: failures.length, failures };
}
