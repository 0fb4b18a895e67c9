import type { Message } from '../state/message.js';
import { dayKey } from './text.js';

/** Messages closer than this from the same sender are shown as one group. */
const GROUP_GAP_MS = 5 * 60_000;

export type TimelineItem =
  | { kind: 'day'; key: string; time: number }
  | { kind: 'message'; key: string; message: Message; continued: boolean }
  | { kind: 'system'; key: string; message: Message };

/** Interleaves day separators and marks messages that continue their sender's group. */
export function timelineItems(messages: readonly Message[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  let prev: Message | undefined;
  let lastDay = '';
  for (const m of messages) {
    const day = dayKey(m.time);
    const newDay = lastDay !== day;
    lastDay = day;
    if (newDay) items.push({ kind: 'day', key: `day:${day}`, time: m.time });
    if (m.system) {
      items.push({ kind: 'system', key: m.key, message: m });
      prev = undefined;
      continue;
    }
    const continued = !newDay && prev !== undefined && prev!.nick === m.nick && prev!.own === m.own && m.time - prev!.time < GROUP_GAP_MS;
    items.push({ kind: 'message', key: m.key, message: m, continued });
    prev = m;
  }
  return items;
}
