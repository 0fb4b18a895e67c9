// Single sign-on: two WordPress users chat through the widget with no XMPP password typed; the
// token route's rules (nonce, sign-in, stable account, lifetime); an expired token is refused.
import { createRequire } from 'node:module';
import { assert, test, until } from './runner.mjs';
import { chatState, restNonce, screenshot, typeMessage, waitOnline, waitText } from './helpers.mjs';
import { URL_BASE } from './site.mjs';

const require = createRequire(import.meta.url);
const XMPP = require('stanza');

/** Signs in over XMPP from Node with `password`: 'ok' or 'refused'. */
function xmppLogin(service, jid, password) {
  const client = XMPP.createClient({ jid, password, transports: { websocket: service, bosh: false } });
  return new Promise((resolve) => {
    const done = (r) => {
      clearTimeout(timer);
      client.disconnect();
      resolve(r);
    };
    const timer = setTimeout(() => done('timeout'), 10_000);
    client.on('session:started', () => done('ok'));
    client.on('auth:failed', () => done('refused'));
    client.connect();
  });
}

/** POST /ethora-chat/v1/token from the page, with the given nonce (undefined: the user's own). */
async function tokenFrom(page, nonce) {
  const n = nonce ?? (await restNonce(page));
  return page.evaluate(
    async ({ base, n }) => {
      const r = await fetch(`${base}/?rest_route=/ethora-chat/v1/token`, { method: 'POST', credentials: 'same-origin', headers: n ? { 'X-WP-Nonce': n } : {} });
      return { status: r.status, cache: r.headers.get('cache-control'), body: await r.json() };
    },
    { base: URL_BASE, n },
  );
}

const claims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

test('two WordPress users chat through the widget, signed in by the site (no XMPP password typed)', async (ctx) => {
  const [ann, ben] = [await ctx.userPage(0), await ctx.userPage(1)];
  const elsewhere = [];
  ann.page.on('request', (r) => {
    if (!r.url().startsWith(`${URL_BASE}/`) && !r.url().startsWith('data:')) elsewhere.push(r.url());
  });
  for (const u of [ann, ben]) {
    await u.page.goto(ctx.pages.shortcode.link);
    const s = await waitOnline(u.page, ctx.rooms.main);
    assert(s.jid === `wp-${u.id}@wp.localhost`, `${u.login} is signed in as ${s.jid}`);
    assert((await u.page.locator('ethora-chat ethora-login').count()) === 0, 'a sign-in form is shown');
    assert((await u.page.locator('ethora-chat[password], ethora-chat[jid]').count()) === 0, 'the element carries a jid or password attribute');
  }
  const accent = await ann.page.locator('ethora-chat').evaluate((el) => getComputedStyle(el).getPropertyValue('--ethora-color-accent').trim());
  assert(accent === '#0f766e', `the accent colour setting did not reach the widget: ${accent}`);
  const hello = `Hello Ben, from Ann ${Date.now()}`;
  await typeMessage(ann.page, hello);
  await waitText(ben.page, hello);
  await waitText(ben.page, 'Ann Author');
  const reply = `Hi Ann ${Date.now()}`;
  await typeMessage(ben.page, reply);
  await waitText(ann.page, reply);
  await screenshot(ann.page, 'page-with-chat');
  assert(elsewhere.length === 0, `the page fetched from elsewhere: ${elsewhere.slice(0, 5).join(' ')}`);
  const src = await ann.page.locator('script[src*="ethora-chat.js"]').getAttribute('src');
  assert(src.startsWith(`${URL_BASE}/wp-content/plugins/ethora-chat/assets/ethora-chat.js`), `the widget comes from ${src}`);
});

test('no token or secret is in the page, its storage or its element; the token is fetched per connect', async (ctx) => {
  const ann = await ctx.userPage(0);
  const html = await (await ann.context.request.get(ctx.pages.shortcode.link)).text();
  assert(html.includes('ethora-chat-wp') && !/eyJ[\w-]+\.eyJ/.test(html) && !html.includes(ctx.secret), 'the page source has a token or the secret');
  const stored = await ann.page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.documentElement.outerHTML]));
  assert(!/eyJ[\w-]+\.eyJ/.test(stored) && !stored.includes(ctx.secret), 'a token is in the DOM, localStorage or sessionStorage');
  const tokens = [];
  ann.page.on('response', (r) => {
    if (r.url().includes('ethora-chat%2Fv1%2Ftoken') || r.url().includes('ethora-chat/v1/token')) tokens.push(r.status());
  });
  await ann.page.evaluate(async () => {
    const c = document.querySelector('ethora-chat');
    await c.disconnect();
    await c.connect();
  });
  await waitOnline(ann.page, ctx.rooms.main);
  await until(() => tokens.length >= 1, 'reconnecting did not ask the token route again');
  assert(
    tokens.every((s) => s === 200),
    `token answers: ${tokens}`,
  );
});

test('the token route: signed-in user and nonce required; account from the user ID, stable across renames', async (ctx) => {
  const ann = await ctx.userPage(0);
  const ok = await tokenFrom(ann.page);
  assert(ok.status === 200 && /no-store/.test(ok.cache), `token answer ${ok.status} ${ok.cache}`);
  const c = claims(ok.body.token);
  assert(c.jid === `wp-${ann.id}@wp.localhost` && ok.body.jid === c.jid && c.exp - c.iat === 10, `claims ${JSON.stringify(c)}`);
  assert((await tokenFrom(ann.page, 'not-a-nonce')).status === 403, 'a wrong nonce got a token');
  const noNonce = await ann.page.evaluate(
    async (base) => (await fetch(`${base}/?rest_route=/ethora-chat/v1/token`, { method: 'POST', credentials: 'same-origin' })).status,
    URL_BASE,
  );
  assert(noNonce === 401, `without a nonce: ${noNonce}`);
  const anon = await fetch(`${URL_BASE}/?rest_route=/ethora-chat/v1/token`, { method: 'POST' });
  assert(anon.status === 401, `a visitor got ${anon.status}`);
  ctx.site.wpPhp(`wp_update_user(array('ID' => ${ann.id}, 'display_name' => 'Ann Renamed', 'user_email' => 'renamed-${ann.id}@example.test'));`);
  const again = await tokenFrom(ann.page);
  assert(claims(again.body.token).jid === c.jid, 'the account changed with the name');
  ctx.site.wpPhp(`wp_update_user(array('ID' => ${ann.id}, 'display_name' => 'Ann Author'));`);
});

test(
  "an expired token replayed is refused by ejabberd; a fresh one, a forged one and another user's are checked",
  async (ctx) => {
    const ann = await ctx.userPage(0);
    const ben = await ctx.userPage(1);
    const { body } = await tokenFrom(ann.page);
    const fresh = await xmppLogin(ctx.kit.SERVICE_URL, body.jid, body.token);
    assert(fresh === 'ok', `a fresh token was ${fresh}`);
    const forgedClaims = Buffer.from(JSON.stringify({ ...claims(body.token), jid: `wp-${ben.id}@wp.localhost` })).toString('base64url');
    const [h, , sig] = body.token.split('.');
    assert((await xmppLogin(ctx.kit.SERVICE_URL, `wp-${ben.id}@wp.localhost`, `${h}.${forgedClaims}.${sig}`)) === 'refused', 'a forged token was accepted');
    assert((await xmppLogin(ctx.kit.SERVICE_URL, `wp-${ben.id}@wp.localhost`, body.token)) === 'refused', "Ann's token signed Ben in");
    const wait = body.expires * 1000 - Date.now() + 1500;
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    const replay = await xmppLogin(ctx.kit.SERVICE_URL, body.jid, body.token);
    assert(replay === 'refused', `the expired token was ${replay}`);
    const s = await chatState(ann.page);
    assert(s.connection.status === 'online', 'the widget went offline when its first token expired');
  },
  { timeout: 60_000 },
);

test("the block page: the widget joins the block's room as the user", async (ctx) => {
  const ben = await ctx.userPage(1);
  await ben.page.goto(ctx.pages.block.link);
  const s = await waitOnline(ben.page, ctx.rooms.block);
  assert(s.jid === `wp-${ben.id}@wp.localhost`, `signed in as ${s.jid}`);
  const height = await ben.page.locator('.ethora-chat-wp').evaluate((el) => el.style.height);
  assert(height === '460px', `the block's height is ${height}`);
});
