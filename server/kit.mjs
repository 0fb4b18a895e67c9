// Local ejabberd "server kit": runs a project-owned ejabberd node on loopback for development
// and tests, and seeds demo users/rooms through the admin HTTP API.
//   node server/kit.mjs start|stop|restart|status|seed [--profile default|postgres|cluster|prosody]
// The profile (server/profiles.mjs; also ETHORA_KIT_PROFILE) picks the nodes and the storage; the
// prosody profile runs Prosody instead of ejabberd (server/prosody.mjs, server/prosody-data.mjs).
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EJABBERDCTL, ensureEjabberd as ensureEjabberdPackage } from '../scripts/ensure-system.mjs';
import { buildModules, moduleNames, modulesHash } from './modules.mjs';
import { ensurePostgresPackages, postgres, sqlConfig } from './postgres.mjs';
import { profileName, profileSpec } from './profiles.mjs';
import * as ejabberdData from './kit-data.mjs';
import * as prosody from './prosody.mjs';
import * as prosodyData from './prosody-data.mjs';
import { API_ADMIN, apiAuthorization, stateSecret } from './secrets.mjs';
import { ensureSqlitePackages, sqliteConfig } from './sqlite.mjs';
import { writeWordpressJwk } from './wordpress-hosts.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(HERE);
// ETHORA_KIT_SLOT=n (1..9) runs an independent node beside the default one (slot 0): its own name,
// state folder and ports (HTTP 5280+10n, c2s 5222+10n), e.g. for two checkouts testing at once.
export const SLOT = Number(process.env.ETHORA_KIT_SLOT || 0);
if (!Number.isInteger(SLOT) || SLOT < 0 || SLOT > 9) throw new Error(`ETHORA_KIT_SLOT must be 0..9, not ${process.env.ETHORA_KIT_SLOT}`);
export const PROFILE = profileSpec(profileName(), SLOT);
/** Which server the profile runs: 'ejabberd' or 'prosody'. */
export const SERVER = PROFILE.server;
const PROSODY = SERVER === 'prosody';
/** The profile's nodes ({ name, httpPort, c2sPort, stateDir }); the first is the one the kit seeds and talks to. */
export const NODES = PROFILE.nodes;
/** The profile's PostgreSQL (start/stop/query), or undefined for embedded storage. */
export const PG = PROFILE.postgres && postgres(PROFILE.postgres);
const PRIMARY = NODES[0];
export const HTTP_PORT = PRIMARY.httpPort;
export const C2S_PORT = PRIMARY.c2sPort;
export const STATE_DIR = PRIMARY.stateDir;
// our own name: never collides with a system ejabberd@localhost
export const NODE = PRIMARY.name;
export const HTTP_URL = `http://127.0.0.1:${HTTP_PORT}`;
export const API_URL = `${HTTP_URL}/api`;
export const UPLOAD_URL = PROSODY ? `${HTTP_URL}/file_share` : `${HTTP_URL}/upload`;
export const SERVICE_URL = PROSODY ? prosody.serviceUrl(PRIMARY) : `ws://127.0.0.1:${HTTP_PORT}/ws`;
/** The local receiver of the push and stats modules (server/receiver.mjs): its own port per kit slot/profile. */
export const RECEIVER_PORT = HTTP_PORT + 8;
export const RECEIVER_URL = `http://127.0.0.1:${RECEIVER_PORT}`;
export const DOMAIN = 'localhost';
export const MUC_DOMAIN = 'conference.localhost';
/** The HTTP upload service (XEP-0363) of every profile. */
export const UPLOAD_DOMAIN = 'upload.localhost';
export const DEMO_USERS = [
  { user: 'alice', password: 'alice', name: 'Alice' },
  { user: 'bob', password: 'bob', name: 'Bob' },
  { user: 'carol', password: 'carol', name: 'Carol' },
];
export const DEMO_ROOMS = [
  { name: 'lobby', title: 'Lobby', subscribers: ['alice', 'bob', 'carol'] },
  { name: 'design', title: 'Design', subscribers: ['alice', 'bob'] },
  { name: 'random', title: 'Random', subscribers: [] },
];
export const MUCSUB_NODES = ['messages', 'affiliations', 'subject', 'config'].map((n) => `urn:xmpp:mucsub:nodes:${n}`);

const configOf = (n) => path.join(n.stateDir, 'ejabberd.yml');
const logOf = (n) => path.join(n.stateDir, 'logs', 'ejabberd.log');
const portsOf = (n) => [n.httpPort, n.c2sPort];
/** The node's WebSocket URL. */
export const serviceUrl = (n) => (PROSODY ? prosody.serviceUrl(n) : `ws://127.0.0.1:${n.httpPort}/ws`);
const START_TIMEOUT = 60_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------- helpers ----------

function run(cmd, args) {
  return new Promise((resolve) =>
    execFile(cmd, args, { encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: `${stdout}${stderr}`.trim() }),
    ),
  );
}

/** ejabberdctl with every path flag for node `n`: without --ctl-config the /etc one would override --config. */
export function ctl(n, ...args) {
  const ctlConfig = path.join(n.stateDir, 'ejabberdctl.cfg');
  return run(EJABBERDCTL, [
    '--config',
    configOf(n),
    '--ctl-config',
    ctlConfig,
    '--spool',
    path.join(n.stateDir, 'spool'),
    '--logs',
    path.join(n.stateDir, 'logs'),
    '--node',
    n.name,
    ...args,
  ]);
}

/** The profile's secrets live in its first node's state folder (a cluster's nodes share them). */
const secret = (name) => stateSecret(PRIMARY.stateDir, name);
/** The token the push and stats modules send to the receiver (server/receiver.mjs). */
export const hookToken = () => secret('hook-token');
/** The Authorization header of the kit's admin API calls (the account and password of this state folder). */
export const apiAuth = () => apiAuthorization(PRIMARY.stateDir, DOMAIN);

/** Calls an ejabberd command over the admin HTTP API on node `n`, as the state folder's admin account
 *  (the API refuses requests without it: see api_permissions in ejabberd.yml.template). */
export async function api(command, body = {}, n = PRIMARY, timeout = 15_000) {
  const res = await fetch(`http://127.0.0.1:${n.httpPort}/api/${command}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: apiAuth() },
    signal: AbortSignal.timeout(timeout),
  });
  const text = await res.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = text;
  }
  if (!res.ok) {
    const err = new Error(`ejabberd API ${command} failed (${res.status}): ${data?.message ?? data}`);
    err.status = res.status;
    throw err;
  }
  return data;
}

/** PIDs of node `n`'s Erlang VM (read from /proc, so no procps needed). */
export function nodePids(n = PRIMARY) {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const i = argv.indexOf('-sname');
      if (i > 0 && argv[i + 1] === n.name && argv[0].includes('beam')) pids.push(Number(d));
    } catch {
      /* process exited */
    }
  }
  return pids;
}

export function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

function logTail(n, lines = 15) {
  try {
    return readFileSync(logOf(n), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log file)';
  }
}

/** ejabberdctl settings of the profile's nodes (passed with --ctl-config: without it ejabberdctl sources
 *  /etc/ejabberd/ejabberdctl.cfg, which overrides --config): no crash dumps, Erlang distribution on
 *  loopback only, the state folder's own random cookie, our modules' beams on the code path, and for the SQL profiles their own distribution
 *  port window, so these nodes meet no other node. */
function ownCtlConfig(n) {
  return `ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1} -setcookie ${secret('erlang-cookie')} -pa ${modulesEbin(n)}"
ERL_EPMD_ADDRESS=127.0.0.1
${PROFILE.distPorts ? `FIREWALL_WINDOW=${PROFILE.distPorts.join('-')}\n` : ''}`;
}

/** Options of the kit's modules (JSON is YAML): push and stats POST to the kit's receiver. */
const moduleOptions = () => ({
  mod_ethora_push: { url: `${RECEIVER_URL}/push`, token: hookToken(), project: 'ethora-kit' },
  mod_ethora_stats: { url: `${RECEIVER_URL}/stats`, token: hookToken() },
  mod_ethora_ban: { access_all: 'ethora_ban_all' },
});

/** Where node `n` loads the kit's compiled modules (server/modules.mjs) from. */
const modulesEbin = (n) => path.join(n.stateDir, 'modules', modulesHash());

/** The node's ejabberd.yml, rendered from the template: our modules enabled (the build's hash on
 *  top, so a running node with older module code counts as differently configured), and SQL
 *  storage: the profile's PostgreSQL, or SQLite in the state folder. */
function renderConfig(n) {
  const template = readFileSync(path.join(HERE, 'ejabberd.yml.template'), 'utf8');
  const yml = `# server/modules build ${modulesHash()}\n${template}`
    .replaceAll('{{STATE}}', n.stateDir)
    .replaceAll('{{HTTP_PORT}}', String(n.httpPort))
    .replaceAll('{{C2S_PORT}}', String(n.c2sPort))
    .replace(
      '{{ETHORA_MODULES}}',
      moduleNames()
        .map((m) => `  ${m}: ${JSON.stringify(moduleOptions()[m] ?? {})}`)
        .join('\n'),
    );
  return PROFILE.postgres ? sqlConfig(yml, PROFILE.postgres) : sqliteConfig(yml, n.stateDir);
}

/** Writes node `n`'s config and state folders; as root the node runs as user ejabberd, which must own them. */
async function prepareState(n = PRIMARY) {
  const dir = n.stateDir;
  for (const d of ['spool', 'logs', 'upload']) mkdirSync(path.join(dir, d), { recursive: true });
  // Owner only: the database (password hashes), the secrets and the uploads are nobody else's.
  chmodSync(dir, 0o700);
  await buildModules(dir);
  writeFileSync(configOf(n), renderConfig(n));
  // 0600: it holds the cookie (ejabberdctl sources it as root, then runs the node as user ejabberd).
  writeFileSync(path.join(dir, 'ejabberdctl.cfg'), ownCtlConfig(n), { mode: 0o600 });
  chmodSync(path.join(dir, 'ejabberdctl.cfg'), 0o600);
  writeWordpressJwk(dir); // the template's jwt_key (WordPress hosts)
  if (process.getuid?.() !== 0) return;
  const chown = await run('chown', ['-R', 'ejabberd:ejabberd', dir]);
  if (chown.code !== 0) throw new Error(`chown of ${dir} failed: ${chown.out}`);
  const access = await run('runuser', ['-u', 'ejabberd', '--', 'test', '-w', path.join(dir, 'spool')]);
  if (access.code !== 0) throw new Error(`user ejabberd cannot write ${dir} (is a parent folder not world-executable?)`);
}

// Start/stop/restart may be called concurrently (several test files): run them one at a time.
let queue = Promise.resolve();
function serialized(fn) {
  const p = queue.then(fn, fn);
  queue = p.catch(() => {});
  return p;
}

// ---------- lifecycle ----------

/** Installs ejabberd from Debian if missing (root only; stops the package's own service), and the
 *  storage driver: erlang-p1-sqlite3 for the default profile, postgresql and erlang-p1-pgsql for the
 *  others. (erlc, for server/modules, comes with ejabberd's Erlang; buildModules() checks.)
 *  The prosody profile: prosody and prosody-modules instead. Resolves true if it installed something. */
export async function ensureEjabberd() {
  if (PROSODY) return (await prosody.ensureProsody()).length > 0;
  const installed = await ensureEjabberdPackage();
  const more = PG ? await ensurePostgresPackages() : await ensureSqlitePackages();
  return installed || more.length > 0;
}

/** 'up' when node `n` answers the admin API's `status` (which names the node, so another server on our
 *  port is not mistaken), 'no-admin' when it refuses the state folder's admin account, else 'down'. */
async function probe(n) {
  try {
    const status = await api('status', {}, n, 2000);
    return String(status).includes(n.name) ? 'up' : 'down';
  } catch (e) {
    return e.status === 401 || e.status === 403 ? 'no-admin' : 'down';
  }
}

/** The server of whatever profile, when missing: ensureEjabberd() under its general name. */
export const ensureServer = () => ensureEjabberd();

/** True when node `n` (default: the kit's node) answers the admin API (Prosody: its WebSocket and admin socket). */
export const isUp = async (n = PRIMARY) => (PROSODY ? prosody.prosodyUp(n) : (await probe(n)) === 'up');

/** Creates the state folder's admin account, or sets its password (a new state folder over an old
 *  SQL database), through ejabberdctl: the HTTP API accepts no one before it exists. */
async function ensureApiAdmin(n) {
  const password = secret('api-password');
  let r = await ctl(n, 'register', API_ADMIN, DOMAIN, password);
  if (r.code !== 0 && /already registered|conflict/i.test(r.out)) r = await ctl(n, 'change_password', API_ADMIN, DOMAIN, password);
  if (r.code !== 0) throw new Error(`creating the API admin account on ${n.name} failed (${r.code}): ${r.out}`);
}

async function wsAnswers(n) {
  try {
    await fetch(`http://127.0.0.1:${n.httpPort}/ws`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** Waits until node `n` answers `status` over /api and /ws answers too. */
async function waitUp(n, t0 = Date.now()) {
  let lastProcCheck = Date.now();
  let state;
  while ((state = await probe(n)) !== 'up' || !(await wsAnswers(n))) {
    if (state === 'no-admin') {
      await ensureApiAdmin(n);
      continue;
    }
    if (Date.now() - t0 > START_TIMEOUT) {
      throw new Error(`ejabberd ${n.name} did not come up within ${START_TIMEOUT / 1000} s. Log tail (${logOf(n)}):\n${logTail(n)}`);
    }
    if (Date.now() - lastProcCheck > 1500) {
      lastProcCheck = Date.now();
      if (!nodePids(n).length) throw new Error(`ejabberd ${n.name} exited while starting. Log tail (${logOf(n)}):\n${logTail(n)}`);
    }
    await sleep(100);
  }
}

async function startNode(n) {
  if (PROSODY) return prosody.startProsody(n);
  if (await isUp(n)) {
    // Up with the current config: nothing to do. The state folder deleted under it, or the
    // template changed since it started (e.g. a checkout of newer code): start over.
    if (existsSync(configOf(n)) && readFileSync(configOf(n), 'utf8') === renderConfig(n)) return { started: false };
    await stopNode(n);
  }
  const t0 = Date.now();
  if (!nodePids(n).length) {
    for (const port of portsOf(n)) {
      if (await portOpen(port)) {
        throw new Error(
          `Port ${port} on 127.0.0.1 is used by another process (a system ejabberd? ` +
            `try: ejabberdctl stop). The dev node ${n.name} needs ports ${portsOf(n).join(' and ')}.`,
        );
      }
    }
    await prepareState(n);
    const r = await ctl(n, 'start');
    if (r.code !== 0) throw new Error(`ejabberdctl start failed (${r.code}): ${r.out}\n${logTail(n)}`);
  } // else: the node is already booting (e.g. started by another process): just wait for it
  // `start` returns at once: wait for the node.
  await waitUp(n, t0);
  return { started: true, ms: Date.now() - t0 };
}

async function stopNode(n) {
  if (PROSODY) return prosody.stopProsody(n);
  if (!nodePids(n).length) return { stopped: false };
  const t0 = Date.now();
  if (!existsSync(configOf(n))) await prepareState(n); // ejabberdctl needs its spool folder to exist
  await ctl(n, 'stop');
  // Wait for the VM to exit and the ports to close; kill our own VM if a clean stop hangs.
  for (let i = 0; nodePids(n).length || (await portOpen(n.httpPort)); i++) {
    if (i === 300) for (const pid of nodePids(n)) process.kill(pid, 'SIGKILL');
    if (i > 400) throw new Error(`ejabberd ${n.name} did not stop. Log tail:\n${logTail(n)}`);
    await sleep(100);
  }
  return { stopped: true, ms: Date.now() - t0 };
}

/** Kills node `n`'s VM (SIGKILL, a crash) and waits until its ports are closed. */
async function killNode(n) {
  if (PROSODY) return prosody.killProsody(n);
  const t0 = Date.now();
  for (const pid of nodePids(n)) process.kill(pid, 'SIGKILL');
  while (nodePids(n).length || (await portOpen(n.httpPort))) await sleep(50);
  return { killed: true, ms: Date.now() - t0 };
}

/** Joins every other node to the first one's cluster unless it is in it already.
 *  join_cluster restarts ejabberd on the joining node, so wait for it again. */
async function joinCluster() {
  const [first, ...others] = NODES;
  for (const n of others) {
    if ((await api('list_cluster', {}, first)).includes(n.name)) continue;
    const r = await ctl(n, 'join_cluster', first.name);
    if (r.code !== 0) throw new Error(`join_cluster ${n.name} -> ${first.name} failed (${r.code}): ${r.out}`);
    await waitUp(n);
    if (!(await api('list_cluster', {}, first)).includes(n.name)) throw new Error(`${n.name} is not in ${first.name}'s cluster after join_cluster`);
  }
}

async function start() {
  const t0 = Date.now();
  if (PG) await PG.start();
  else if (!PROSODY) await ensureSqlitePackages(); // npm test / npm start install ejabberd and chromium only
  const results = [];
  for (const n of NODES) results.push(await startNode(n));
  if (NODES.length > 1) await joinCluster();
  return { started: results.some((r) => r.started), ms: Date.now() - t0 };
}

async function stop() {
  const t0 = Date.now();
  const results = [];
  for (const n of [...NODES].reverse()) results.push(await stopNode(n));
  const pgStopped = PG ? await PG.stop() : false;
  return { stopped: pgStopped || results.some((r) => r.stopped), ms: Date.now() - t0 };
}

/** Starts the profile's PostgreSQL (if any) and nodes (joined into one cluster) if they are not up;
 *  resolves when every node's /api and /ws answer (60 s timeout each). */
export const startServer = () => serialized(start);
/** Stops the profile's nodes cleanly, then its PostgreSQL, and waits until they are gone. */
export const stopServer = () => serialized(stop);
/** Stop + start. */
export const restartServer = () =>
  serialized(async () => {
    const t0 = Date.now();
    await stop();
    await start();
    return { restarted: true, ms: Date.now() - t0 };
  });
/** One node of the profile: start (rejoins its cluster by itself), graceful stop, or kill (a crash). */
export const startOneNode = (n) => serialized(() => startNode(n));
export const stopOneNode = (n) => serialized(() => stopNode(n));
export const killOneNode = (n) => serialized(() => killNode(n));

// ---------- data: users, rooms, messages, seed (server/kit-data.mjs; Prosody: server/prosody-data.mjs) ----------

const data = PROSODY ? prosodyData : ejabberdData;
export const addContacts = (...a) => data.addContacts(...a);
export const createRoom = (...a) => data.createRoom(...a);
export const kickUser = (...a) => data.kickUser(...a);
export const registerUser = (...a) => data.registerUser(...a);
export const seed = (...a) => data.seed(...a);
export const sendRoomMessages = (...a) => data.sendRoomMessages(...a);
export const setAffiliation = (...a) => data.setAffiliation(...a);
/** MucSub: ejabberd only (the prosody profile throws, saying so). */
export const subscribeRoom = (...a) => data.subscribeRoom(...a);
export const unique = (...a) => ejabberdData.unique(...a);
/** A XEP-0402 bookmark of a room for a user (prosody profile only: the ejabberd kit has MucSub). */
export const bookmarkRoom = (...a) => {
  if (!PROSODY) throw new Error('bookmarkRoom: only the prosody profile seeds bookmarks');
  return prosodyData.bookmarkRoom(...a);
};
/** True when that password signs the user in. */
export const checkPassword = async (user, password) =>
  PROSODY ? prosodyData.checkPassword(user, password) : (await api('check_password', { user, host: DOMAIN, password })) === 0;

// ---------- CLI ----------

/** What the CLI names: the node(s) and the PostgreSQL of the profile. */
const WHO = PROSODY ? `Prosody (${PRIMARY.stateDir})` : NODES.map((n) => n.name).join(' and ') + (PG ? ` (PostgreSQL 127.0.0.1:${PG.port})` : '');

async function main(cmd) {
  switch (cmd) {
    case 'start': {
      if (await ensureEjabberd()) console.log('installed the missing Debian packages');
      const s = await startServer();
      console.log(s.started ? `started ${WHO} in ${s.ms} ms` : `${WHO} was already running`);
      const created = await seed();
      console.log(created.length ? `seeded: ${created.join(', ')}` : 'seed data already present');
      console.log(`XMPP over WebSocket: ${NODES.map(serviceUrl).join(', ')}  (users ${DEMO_USERS.map((u) => u.user).join(', ')}; password = user name)`);
      return 0;
    }
    case 'stop': {
      const s = await stopServer();
      console.log(s.stopped ? `stopped ${WHO} in ${s.ms} ms` : `${WHO} was not running`);
      return 0;
    }
    case 'restart': {
      const s = await restartServer();
      console.log(`restarted ${WHO} in ${s.ms} ms`);
      return 0;
    }
    case 'status': {
      let up = true;
      for (const n of NODES) {
        const nodeUp = await isUp(n);
        up &&= nodeUp;
        const admin = PROSODY ? `admin socket ${path.join(n.stateDir, 'prosody.sock')}` : `API http://127.0.0.1:${n.httpPort}/api`;
        console.log(nodeUp ? `${n.name} is up: ${serviceUrl(n)}, ${admin}, c2s 127.0.0.1:${n.c2sPort}` : `${n.name} is down`);
      }
      if (PG) console.log(`PostgreSQL 127.0.0.1:${PG.port} is ${(await PG.isRunning()) ? 'up' : 'down'}`);
      return up ? 0 : 3;
    }
    case 'seed': {
      const created = await seed();
      console.log(created.length ? `seeded: ${created.join(', ')}` : 'seed data already present');
      return 0;
    }
    default:
      console.error('usage: node server/kit.mjs start|stop|restart|status|seed [--profile default|postgres|cluster|prosody]');
      return 2;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--profile') && all[i - 1] !== '--profile');
  main(args[0]).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
