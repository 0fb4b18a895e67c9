// The admin's part: install the plugin from the built zip, refuse bad settings, test the
// connection (each failure in words), save working settings, publish a shortcode page and a
// block page, and see the block in the block editor.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { assert, test, until } from './runner.mjs';
import { login, publishPage, saveSettings, savedOptions, screenshot, testConnection } from './helpers.mjs';
import { ADMIN, URL_BASE } from './site.mjs';

test('PHP files of the plugin pass php -l', ({ pluginDir }) => {
  const files = (function walk(dir) {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  })(pluginDir).filter((f) => f.endsWith('.php'));
  assert(files.length >= 8, `only ${files.length} PHP files found`);
  for (const f of files) execFileSync('php', ['-l', f], { stdio: 'pipe' });
});

test('the admin installs the plugin from the zip (Plugins → Add New → Upload) and activates it', async (ctx) => {
  ctx.admin = await login(ctx.browser, ADMIN.user, ADMIN.password);
  const { page } = ctx.admin;
  await page.goto(`${URL_BASE}/wp-admin/plugin-install.php?tab=upload`);
  await page.setInputFiles('#pluginzip', ctx.zip);
  await Promise.all([page.waitForURL(/update\.php/), page.click('#install-plugin-submit')]);
  await page.locator('text=Plugin installed successfully').waitFor();
  await Promise.all([page.waitForURL(/plugins\.php/), page.click('a.button-primary:has-text("Activate Plugin")')]);
  assert(
    (await page.locator('#message, .notice').allInnerTexts()).some((t) => /Plugin activated/.test(t)),
    'no "Plugin activated" notice',
  );
  assert((await page.locator('tr[data-slug="ethora-chat"].active').count()) === 1, 'Ethora Chat is not listed as active');
});

test('an unconfigured shortcode shows admins where to configure, and visitors nothing', async (ctx) => {
  ctx.pages.early = await publishPage(ctx.admin.page, 'Early chat', '[ethora_chat]');
  await ctx.admin.page.goto(ctx.pages.early.link);
  await ctx.admin.page.locator('text=Ethora Chat is not configured yet').waitFor();
  const html = await (await fetch(ctx.pages.early.link)).text();
  assert(!html.includes('not configured') && !html.includes('ethora-chat-wp'), 'a visitor sees the unconfigured notice or a chat');
});

test('the settings page refuses bad values in words and keeps the saved ones', async (ctx) => {
  const { page } = ctx.admin;
  const before = savedOptions(ctx.site);
  const notices = (
    await saveSettings(page, {
      service: 'http://chat.example.com/ws"><script>window.pwned=1</script>',
      domain: 'not a domain!',
      rooms: 'lobby, <b>x</b>@conference',
      accent: 'red;}body{display:none',
      token_ttl: '5',
      jwt_secret: 'short',
      jid_prefix: 'Wp_Bad!',
    })
  ).join('\n');
  for (const words of [
    'Chat server: enter a WebSocket address',
    'XMPP domain of WordPress users: enter a domain name',
    'Default rooms: these are not room addresses',
    'Colour accent: use the form',
    'Token lifetime: a whole number',
    'Signing key: at least 32 characters',
    'Account prefix',
  ]) {
    assert(notices.includes(words), `no "${words}" in the notices:\n${notices}`);
  }
  const after = savedOptions(ctx.site) ?? {};
  for (const key of ['service', 'domain', 'rooms', 'accent', 'token_ttl', 'jwt_secret', 'jid_prefix']) {
    assert(
      (after[key] ?? null) === (before?.[key] ?? after[key] ?? null) && !String(after[key] ?? '').includes('<'),
      `${key} was stored as ${JSON.stringify(after[key])}`,
    );
  }
  assert(notices.includes('<b>x</b>@conference'), 'the refused room is not quoted back as text');
  assert(!(await page.evaluate(() => window.pwned)) && (await page.locator('.notice b, .error b').count()) === 0, 'markup from a refused value was rendered');
});

/** A WebSocket server (RFC 6455 handshake, accepts the "xmpp" subprotocol) that answers
 *  every frame with a text that is not XMPP. */
function notXmppWebSocket() {
  return net.createServer((socket) => {
    let head = '';
    socket.on('data', (chunk) => {
      if (!head.includes('\r\n\r\n')) {
        head += chunk.toString('latin1');
        const key = /Sec-WebSocket-Key: (\S+)/i.exec(head)?.[1];
        if (!head.includes('\r\n\r\n') || !key) return;
        const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n`,
        );
        return;
      }
      const text = Buffer.from('hello, I am not XMPP');
      socket.write(Buffer.concat([Buffer.from([0x81, text.length]), text]));
    });
    socket.on('error', () => {});
  });
}

test('"Test connection" says what is wrong: unreachable, TLS, not a WebSocket, not XMPP, unknown domain', async (ctx) => {
  const { page } = ctx.admin;
  const junk = notXmppWebSocket();
  await new Promise((r) => junk.listen(0, '127.0.0.1', r));
  const http = new URL(ctx.kit.SERVICE_URL);
  const cases = [
    [{ service: 'ws://127.0.0.1:1/ws', domain: 'wp.localhost' }, /^Cannot reach 127\.0\.0\.1:1: /],
    [{ service: `wss://127.0.0.1:${http.port}/ws`, domain: 'wp.localhost' }, /secure \(TLS\) connection failed: it does not speak TLS/],
    [{ service: `ws://127.0.0.1:${new URL(URL_BASE).port}/`, domain: 'wp.localhost' }, /answered HTTP 200 instead of opening a WebSocket/],
    [{ service: `ws://127.0.0.1:${junk.address().port}/`, domain: 'wp.localhost' }, /did not answer as an XMPP server/],
    [{ service: ctx.kit.SERVICE_URL, domain: 'nowhere.localhost' }, /does not serve the domain nowhere\.localhost/],
    [{ service: ctx.kit.SERVICE_URL, domain: 'localhost', guest_mode: 'signin' }, /^Connected: the XMPP server answers for localhost/, true],
    [
      { service: ctx.kit.SERVICE_URL, domain: 'wp.localhost', guest_mode: 'guest', guest_domain: 'localhost' },
      /The guest domain localhost does not offer anonymous sign-in/,
    ],
  ];
  try {
    for (const [fields, expected, ok = false] of cases) {
      const r = await testConnection(page, fields);
      assert(expected.test(r.text), `for ${JSON.stringify(fields)} the page said: "${r.text}"`);
      assert(r.ok === ok, `"${r.text}" is shown as ${r.ok ? 'success' : 'failure'}`);
    }
  } finally {
    junk.close();
  }
  const good = await testConnection(page, { service: ctx.kit.SERVICE_URL, domain: 'wp.localhost', guest_mode: 'guest', guest_domain: 'guest.localhost' });
  assert(good.ok && /^Connected: .*wp\.localhost.*Guests can sign in anonymously on guest\.localhost/.test(good.text), `good settings: "${good.text}"`);
});

test('test connection refuses a request without the nonce or from a non-admin', async (ctx) => {
  const form = (nonce) =>
    new URLSearchParams({ action: 'ethora_chat_test_connection', _ajax_nonce: nonce, service: ctx.kit.SERVICE_URL, domain: 'wp.localhost' });
  const call = (page, nonce) =>
    page.evaluate(
      async ({ url, body }) => {
        const r = await fetch(url, { method: 'POST', body: new URLSearchParams(body) });
        return `${r.status} ${await r.text()}`;
      },
      { url: `${URL_BASE}/wp-admin/admin-ajax.php`, body: Object.fromEntries(form(nonce)) },
    );
  const noNonce = await call(ctx.admin.page, 'bad');
  assert(/^403/.test(noNonce), `a wrong nonce was answered ${noNonce}`);
  const member = await ctx.userPage(0);
  const denied = await call(member.page, 'bad');
  assert(/^403/.test(denied) && /not allowed/.test(denied), `a subscriber was answered ${denied}`);
});

test('the admin saves working settings; the secret is not shown back', async (ctx) => {
  const notices = await saveSettings(ctx.admin.page, {
    service: ctx.kit.SERVICE_URL,
    domain: 'wp.localhost',
    muc_service: 'conference.localhost',
    rooms: ctx.rooms.main,
    jwt_secret: ctx.secret,
    token_ttl: '10',
    guest_mode: 'signin',
    guest_domain: 'guest.localhost',
    accent: '#0f766e',
    jid_prefix: 'wp',
  });
  assert(notices.some((t) => /Settings saved/.test(t)) && !notices.some((t) => /enter|use the form|at least/.test(t)), `notices: ${notices.join(' | ')}`);
  const o = savedOptions(ctx.site);
  assert(
    o.service === ctx.kit.SERVICE_URL && o.domain === 'wp.localhost' && o.jwt_secret === ctx.secret && o.token_ttl === 10,
    `saved: ${JSON.stringify({ ...o, jwt_secret: '…' })}`,
  );
  const html = await ctx.admin.page.content();
  assert(!html.includes(ctx.secret), 'the settings page shows the secret');
  assert(html.includes('A key is saved (not shown)'), 'the page does not say a key is saved');
  const check = await testConnection(ctx.admin.page, {});
  assert(check.ok && /^Connected/.test(check.text), `the saved settings test as: "${check.text}"`);
  await screenshot(ctx.admin.page, 'settings', { fullPage: true });
});

test('the admin publishes a page with the shortcode and one with the block', async (ctx) => {
  ctx.pages.shortcode = await publishPage(
    ctx.admin.page,
    'Team chat',
    `<!-- wp:paragraph --><p>Talk to the team.</p><!-- /wp:paragraph -->\n[ethora_chat room="${ctx.rooms.main.split('@')[0]}" height="520px"]`,
  );
  ctx.pages.block = await publishPage(
    ctx.admin.page,
    'Block chat',
    `<!-- wp:ethora/chat {"room":"${ctx.rooms.block}","height":"460px","view":"embedded"} /-->`,
  );
  const html = await (await fetch(ctx.pages.block.link)).text();
  assert(html.includes('class="ethora-chat-signin"'), 'a visitor of the block page does not get the sign-in link');
});

test('the block editor shows the block with its options in the sidebar and a live preview', async (ctx) => {
  const { page } = ctx.admin;
  await page.goto(`${URL_BASE}/wp-admin/post.php?post=${ctx.pages.block.id}&action=edit`);
  const block = page.locator('[data-type="ethora/chat"]');
  await block.waitFor({ timeout: 30_000 });
  // The first visit opens the editor's welcome guide over everything: close it as a user would.
  const overlay = page.locator('.components-modal__screen-overlay');
  if (await overlay.count()) {
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
  }
  await page.locator('.ethora-chat-block-summary').click();
  await until(async () => (await page.locator('.ethora-chat-block-summary').innerText()).includes(ctx.rooms.block), 'the block summary does not name the room');
  const room = page.locator('.components-panel__body label:has-text("Room") + input, .components-base-control:has-text("Room") input').first();
  await until(async () => (await room.inputValue()) === ctx.rooms.block, "the sidebar has no Room field with the block's room");
  await until(
    () =>
      page.evaluate(
        (r) =>
          document.querySelector('.ethora-chat-preview ethora-chat')?.state?.rooms?.some((x) => x.jid === r) &&
          document.querySelector('.ethora-chat-preview ethora-chat').state.connection.status === 'online',
        ctx.rooms.block,
      ),
    "the preview widget did not come online in the block's room",
    30_000,
  );
  await page.waitForTimeout(500);
  await screenshot(page, 'block-editor');
});
