import { XmppError } from '../protocol/errors.js';

/**
 * Runs a request, and again after a timeout: a busy server (just after thousands of room
 * presences, say) may take longer than one IQ's timeout. Other errors are final at once.
 * `pause` (ms) grows with each attempt.
 */
export async function patiently<T>(ask: () => Promise<T>, attempts = 3, pause = 1000): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ask();
    } catch (err) {
      if (attempt >= attempts || !(err instanceof XmppError && err.condition === 'timeout')) throw err;
      await new Promise((resolve) => setTimeout(resolve, pause * attempt));
    }
  }
}
