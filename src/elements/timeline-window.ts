import { PAGE_SIZE } from '../session/history.js';
import type { Message } from '../state/message.js';

/** At most this many messages are rendered, however long the loaded history is. */
export const WINDOW_MAX = 120;
/** Messages added to the window at once when the reader reaches one of its ends. */
export const WINDOW_STEP = 40;
/** Messages rendered for the first time in one update while the window follows the newest ones. */
export const RENDER_STEP = 16;
/**
 * Messages rendered at once while a room has nothing rendered yet: its first page (a history
 * page, or what the device's cache holds of it) shows whole in its first paint.
 */
export const FIRST_STEP = PAGE_SIZE;

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

/** Where a message is, searched from the newest: the window is mostly near them, however long the timeline. */
function indexOf(messages: readonly Message[], key: string): number {
  let i = messages.length;
  while (i-- > 0 && messages[i].key !== key);
  return i;
}

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

/**
 * Where a window [start, end) that follows the newest messages starts in this update, when at
 * most `step` of its messages may be rendered for the first time (`was`: what the last update
 * rendered, as indices in this list; undefined when none of it is left). The newest come first: a
 * burst renders its newest `step`, dropping what was rendered above them. Messages held above
 * fill in `step` at a time, in updates that `fill` (none while new ones keep arriving: what would
 * fill in above would be dropped again by the next step). Each update's work stays small however
 * many messages arrived since the last frame.
 */
export function steppedStart(start: number, end: number, was: { start: number; end: number } | undefined, step = RENDER_STEP, fill = true): number {
  const from = was ? Math.max(start, Math.min(was.start, end)) : end;
  const to = was ? Math.min(end, Math.max(was.end, start)) : end;
  const below = end - (to > from ? to : end);
  if (to <= from || below >= step) return Math.max(start, end - step);
  return below || !fill ? from : from - Math.min(from - start, step);
}
