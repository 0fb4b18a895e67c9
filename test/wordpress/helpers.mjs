// Browser helpers for the WordPress suite (Playwright on Debian's Chromium; open shadow roots
// are pierced by Playwright's CSS locators).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, until } from './runner.mjs';
import { URL_BASE } from './site.mjs';

const ROOT = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
export const SHOTS = path.join(ROOT, '.cache', 'wordpress');

/**
 * A new browser context signed in to WordPress as `user` through wp-login.php. A sign-in that does
 * not reach wp-admin is tried once more, said on stderr (once in six CI runs the admin's stayed on
 * wp-login.php for 30 s, and every later test needs it); what the page showed each time is kept in
 * the error when both fail.
 */
export async function login(browser, user, password) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const failures = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    await page.goto(`${URL_BASE}/wp-login.php`);
    await page.fill('#user_login', user);
    await page.fill('#user_pass', password);
    try {
      await Promise.all([page.waitForURL(/wp-admin/, { timeout: 20_000 }), page.click('#wp-submit')]);
      return { context, page };
    } catch (e) {
      const said = await page
        .locator('#login_error')
        .innerText({ timeout: 1000 })
        .catch(() => '');
      const shot = await screenshot(page, `login-${user}-${attempt}`).catch(() => 'none');
      failures.push(`attempt ${attempt}: ${e.message.split('\n')[0]} at ${page.url()}${said ? `, the page said "${said.trim()}"` : ''} (screenshot ${shot})`);
      console.error(`WordPress sign-in as ${user} failed: ${failures.at(-1)}`);
    }
  }
  await context.close();
  throw new Error(`could not sign in to WordPress as ${user}: ${failures.join('; ')}`);
}

/** A context for a visitor who is not signed in. */
export async function visitor(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

export async function screenshot(page, name, options = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** Opens Settings → Ethora Chat, sets the given fields (text by id; booleans tick checkboxes;
 *  choices by select), submits, and returns the notices WordPress shows after saving. */
export async function saveSettings(page, values) {
  await page.goto(`${URL_BASE}/wp-admin/options-general.php?page=ethora-chat`);
  for (const [key, value] of Object.entries(values)) {
    const field = page.locator(`[name="ethora_chat_options[${key}]"]`);
    const tag = await field.evaluate((el) => `${el.tagName}:${el.type}`);
    if (tag === 'SELECT:select-one') await field.selectOption(String(value));
    else if (tag.endsWith(':checkbox')) await field.setChecked(Boolean(value));
    else await field.fill(String(value));
  }
  await Promise.all([page.waitForURL(/settings-updated|options-general/), page.click('#submit')]);
  await page.waitForLoadState('domcontentloaded');
  return page.locator('.notice, .error, .updated').allInnerTexts();
}

/** The saved option as WordPress has it (null when absent). */
export function savedOptions(site) {
  return JSON.parse(site.wpPhp(`echo wp_json_encode(get_option('ethora_chat_options', null));`));
}

/** Clicks "Test connection" with the form's current values; returns the sentence shown. */
export async function testConnection(page, fields) {
  await page.goto(`${URL_BASE}/wp-admin/options-general.php?page=ethora-chat`);
  for (const [key, value] of Object.entries(fields)) {
    const field = page.locator(`#ethora-chat-${key}`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.click('#ethora-chat-test');
  const out = page.locator('#ethora-chat-test-result');
  await until(
    async () => !(await page.locator('#ethora-chat-test').isDisabled()) && (await out.innerText()) !== '',
    'the test connection result never came',
    30_000,
  );
  return { text: await out.innerText(), ok: (await out.getAttribute('class')) === 'ethora-chat-ok' };
}

/** The REST API nonce of the signed-in user (WordPress's own admin-ajax action). */
export async function restNonce(page) {
  return page.evaluate(async (base) => (await fetch(`${base}/wp-admin/admin-ajax.php?action=rest-nonce`, { credentials: 'same-origin' })).text(), URL_BASE);
}

/** Publishes a page through the REST API as the signed-in admin; returns { id, link }. */
export async function publishPage(page, title, content) {
  const nonce = await restNonce(page);
  const res = await page.evaluate(
    async ({ base, nonce, title, content }) => {
      const r = await fetch(`${base}/?rest_route=/wp/v2/pages`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-WP-Nonce': nonce, 'content-type': 'application/json' },
        body: JSON.stringify({ title, content, status: 'publish' }),
      });
      return { status: r.status, body: await r.json() };
    },
    { base: URL_BASE, nonce, title, content },
  );
  assert(res.status === 201, `publishing "${title}" answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return { id: res.body.id, link: res.body.link };
}

/** The first <ethora-chat>'s state (or null). */
export function chatState(page, index = 0) {
  return page.evaluate((i) => {
    const chat = document.querySelectorAll('ethora-chat')[i];
    return chat ? JSON.parse(JSON.stringify(chat.state)) : null;
  }, index);
}

/** Waits until the widget is online and has joined `room` (when given). */
export async function waitOnline(page, room) {
  return until(
    async () => {
      const s = await chatState(page);
      return s?.connection.status === 'online' && (!room || s.rooms.some((r) => r.jid === room)) && s;
    },
    async () => `the widget did not come online${room ? ` in ${room}` : ''}: ${JSON.stringify(await chatState(page).catch(() => null))}`,
    30_000,
  );
}

/** Types a message in the open room's composer and sends it with Enter. */
export async function typeMessage(page, text) {
  const input = page.locator('ethora-chat textarea[part="input"]').first();
  await until(async () => (await input.isEnabled()) && input, 'the composer is not enabled');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until the page shows `text` inside the widget. */
export async function waitText(page, text, timeout = 20_000) {
  const loc = page.locator('ethora-chat').getByText(text, { exact: false }).first();
  await loc.waitFor({ timeout });
  return loc;
}
