// Installs the Debian packages the dev server and browser tests need, only when missing.
// Browsers and servers come from Debian apt only (never downloaded any other way).
//   node scripts/ensure-system.mjs        -> ejabberd + chromium
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const EJABBERDCTL = '/usr/sbin/ejabberdctl';
export const CHROMIUM = '/usr/bin/chromium';
const PACKAGES = { ejabberd: EJABBERDCTL, chromium: CHROMIUM };

let aptUpdated = false; // at most one `apt-get update` per process

function sh(cmd, args, { inherit = false, env } = {}) {
  const r = spawnSync(cmd, args, { stdio: inherit ? 'inherit' : 'pipe', encoding: 'utf8', env });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

/** apt-get install -y the given packages (root only; one `apt-get update` per run). */
export async function aptInstall(packages) {
  if (!packages.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing Debian package(s): ${packages.join(', ')}. Install them as root: ` + `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    if (sh('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { inherit: true, env }).code !== 0) throw new Error('apt-get update failed');
    aptUpdated = true;
  }
  // Another apt run (e.g. a second checkout installing at the same time) holds the dpkg lock: wait for it.
  if (sh('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', ...packages], { inherit: true, env }).code !== 0) {
    throw new Error(`apt-get install -y ${packages.join(' ')} failed`);
  }
}

/** Erlang node names registered with epmd on this machine. */
export function epmdNames() {
  const r = sh('epmd', ['-names']);
  return [...r.out.matchAll(/^name (\S+) at port/gm)].map((m) => m[1]);
}

/** The Debian package may start its own ejabberd (all interfaces, ports 5222/5280):
 *  stop it (and disable it under systemd) so the project's node can use those ports. */
export async function stopPackagedEjabberd() {
  if (existsSync('/run/systemd/system')) sh('systemctl', ['disable', '--now', 'ejabberd'], { inherit: true });
  if (!epmdNames().includes('ejabberd')) return false;
  sh(EJABBERDCTL, ['stop'], { inherit: true }); // default config = the system node ejabberd@localhost
  for (let i = 0; i < 300 && epmdNames().includes('ejabberd'); i++) await new Promise((r) => setTimeout(r, 100));
  return true;
}

/** Installs ejabberd when ejabberdctl is missing. Returns true if it installed it. */
export async function ensureEjabberd() {
  if (existsSync(EJABBERDCTL)) return false;
  await aptInstall(['ejabberd']);
  await stopPackagedEjabberd();
  return true;
}

/** Installs Debian's chromium when /usr/bin/chromium is missing. Returns true if it installed it. */
export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return false;
  await aptInstall(['chromium']);
  return true;
}

/** Both packages, in one apt-get install. Returns the names of the packages it installed. */
export async function ensureSystem() {
  const missing = Object.keys(PACKAGES).filter((p) => !existsSync(PACKAGES[p]));
  await aptInstall(missing);
  if (missing.includes('ejabberd')) await stopPackagedEjabberd();
  return missing;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const installed = await ensureSystem();
    console.log(installed.length ? `installed: ${installed.join(', ')}` : 'ejabberd and chromium are already installed');
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
