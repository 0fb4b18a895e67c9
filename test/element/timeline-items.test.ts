import { expect } from '@open-wc/testing';
import { timelineItems } from '../../src/elements/timeline-items.js';
import { dayKey } from '../../src/elements/text.js';
import type { Message } from '../../src/state/message.js';

const T = Date.UTC(2026, 0, 15, 12);
const msg = (key: string, extra: Partial<Message> = {}): Message => ({
  key,
  room: 'r@c.x',
  nick: 'mallory',
  senderName: 'Mallory',
  body: key,
  time: T,
  status: 'sent',
  own: false,
  ...extra,
});

describe('timeline items', () => {
  it('keys of days, the divider and system lines cannot collide with message keys chosen by senders', () => {
    // Senders choose message ids: here every other item's key, as it would be without prefixes.
    const day = dayKey(T);
    const messages = [msg(`day:${day}`), msg(`d:${day}`), msg('unread-divider'), msg('u:'), msg('m:x'), msg('x', { system: true }), msg('system:1')];
    const items = timelineItems(messages, 'unread-divider');
    const keys = items.map((i) => i.key);
    expect(new Set(keys).size, keys.join(' | ')).to.equal(keys.length);
    expect(items.map((i) => i.kind)).to.deep.equal(['day', 'message', 'message', 'unread', 'message', 'message', 'message', 'system', 'message']);
  });
});
