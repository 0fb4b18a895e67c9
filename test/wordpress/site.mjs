// A throw-away WordPress site for the plugin's tests: Debian's `wordpress` package with its own
// MariaDB (unix socket only, data in .state/wordpress-<slot>/) and PHP's built-in server on
// 127.0.0.1:8480+slot. Debian's WordPress reads /etc/wordpress/config-<name>.php (its
// documented per-site config); the site writes its own and removes it in stop().
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall } from '../../scripts/ensure-system.mjs';
import { portOpen, SLOT } from '../../server/kit.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(path.dirname(HERE));
export const PORT = 8480 + SLOT;
export const URL_BASE = `http://127.0.0.1:${PORT}`;
const DIR = path.join(ROOT, '.state', `wordpress-${SLOT}`);
const CONTENT = path.join(DIR, 'wp-content');
const RUN = path.join(DIR, 'run');
const SOCKET = path.join(RUN, 'mysqld.sock');
const CONFIG_NAME = `ethora-test-${SLOT}`;
const CONFIG_FILE = `/etc/wordpress/config-${CONFIG_NAME}.php`;
const WP = '/usr/share/wordpress';
export const ADMIN = { user: 'admin', password: randomBytes(12).toString('base64url'), email: 'admin@example.test' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}${r.error ?? ''}`);
  return r.stdout;
}

/** Installs wordpress, mariadb-server and php-cli (with mysqli) from Debian when missing, and
 *  stops the services the packages may have started (Apache on :80, the system MariaDB). */
export async function ensurePackages() {
  const hasMysqli = existsSync('/usr/bin/php') && spawnSync('php', ['-m'], { encoding: 'utf8' }).stdout.includes('mysqli');
  const missing = [
    [`${WP}/wp-settings.php`, 'wordpress'],
    ['/usr/sbin/mariadbd', 'mariadb-server'],
    ['/usr/bin/php', 'php-cli'],
  ]
    .filter(([file]) => !existsSync(file))
    .map(([, pkg]) => pkg);
  if (!hasMysqli) missing.push('php-mysql');
  if (!missing.length) return [];
  await aptInstall([...new Set(missing)]);
  for (const service of ['apache2', 'mariadb']) spawnSync('service', [service, 'stop'], { stdio: 'ignore' });
  return missing;
}

let mariadb;
let php;

function sql(statement) {
  return sh('mariadb', ['--no-defaults', `--socket=${SOCKET}`, '-u', 'root', '-N', '-e', statement]);
}

async function startMariadb() {
  for (const d of [path.join(DIR, 'mysql'), RUN]) mkdirSync(d, { recursive: true });
  sh('chown', ['-R', 'mysql:mysql', path.join(DIR, 'mysql'), RUN]);
  sh('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${path.join(DIR, 'mysql')}`,
    '--user=mysql',
    '--auth-root-authentication-method=socket',
    '--skip-test-db',
  ]);
  mariadb = spawn(
    '/usr/sbin/mariadbd',
    [
      '--no-defaults',
      `--datadir=${path.join(DIR, 'mysql')}`,
      `--socket=${SOCKET}`,
      `--pid-file=${path.join(RUN, 'mysqld.pid')}`,
      '--skip-networking',
      '--user=mysql',
      '--innodb-buffer-pool-size=32M',
      `--log-error=${path.join(DIR, 'mariadb.err')}`,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; ; i++) {
    if (spawnSync('mariadb', ['--no-defaults', `--socket=${SOCKET}`, '-u', 'root', '-e', 'select 1'], { stdio: 'ignore' }).status === 0) break;
    if (i > 300 || mariadb.exitCode !== null) throw new Error(`MariaDB did not start: ${readFileSync(path.join(DIR, 'mariadb.err'), 'utf8').slice(-800)}`);
    await sleep(100);
  }
}

function writeConfig(dbPassword) {
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
    .map((k) => `define('${k}', '${randomBytes(32).toString('hex')}');`)
    .join('\n');
  writeFileSync(
    CONFIG_FILE,
    `<?php
// The ethora-chat WordPress test site (test/wordpress/site.mjs); removed when the tests end.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '${dbPassword}');
define('DB_HOST', 'localhost:${SOCKET}');
define('WP_HOME', '${URL_BASE}');
define('WP_SITEURL', '${URL_BASE}');
define('WP_CONTENT_DIR', '${CONTENT}');
define('WP_CONTENT_URL', '${URL_BASE}/wp-content');
define('FS_METHOD', 'direct');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '${path.join(DIR, 'debug.log')}');
${salts}
$table_prefix = 'wp_';
`,
    { mode: 0o640 },
  );
}

/** Brings up a fresh site (database, config, PHP server) and runs WordPress's installer. */
export async function start() {
  await stop();
  rmSync(DIR, { recursive: true, force: true });
  for (const d of ['plugins', 'themes', 'uploads', 'upgrade']) mkdirSync(path.join(CONTENT, d), { recursive: true });
  symlinkSync(`${WP}/wp-content/themes/twentytwentythree`, path.join(CONTENT, 'themes', 'twentytwentythree'));
  await startMariadb();
  const dbPassword = randomBytes(16).toString('hex');
  sql(`CREATE DATABASE wordpress; CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '${dbPassword}'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';`);
  writeConfig(dbPassword);
  writeFileSync(
    path.join(DIR, 'router.php'),
    readFileSync(path.join(HERE, 'router.php.tpl'), 'utf8').replaceAll('{{CONFIG}}', CONFIG_NAME).replaceAll('{{CONTENT}}', CONTENT),
  );
  if (await portOpen(PORT)) throw new Error(`127.0.0.1:${PORT} is in use: the WordPress test site needs it`);
  php = spawn('php', ['-S', `127.0.0.1:${PORT}`, '-t', WP, path.join(DIR, 'router.php')], {
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '6' },
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; !(await portOpen(PORT)); i++) {
    if (i > 100 || php.exitCode !== null) throw new Error('php -S did not start');
    await sleep(100);
  }
  const form = new URLSearchParams({
    weblog_title: 'Ethora Test Site',
    user_name: ADMIN.user,
    admin_password: ADMIN.password,
    admin_password2: ADMIN.password,
    pw_weak: '1',
    admin_email: ADMIN.email,
    blog_public: '0',
    language: '',
  });
  const res = await fetch(`${URL_BASE}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
  const html = await res.text();
  if (!res.ok || !/Success!|wp-login\.php/.test(html)) throw new Error(`WordPress install failed (${res.status}): ${html.slice(0, 500)}`);
}

/** Runs PHP with WordPress loaded (for set-up and for reading the database); returns stdout. */
export function wpPhp(code) {
  const boot = `$_SERVER['HTTP_HOST'] = '127.0.0.1:${PORT}'; $_SERVER['WORDPRESS_CONFIG'] = '${CONFIG_NAME}';
    define('WP_USE_THEMES', false); require '${WP}/wp-load.php';`;
  return sh('php', ['-r', `${boot}\n${code}`]);
}

/** Creates a user; returns its ID. */
export function createUser(login, password, displayName, role = 'subscriber') {
  const args = JSON.stringify({ user_login: login, user_pass: password, display_name: displayName, user_email: `${login}@example.test`, role });
  return Number(
    wpPhp(
      `$id = wp_insert_user(json_decode('${args.replaceAll("'", "\\'")}', true)); if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); } echo $id;`,
    ),
  );
}

/** What PHP logged (warnings, notices) while serving, or ''. */
export function debugLog() {
  const file = path.join(DIR, 'debug.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Stops PHP and MariaDB and removes the config file and the site's folder. */
export async function stop({ keep = false } = {}) {
  // php -S forks its workers: end the whole process group it leads (detached: true).
  if (php && php.exitCode === null) {
    const exited = new Promise((r) => php.once('exit', r));
    try {
      process.kill(-php.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await exited;
    for (let i = 0; i < 50 && (await portOpen(PORT)); i++) await sleep(100);
  }
  php = undefined;
  if (mariadb && mariadb.exitCode === null) {
    mariadb.kill('SIGTERM');
    await Promise.race([new Promise((r) => mariadb.once('exit', r)), sleep(20000)]);
    if (mariadb.exitCode === null) mariadb.kill('SIGKILL');
  }
  mariadb = undefined;
  rmSync(CONFIG_FILE, { force: true });
  if (!keep) rmSync(DIR, { recursive: true, force: true });
}
