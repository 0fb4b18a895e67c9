// npm run test:wordpress: the WordPress plugin against a real WordPress. Installs what is missing
// (Debian's ejabberd, chromium, wordpress, mariadb-server, php), starts the server kit (its JWT
// and guest hosts) and a throw-away WordPress site (test/wordpress/site.mjs), builds the plugin
// zip, and drives Chromium through test/wordpress/*.test.mjs. Stops what it started and ends
// with "N passed, N failed". `-- --grep REGEX` runs the matching tests only.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, ensureSystem } from './ensure-system.mjs';
import { build } from './build.mjs';
import { buildWordpressZip, WORDPRESS_ZIP } from './wordpress-zip.mjs';
import * as kit from '../server/kit.mjs';
import { wordpressSecret } from '../server/wordpress-hosts.mjs';
import * as site from '../test/wordpress/site.mjs';
import { login } from '../test/wordpress/helpers.mjs';
import { run } from '../test/wordpress/runner.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const grepAt = process.argv.indexOf('--grep');
const filter = grepAt > 0 ? new RegExp(process.argv[grepAt + 1], 'i') : undefined;
const t0 = Date.now();

await ensureSystem();
await site.ensurePackages();
const wasUp = await kit.isUp();
await kit.startServer();
await kit.seed();
// The bundle is built again only when a source file is newer than it (npm test builds it
// just before in CI); the plugin zip is always made from the current plugin folder.
const bundle = path.join(root, 'dist', 'ethora-chat.js');
const newest = (dir) =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)),
  );
if (!existsSync(bundle) || newest(path.join(root, 'src')) > statSync(bundle).mtimeMs) build({ quiet: true });
else buildWordpressZip();

// Rooms of this run: an open one (chat, guests), one for the block, and a moderated one where
// only members have voice (read-only guests).
const rooms = {
  main: (await kit.createRoom(kit.unique('wp-chat'), { title: 'WordPress chat' })).jid,
  block: (await kit.createRoom(kit.unique('wp-block'), { title: 'Block room' })).jid,
  readonly: (await kit.createRoom(kit.unique('wp-news'), { title: 'Announcements', options: { moderated: true, members_by_default: false } })).jid,
};
await kit.setAffiliation(rooms.readonly, 'alice', 'member');
await kit.sendRoomMessages(rooms.readonly, 'alice', 1, () => 'Announcement 1');

let result = { passed: 0, failed: 1 };
let browser;
try {
  await site.start();
  console.log(`WordPress test site up at ${site.URL_BASE} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  // The site is offline: no Gravatar images (the admin bar would ask gravatar.com for them).
  site.wpPhp(`update_option('show_avatars', 0);`);
  const users = [
    ['ann', 'Ann Author'],
    ['ben', 'Ben Builder'],
  ].map(([name, display]) => {
    const password = randomBytes(12).toString('base64url');
    return { login: name, password, id: site.createUser(name, password, display) };
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const signedIn = new Map();
  const ctx = {
    browser,
    site,
    kit,
    rooms,
    users,
    pages: {},
    zip: WORDPRESS_ZIP,
    secret: wordpressSecret(),
    pluginDir: path.join(root, 'cms', 'wordpress', 'ethora-chat'),
    /** User i signed in to WordPress in a browser context of their own (made on first use). */
    async userPage(i) {
      if (!signedIn.has(i)) signedIn.set(i, { ...users[i], ...(await login(browser, users[i].login, users[i].password)) });
      return signedIn.get(i);
    },
  };
  for (const file of ['admin', 'chat', 'guests', 'lifecycle']) await import(`../test/wordpress/${file}.test.mjs`);
  result = await run(ctx, filter);
} catch (e) {
  console.error(e);
} finally {
  await browser?.close();
  await site.stop({ keep: Boolean(process.env.KEEP_WORDPRESS) });
  if (!wasUp) await kit.stopServer();
}
console.log(`WordPress suite took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`\n${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
