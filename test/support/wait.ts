/** Waiting in tests: for what a user would see, or (rarely) for time to pass. */

type Check<T> = () => T | undefined | null | false;

/** Polls until `check` returns a truthy value (what a user would wait to see); `pause` between looks. */
export async function until<T>(check: Check<T>, what: string, timeout = 15000, pause: () => Promise<unknown> = () => sleep(50)): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await pause();
  }
}

/** `until`, looking every animation frame: the first frame in which `check` holds, not a later one. */
export const everyFrameUntil = <T>(check: Check<T>, what: string, timeout = 15000): Promise<T> =>
  until(check, what, timeout, () => new Promise((resolve) => requestAnimationFrame(resolve)));

/** Lets time pass: for timers under test, or for something that must not arrive. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
