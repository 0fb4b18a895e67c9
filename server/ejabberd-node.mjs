// One ejabberd node of a kit profile on disk: its state folder, its ejabberd.yml rendered from
// the template, its ejabberdctl settings, and ejabberdctl itself with every path flag
// (server/kit.mjs starts, stops and clusters the nodes).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EJABBERDCTL } from '../scripts/ensure-system.mjs';
import { buildModules, moduleNames, modulesHash } from './modules.mjs';
import { run } from './processes.mjs';
import { stateSecret } from './secrets.mjs';
import { sqlConfig } from './postgres.mjs';
import { sqliteConfig } from './sqlite.mjs';
import { writeWordpressJwk } from './wordpress-hosts.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const configOf = (n) => path.join(n.stateDir, 'ejabberd.yml');
export const logOf = (n) => path.join(n.stateDir, 'logs', 'ejabberd.log');

/** The last lines of node `n`'s log, for an error message. */
export function logTail(n, lines = 15) {
  try {
    return readFileSync(logOf(n), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log file)';
  }
}

/** ejabberdctl with every path flag for node `n`: without --ctl-config the /etc one would override --config. */
export function ctl(n, ...args) {
  const flags = ['--config', configOf(n), '--ctl-config', path.join(n.stateDir, 'ejabberdctl.cfg')];
  flags.push('--spool', path.join(n.stateDir, 'spool'), '--logs', path.join(n.stateDir, 'logs'), '--node', n.name);
  return run(EJABBERDCTL, [...flags, ...args]);
}

/** The profile's secrets live in its first node's state folder (a cluster's nodes share them). */
export const profileSecret = (profile, name) => stateSecret(profile.nodes[0].stateDir, name);

/** Where the push and stats modules POST (server/receiver.mjs): beside the first node's ports. */
export const receiverPort = (profile) => profile.nodes[0].httpPort + 8;

/** Where node `n` loads the kit's compiled modules (server/modules.mjs) from. */
const modulesEbin = (n) => path.join(n.stateDir, 'modules', modulesHash());

/** ejabberdctl settings of the profile's nodes (passed with --ctl-config: without it ejabberdctl sources
 *  /etc/ejabberd/ejabberdctl.cfg, which overrides --config): no crash dumps, Erlang distribution on
 *  loopback only, the state folder's own random cookie, our modules' beams on the code path, and for the SQL profiles their own distribution
 *  port window, so these nodes meet no other node. */
function ctlConfig(profile, n) {
  return `ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1} -setcookie ${profileSecret(profile, 'erlang-cookie')} -pa ${modulesEbin(n)}"
ERL_EPMD_ADDRESS=127.0.0.1
${profile.distPorts ? `FIREWALL_WINDOW=${profile.distPorts.join('-')}\n` : ''}`;
}

/** Options of the kit's modules (JSON is YAML): push and stats POST to the kit's receiver. */
function moduleOptions(profile) {
  const receiver = `http://127.0.0.1:${receiverPort(profile)}`;
  const token = profileSecret(profile, 'hook-token');
  return {
    mod_ethora_push: { url: `${receiver}/push`, token, project: 'ethora-kit' },
    mod_ethora_stats: { url: `${receiver}/stats`, token },
    mod_ethora_ban: { access_all: 'ethora_ban_all' },
  };
}

/** The node's ejabberd.yml, rendered from the template: our modules enabled (the build's hash on
 *  top, so a running node with older module code counts as differently configured), and SQL
 *  storage: the profile's PostgreSQL, or SQLite in the state folder. */
export function renderConfig(profile, n) {
  const template = readFileSync(path.join(HERE, 'ejabberd.yml.template'), 'utf8');
  const options = moduleOptions(profile);
  const yml = `# server/modules build ${modulesHash()}\n${template}`
    .replaceAll('{{STATE}}', n.stateDir)
    .replaceAll('{{HTTP_PORT}}', String(n.httpPort))
    .replaceAll('{{C2S_PORT}}', String(n.c2sPort))
    .replace(
      '{{ETHORA_MODULES}}',
      moduleNames()
        .map((m) => `  ${m}: ${JSON.stringify(options[m] ?? {})}`)
        .join('\n'),
    );
  return profile.postgres ? sqlConfig(yml, profile.postgres) : sqliteConfig(yml, n.stateDir);
}

/** Writes node `n`'s config and state folders; as root the node runs as user ejabberd, which must own them. */
export async function prepareState(profile, n) {
  const dir = n.stateDir;
  for (const d of ['spool', 'logs', 'upload']) mkdirSync(path.join(dir, d), { recursive: true });
  // Owner only: the database (password hashes), the secrets and the uploads are nobody else's.
  chmodSync(dir, 0o700);
  await buildModules(dir);
  writeFileSync(configOf(n), renderConfig(profile, n));
  // 0600: it holds the cookie (ejabberdctl sources it as root, then runs the node as user ejabberd).
  writeFileSync(path.join(dir, 'ejabberdctl.cfg'), ctlConfig(profile, n), { mode: 0o600 });
  chmodSync(path.join(dir, 'ejabberdctl.cfg'), 0o600);
  writeWordpressJwk(dir); // the template's jwt_key (WordPress hosts)
  if (process.getuid?.() !== 0) return;
  const chown = await run('chown', ['-R', 'ejabberd:ejabberd', dir]);
  if (chown.code !== 0) throw new Error(`chown of ${dir} failed: ${chown.out}`);
  const access = await run('runuser', ['-u', 'ejabberd', '--', 'test', '-w', path.join(dir, 'spool')]);
  if (access.code !== 0) throw new Error(`user ejabberd cannot write ${dir} (is a parent folder not world-executable?)`);
}
