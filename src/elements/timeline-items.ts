import type { Message } from '../state/message.js';
import { dayKey } from './text.js';

/** Messages closer than this from the same sender are shown as one group. */
const GROUP_GAP_MS = 5 * 60_000;

export type TimelineItem =
  | { kind: 'day'; key: string; time: number }
  | { kind: 'message'; key: string; message: Message; continued: boolean }
  | { kind: 'system'; key: string; message: Message }
  | { kind: 'unread'; key: string };

/** The first message from someone else newer than the read mark: where "new messages" starts. */
export function firstUnread(messages: readonly Message[], readMark: number): Message | undefined {
  return readMark > 0 ? messages.find((m) => !m.own && !m.system && m.time > readMark) : undefined;
}

/**
 * Item keys (for `repeat`) live in separate namespaces: `d:` day separators, `u:` the divider,
 * `m:` + the message key for messages and system lines. Message keys come from ids that
 * senders choose (a message may well be called "day:2025-0-15"); the timeline keeps them
 * unique among messages, and the prefixes keep them apart from everything else.
 *
 * Interleaves day separators, marks messages that continue their sender's group, and puts a
 * "new messages" divider before the message with key `dividerBefore`.
 */
export function timelineItems(messages: readonly Message[], dividerBefore?: string): TimelineItem[] {
  const items: TimelineItem[] = [];
  let prev: Message | undefined;
  let lastDay = '';
  for (const m of messages) {
    const day = dayKey(m.time);
    const newDay = lastDay !== day;
    lastDay = day;
    if (newDay) items.push({ kind: 'day', key: `d:${day}`, time: m.time });
    if (m.key === dividerBefore) {
      items.push({ kind: 'unread', key: 'u:' });
      prev = undefined;
    }
    if (m.system) {
      items.push({ kind: 'system', key: `m:${m.key}`, message: m });
      prev = undefined;
      continue;
    }
    const continued = !newDay && prev !== undefined && prev.nick === m.nick && prev.own === m.own && m.time - prev.time < GROUP_GAP_MS;
    items.push({ kind: 'message', key: `m:${m.key}`, message: m, continued });
    prev = m;
  }
  return items;
}
