// Visitors who are not signed in, in each guest mode; hostile shortcode options; floating chat
// on every page.
import { assert, test, until } from './runner.mjs';
import { chatState, publishPage, saveSettings, screenshot, typeMessage, visitor, waitOnline, waitText } from './helpers.mjs';
import { URL_BASE } from './site.mjs';

test('guest mode "sign-in link": a visitor sees a link to sign in, and no chat', async (ctx) => {
  await saveSettings(ctx.admin.page, { guest_mode: 'signin' });
  const v = await visitor(ctx.browser);
  await v.page.goto(ctx.pages.shortcode.link);
  const link = v.page.locator('.ethora-chat-signin a');
  assert((await link.innerText()) === 'Sign in to chat', 'no "Sign in to chat" link');
  assert(/wp-login\.php\?redirect_to=/.test(await link.getAttribute('href')), 'the link does not lead to wp-login.php back to the page');
  assert((await v.page.locator('ethora-chat').count()) === 0, 'a chat is shown to the visitor');
  await v.context.close();
});

test('guest mode "read-only": a visitor reads the room as an anonymous guest and the server keeps them from posting', async (ctx) => {
  await saveSettings(ctx.admin.page, { guest_mode: 'readonly' });
  const page = (ctx.pages.readonly ??= await publishPage(ctx.admin.page, 'Announcements', `[ethora_chat room="${ctx.rooms.readonly}"]`));
  const v = await visitor(ctx.browser);
  await v.page.goto(page.link);
  const s = await waitOnline(v.page, ctx.rooms.readonly);
  assert(s.jid.endsWith('@guest.localhost') && s.jid !== 'guest@guest.localhost', `the reader is ${s.jid}, not an account the server made up`);
  await waitText(v.page, 'Announcement 1');
  await waitText(v.page, 'You can read this room but not post');
  assert((await v.page.locator('ethora-chat ethora-composer[disabled]').count()) === 1, 'the composer is not disabled');
  // Past the page: the widget's API sends anyway; the room must not deliver it.
  const ann = await ctx.userPage(0);
  await ann.page.goto(page.link);
  await waitOnline(ann.page, ctx.rooms.readonly);
  const sneaky = `sneaky ${Date.now()}`;
  await v.page.evaluate(({ room, text }) => document.querySelector('ethora-chat').sendMessage(room, text), { room: ctx.rooms.readonly, text: sneaky });
  await ann.page.waitForTimeout(3000);
  assert((await ann.page.locator('ethora-chat').getByText(sneaky).count()) === 0, "a read-only guest's message was delivered");
  await v.context.close();
});

test('guest mode "guest chat": a visitor picks a nickname, chats, and is shown as a guest', async (ctx) => {
  await saveSettings(ctx.admin.page, { guest_mode: 'guest' });
  const v = await visitor(ctx.browser);
  await v.page.goto(ctx.pages.shortcode.link);
  await v.page.click('.ethora-chat-guest-form button');
  assert((await v.page.locator('ethora-chat').count()) === 0, 'an empty nickname started the chat');
  const nick = 'Zoë <b>bold</b>\u202e';
  await v.page.fill('.ethora-chat-guest-form input[name="nick"]', nick);
  await v.page.click('.ethora-chat-guest-form button');
  const s = await waitOnline(v.page, ctx.rooms.main);
  assert(s.jid.endsWith('@guest.localhost') && s.jid !== 'guest@guest.localhost', `the guest is ${s.jid}, not an account the server made up`);
  const text = `Guest says hi ${Date.now()}`;
  await typeMessage(v.page, text);
  const ann = await ctx.userPage(0);
  await ann.page.goto(ctx.pages.shortcode.link);
  await waitOnline(ann.page, ctx.rooms.main);
  await waitText(ann.page, text);
  await waitText(ann.page, 'Zoë <b>bold</b> (guest)');
  assert((await ann.page.locator('ethora-chat b').count()) === 0, "the guest's nickname was rendered as HTML");
  await screenshot(ann.page, 'guest-seen-by-member');
  await v.context.close();
});

test('hostile shortcode options are replaced by safe defaults', async (ctx) => {
  const page = await publishPage(ctx.admin.page, 'Hostile', `[ethora_chat room='"><img src=x onerror=window.pwned=1>' height="1px;position:fixed" view="<b>"]`);
  const ann = await ctx.userPage(0);
  await ann.page.goto(page.link);
  const host = ann.page.locator('.ethora-chat-wp');
  assert((await host.evaluate((el) => el.style.cssText)) === 'height: 480px;', 'the height was not reset');
  const s = await waitOnline(ann.page, ctx.rooms.main);
  assert(
    s.rooms.some((r) => r.jid === ctx.rooms.main),
    'the default room was not used',
  );
  assert((await ann.page.locator('ethora-chat').getAttribute('view')) === 'embedded', 'the view was not reset');
  assert(!(await ann.page.evaluate(() => window.pwned)) && (await ann.page.locator('img[src="x"]').count()) === 0, 'markup from the shortcode ran');
});

test('floating chat on every page', async (ctx) => {
  await saveSettings(ctx.admin.page, { floating_all: true, guest_mode: 'signin' });
  const ben = await ctx.userPage(1);
  await ben.page.goto(`${URL_BASE}/`);
  await until(async () => (await ben.page.locator('ethora-chat[view="floating"]').count()) === 1, 'no floating chat on the front page');
  await ben.page.locator('ethora-chat [part="launcher"]').waitFor();
  await waitOnline(ben.page);
  await saveSettings(ctx.admin.page, { floating_all: false });
  await ben.page.goto(`${URL_BASE}/`);
  assert((await ben.page.locator('ethora-chat').count()) === 0, 'the floating chat stayed after the option was turned off');
  assert((await chatState(ben.page)) === null, 'a widget is still there');
});
