// The Converse.js 14 side of the bench: the npm package's dist bundle (converse.min.js +
// converse.min.css), installed on demand into .cache/bench (never a dependency of the widget),
// configured for the same server, users and rooms (pages/converse.html). Converse renders in
// light DOM; its message list is virtualized (a window of 100 messages).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { CACHE_DIR, CONVERSE_DIST, CONVERSE_PAGE_SIZE, CONVERSE_SPEC, MANY, MUC, WS_URL } from './config.mjs';

/** Installs converse.js@14 into .cache/bench when it is missing (npm, no scripts, no save). */
export function ensureConverse(log = console.log) {
  if (existsSync(`${CONVERSE_DIST}/converse.min.js`)) return false;
  log(`installing ${CONVERSE_SPEC} into ${CACHE_DIR} (not a dependency of the widget)…`);
  execFileSync('npm', ['install', '--prefix', CACHE_DIR, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', CONVERSE_SPEC], {
    stdio: 'inherit',
    timeout: 300_000,
  });
  if (!existsSync(`${CONVERSE_DIST}/converse.min.js`)) throw new Error(`${CONVERSE_SPEC} did not install ${CONVERSE_DIST}/converse.min.js`);
  return true;
}

export const converse = {
  id: 'converse',
  label: 'Converse.js 14',
  messageSelector: 'converse-chat-message',
  markers: { login: '<success' },
  url(base, { user, rooms = [], many = false }) {
    const q = new URLSearchParams({ service: WS_URL, jid: `${user}@localhost`, password: user, rooms: rooms.join(','), page: String(CONVERSE_PAGE_SIZE) });
    if (many) q.set('many', `${MANY.prefix}:${MANY.count}:${MUC}`);
    return `${base}/bench/pages/converse.html?${q}`;
  },
  root: () => document.querySelector('converse-root') ?? document.getElementById('conversejs'),
  /** The scroller of the open room's messages (flex column-reverse: the top is a negative scrollTop). */
  timeline: () => [...document.querySelectorAll('converse-muc .chat-content__messages')].find((el) => el.offsetParent) ?? null,
  messageText: (el) => el.textContent,
  listCount: () => document.querySelectorAll('converse-rooms-list .list-item').length,
  listScroller: () => {
    // The nearest scrollable ancestor of the rooms list.
    for (let el = document.querySelector('converse-rooms-list'); el; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight) return el;
    }
    return document.querySelector('converse-rooms-list');
  },
  logout: async (page) => {
    await page.evaluate(() => Promise.race([window.__converse?.api.user.logout(), new Promise((r) => setTimeout(r, 2000))]));
  },
};
