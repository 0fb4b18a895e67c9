import type { Message } from '../state/message.js';

/** At most this many messages are rendered, however long the loaded history is. */
export const WINDOW_MAX = 120;
/** Messages added to the window at once when the reader reaches one of its ends. */
export const WINDOW_STEP = 40;

/**
 * The part of a room's timeline that is rendered, by message key: `top` is its first message
 * (null: from the oldest loaded, so an older page that arrives is included) and `bottom` its
 * last (null: to the newest, so live messages are included).
 */
export interface TimelineWindow {
  readonly top: string | null;
  readonly bottom: string | null;
}

/** The whole timeline, as long as it fits. */
export const WHOLE: TimelineWindow = { top: null, bottom: null };

const indexOf = (messages: readonly Message[], key: string) => messages.findIndex((m) => m.key === key);

/**
 * The [start, end) of the window in this list, cut to `max` messages: from the top when
 * `keepBottom` (the reader follows the newest), else from the bottom. Also returns the window
 * as it now stands (a message of the window that went away falls back to the nearest end).
 */
export function placeWindow(
  messages: readonly Message[],
  w: TimelineWindow,
  keepBottom: boolean,
  max = WINDOW_MAX,
): { start: number; end: number; window: TimelineWindow } {
  const top = w.top === null ? 0 : indexOf(messages, w.top);
  const bottom = w.bottom === null ? -1 : indexOf(messages, w.bottom);
  let start = Math.max(0, top);
  let end = bottom < 0 ? messages.length : bottom + 1;
  if (end < start) [start, end] = [Math.max(0, end - max), messages.length];
  if (end - start > max) {
    if (keepBottom) start = end - max;
    else end = start + max;
  }
  return { start, end, window: windowOf(messages, start, end) };
}

function windowOf(messages: readonly Message[], start: number, end: number): TimelineWindow {
  return {
    top: start <= 0 ? null : messages[start].key,
    bottom: end >= messages.length ? null : messages[end - 1].key,
  };
}

/** The window with `step` older messages at its top. */
export function revealOlder(messages: readonly Message[], w: TimelineWindow, step = WINDOW_STEP): TimelineWindow {
  const { start, end } = placeWindow(messages, w, false, Infinity);
  return windowOf(messages, start - step, end);
}

/** The window with `step` newer messages at its bottom. */
export function revealNewer(messages: readonly Message[], w: TimelineWindow, step = WINDOW_STEP): TimelineWindow {
  const { start, end } = placeWindow(messages, w, true, Infinity);
  return windowOf(messages, start, end + step);
}

/** The newest `size` messages (and any that arrive). */
export function newest(messages: readonly Message[], size = WINDOW_MAX): TimelineWindow {
  return windowOf(messages, messages.length - size, messages.length);
}

/** A window around one message (a reply's original the reader jumps to). */
export function around(messages: readonly Message[], key: string, step = WINDOW_STEP): TimelineWindow {
  const at = indexOf(messages, key);
  return at < 0 ? newest(messages) : windowOf(messages, at - step, at + step + 1);
}
