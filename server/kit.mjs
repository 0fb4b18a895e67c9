// Local ejabberd "server kit": runs a project-owned ejabberd node on loopback for development
// and tests, and seeds demo users/rooms through the admin HTTP API.
//   node server/kit.mjs start|stop|restart|status|seed [--profile default|postgres|cluster|prosody]
// The profile (server/profiles.mjs; also ETHORA_KIT_PROFILE) picks the nodes and the storage; the
// prosody profile runs Prosody instead of ejabberd (server/prosody.mjs, server/prosody-data.mjs).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEjabberd as ensureEjabberdPackage } from '../scripts/ensure-system.mjs';
import { configOf, ctl, logOf, logTail, prepareState, profileSecret, receiverPort, renderConfig } from './ejabberd-node.mjs';
import { ensurePostgresPackages, postgres } from './postgres.mjs';
import { beamPids, portOpen, sleep } from './processes.mjs';
import { profileName, profileSpec } from './profiles.mjs';
import * as ejabberdData from './kit-data.mjs';
import * as prosody from './prosody.mjs';
import * as prosodyData from './prosody-data.mjs';
import { API_ADMIN, apiAuthorization } from './secrets.mjs';
import { ensureSqlitePackages } from './sqlite.mjs';

export { ctl, portOpen };

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
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
export const RECEIVER_PORT = receiverPort(PROFILE);
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

const portsOf = (n) => [n.httpPort, n.c2sPort];
/** The node's WebSocket URL. */
export const serviceUrl = (n) => (PROSODY ? prosody.serviceUrl(n) : `ws://127.0.0.1:${n.httpPort}/ws`);
const START_TIMEOUT = 60_000;

// ---------- helpers ----------

const secret = (name) => profileSecret(PROFILE, name);
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

/** PIDs of node `n`'s Erlang VM. */
export const nodePids = (n = PRIMARY) => beamPids(n.name);

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
    if (existsSync(configOf(n)) && readFileSync(configOf(n), 'utf8') === renderConfig(PROFILE, n)) return { started: false };
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
    await prepareState(PROFILE, n);
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
  if (!existsSync(configOf(n))) await prepareState(PROFILE, n); // ejabberdctl needs its spool folder to exist
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

// ---------- CLI (server/kit-cli.mjs) ----------

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Loaded once this module has run: kit-cli.mjs imports it.
  import('./kit-cli.mjs')
    .then((cli) => cli.main(process.argv.slice(2)))
    .then(
      (code) => process.exit(code),
      (e) => {
        console.error(e.message);
        process.exit(1);
      },
    );
}
