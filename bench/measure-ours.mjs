// The ethora-chat side of the bench: how to embed it in the bench page and where its parts are
// (shadow DOM: every lookup goes through open shadow roots). The scenarios (scenarios.mjs) use it.
import { WS_URL } from './config.mjs';

export const ours = {
  id: 'ours',
  label: 'ethora-chat',
  messageSelector: 'ethora-message',
  /** WebSocket frames whose first arrival the page records. */
  markers: { login: '<success', list: '<subscriptions' }, // the MucSub subscription list (the IQ result)
  /** Page URL for a user; `rooms` = rooms to open (the attribute), none for the MucSub user. */
  url(base, { user, rooms = [] }) {
    const q = new URLSearchParams({ service: WS_URL, jid: `${user}@localhost`, password: user, rooms: rooms.join(' ') });
    return `${base}/bench/pages/ours.html?${q}`;
  },
  // In-page functions (run with window.__bench available).
  root: () => document.querySelector('ethora-chat'),
  timeline: () => window.__bench.deep('[part=timeline]'),
  /** Text of one rendered message element (its body is in its shadow root). */
  messageText: (el) => (el.shadowRoot ?? el).textContent,
  listCount: () => {
    const list = window.__bench.deep('ethora-room-list');
    return list?.shadowRoot ? list.shadowRoot.querySelectorAll('li').length : 0;
  },
  listScroller: () => window.__bench.deep('ethora-room-list'),
  /** Ends the XMPP session cleanly (removing the element stops its session). */
  logout: async (page) => {
    await page.evaluate(() => document.querySelector('ethora-chat')?.remove());
  },
};
