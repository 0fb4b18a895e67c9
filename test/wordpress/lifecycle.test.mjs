// Deactivation and uninstall leave the site working; uninstall removes the plugin's option only.
import { assert, test, until } from './runner.mjs';
import { URL_BASE } from './site.mjs';

const optionNames = (site) =>
  JSON.parse(
    site.wpPhp(
      `global $wpdb; echo wp_json_encode($wpdb->get_col("SELECT option_name FROM $wpdb->options WHERE option_name NOT LIKE '%transient%' ORDER BY option_name"));`,
    ),
  );
const pageCount = (site) => Number(site.wpPhp(`echo wp_count_posts('page')->publish;`));

test('deactivating leaves the site working (pages answer, no chat script)', async (ctx) => {
  const { page } = ctx.admin;
  await page.goto(`${URL_BASE}/wp-admin/plugins.php`);
  await Promise.all([page.waitForURL(/plugins\.php\?.*deactivate/), page.click('tr[data-slug="ethora-chat"] .deactivate a')]);
  for (const link of [`${URL_BASE}/`, ctx.pages.shortcode.link, ctx.pages.block.link]) {
    const res = await fetch(link);
    const html = await res.text();
    assert(
      res.status === 200 && !html.includes('ethora-chat.js') && !/Fatal error|Warning:/.test(html),
      `${link} answered ${res.status} or still loads the chat`,
    );
  }
});

test('uninstalling (Delete) removes ethora_chat_options and nothing else', async (ctx) => {
  const { page } = ctx.admin;
  const before = optionNames(ctx.site);
  const pages = pageCount(ctx.site);
  assert(before.includes('ethora_chat_options'), 'the option is not there before uninstall');
  await page.goto(`${URL_BASE}/wp-admin/plugins.php`);
  page.once('dialog', (d) => d.accept());
  await page.click('tr[data-slug="ethora-chat"] .delete a');
  await until(
    async () => (await page.locator('tr[data-slug="ethora-chat"]').count()) === 0 || /deleted/i.test(await page.locator('body').innerText()),
    'the plugin was not deleted',
    30_000,
  );
  const after = optionNames(ctx.site);
  assert(!after.includes('ethora_chat_options'), 'the option is still there');
  const lost = before.filter((n) => n !== 'ethora_chat_options' && !after.includes(n));
  assert(lost.length === 0, `uninstall removed other options: ${lost.join(', ')}`);
  assert(pageCount(ctx.site) === pages, 'pages were removed');
  for (const link of [`${URL_BASE}/`, ctx.pages.shortcode.link, `${URL_BASE}/wp-admin/`]) {
    const res = await page.request.get(link);
    assert(res.status() === 200, `${link} answered ${res.status()} after uninstall`);
  }
  assert(ctx.site.wpPhp(`echo is_dir(WP_PLUGIN_DIR . '/ethora-chat') ? 'yes' : 'no';`) === 'no', 'the plugin folder is still there');
});

test('PHP logged no warning or notice from the plugin', (ctx) => {
  const log = ctx.site.debugLog();
  const ours = log.split('\n').filter((l) => /ethora-chat/.test(l));
  assert(ours.length === 0, `PHP log:\n${ours.slice(0, 10).join('\n')}`);
});
