/** Waiting in tests: for what a user would see, or (rarely) for time to pass. */

/** Polls until `check` returns a truthy value (what a user would wait to see). */
export async function until<T>(check: () => T | undefined | null | false, what: string, timeout = 15000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** `until`, looking every animation frame: the first frame in which `check` holds, not a later one. */
export async function everyFrameUntil<T>(check: () => T | undefined | null | false, what: string, timeout = 15000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Lets time pass: for timers under test, or for something that must not arrive. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
