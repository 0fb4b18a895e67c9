/**
 * The page's localStorage, where reading it can throw (blocked in privacy modes and sandboxed
 * frames) and so can writing (full). These never throw: a value that cannot be read is absent,
 * one that cannot be written is kept by the caller for this page only.
 */
function store(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The stored text, or null (none, or storage blocked). */
export function readStored(key: string): string | null {
  try {
    return store()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Stores the text, or the empty/removed state when `value` is undefined. */
export function writeStored(key: string, value: string | undefined): void {
  try {
    if (value === undefined) store()?.removeItem(key);
    else store()?.setItem(key, value);
  } catch {
    /* full or blocked */
  }
}
