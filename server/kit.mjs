// Local ejabberd "server kit": runs a project-owned ejabberd node on loopback for development
// and tests, and seeds demo users/rooms through the admin HTTP API.
//   node server/kit.mjs start|stop|restart|status|seed
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EJABBERDCTL, ensureEjabberd as ensureEjabberdPackage } from '../scripts/ensure-system.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(HERE);
// ETHORA_KIT_SLOT=n (1..9) runs an independent node beside the default one (slot 0): its own name,
// state folder and ports (HTTP 5280+10n, c2s 5222+10n), e.g. for two checkouts testing at once.
export const SLOT = Number(process.env.ETHORA_KIT_SLOT || 0);
if (!Number.isInteger(SLOT) || SLOT < 0 || SLOT > 9) throw new Error(`ETHORA_KIT_SLOT must be 0..9, not ${process.env.ETHORA_KIT_SLOT}`);
export const HTTP_PORT = 5280 + 10 * SLOT;
export const C2S_PORT = 5222 + 10 * SLOT;
export const STATE_DIR = path.join(ROOT, '.state', SLOT ? `ejabberd-${SLOT}` : 'ejabberd');
// our own name: never collides with a system ejabberd@localhost
export const NODE = SLOT ? `ethora-dev${SLOT}@localhost` : 'ethora-dev@localhost';
export const HTTP_URL = `http://127.0.0.1:${HTTP_PORT}`;
export const API_URL = `${HTTP_URL}/api`;
export const UPLOAD_URL = `${HTTP_URL}/upload`;
export const SERVICE_URL = `ws://127.0.0.1:${HTTP_PORT}/ws`;
export const DOMAIN = 'localhost';
export const MUC_DOMAIN = 'conference.localhost';
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

const CONFIG = path.join(STATE_DIR, 'ejabberd.yml');
const LOG = path.join(STATE_DIR, 'logs', 'ejabberd.log');
const PORTS = [HTTP_PORT, C2S_PORT];
const START_TIMEOUT = 60_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------- helpers ----------

function run(cmd, args) {
  return new Promise((resolve) => execFile(cmd, args, { encoding: 'utf8' }, (err, stdout, stderr) =>
    resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: `${stdout}${stderr}`.trim() })));
}

/** ejabberdctl with every path flag: without --ctl-config the /etc one would override --config. */
function ctl(...args) {
  return run(EJABBERDCTL, ['--config', CONFIG, '--ctl-config', path.join(HERE, 'ejabberdctl.cfg'),
    '--spool', path.join(STATE_DIR, 'spool'), '--logs', path.join(STATE_DIR, 'logs'), '--node', NODE, ...args]);
}

/** Calls an ejabberd command over the admin HTTP API (loopback is allowed everything). */
export async function api(command, body = {}) {
  const res = await fetch(`${API_URL}/${command}`, { method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  let data;
  try { data = JSON.parse(text); } catch { data = text; }
  if (!res.ok) {
    const err = new Error(`ejabberd API ${command} failed (${res.status}): ${data?.message ?? data}`);
    err.status = res.status;
    throw err;
  }
  return data;
}

const bareJid = (u, domain = DOMAIN) => (u.includes('@') ? u : `${u}@${domain}`);
const splitRoom = (room) => { const [name, service = MUC_DOMAIN] = room.split('@'); return { name, service }; };

/** PIDs of our node's Erlang VM (read from /proc, so no procps needed). */
function nodePids() {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const i = argv.indexOf('-sname');
      if (i > 0 && argv[i + 1] === NODE && argv[0].includes('beam')) pids.push(Number(d));
    } catch { /* process exited */ }
  }
  return pids;
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1000);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

function logTail(lines = 15) {
  try { return readFileSync(LOG, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'); } catch { return '(no log file)'; }
}

/** Writes the config and state folders; as root the node runs as user ejabberd, which must own them. */
async function prepareState() {
  for (const d of ['spool', 'logs', 'upload']) mkdirSync(path.join(STATE_DIR, d), { recursive: true });
  const template = readFileSync(path.join(HERE, 'ejabberd.yml.template'), 'utf8');
  writeFileSync(CONFIG, template.replaceAll('{{STATE}}', STATE_DIR)
    .replaceAll('{{HTTP_PORT}}', String(HTTP_PORT)).replaceAll('{{C2S_PORT}}', String(C2S_PORT)));
  if (process.getuid?.() !== 0) return;
  const chown = await run('chown', ['-R', 'ejabberd:ejabberd', STATE_DIR]);
  if (chown.code !== 0) throw new Error(`chown of ${STATE_DIR} failed: ${chown.out}`);
  const access = await run('runuser', ['-u', 'ejabberd', '--', 'test', '-w', path.join(STATE_DIR, 'spool')]);
  if (access.code !== 0) throw new Error(`user ejabberd cannot write ${STATE_DIR} (is a parent folder not world-executable?)`);
}

// Start/stop/restart may be called concurrently (several test files): run them one at a time.
let queue = Promise.resolve();
function serialized(fn) {
  const p = queue.then(fn, fn);
  queue = p.catch(() => {});
  return p;
}

// ---------- lifecycle ----------

/** Installs ejabberd from Debian if missing (root only; stops the package's own service). */
export async function ensureEjabberd() {
  return ensureEjabberdPackage();
}

/** True when OUR node answers the admin API (`status` names the node, so another server on our port is not mistaken). */
export async function isUp() {
  try {
    const res = await fetch(`${API_URL}/status`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(2000) });
    return res.ok && (await res.text()).includes(NODE);
  } catch {
    return false;
  }
}

async function wsAnswers() {
  try { await fetch(`${HTTP_URL}/ws`, { signal: AbortSignal.timeout(2000) }); return true; } catch { return false; }
}

async function start() {
  if (await isUp()) {
    if (existsSync(CONFIG)) return { started: false };
    await stop(); // the state folder was deleted under a running node: start over
  }
  const t0 = Date.now();
  if (!nodePids().length) {
    for (const port of PORTS) {
      if (await portOpen(port)) {
        throw new Error(`Port ${port} on 127.0.0.1 is used by another process (a system ejabberd? ` +
          `try: ejabberdctl stop). The dev node ${NODE} needs ports ${PORTS.join(' and ')}.`);
      }
    }
    await prepareState();
    const r = await ctl('start');
    if (r.code !== 0) throw new Error(`ejabberdctl start failed (${r.code}): ${r.out}\n${logTail()}`);
  } // else: the node is already booting (e.g. started by another process): just wait for it
  // `start` returns at once: wait until the node answers `status` over /api and /ws answers too.
  let lastProcCheck = Date.now();
  while (!((await isUp()) && (await wsAnswers()))) {
    if (Date.now() - t0 > START_TIMEOUT) {
      throw new Error(`ejabberd ${NODE} did not come up within ${START_TIMEOUT / 1000} s. Log tail (${LOG}):\n${logTail()}`);
    }
    if (Date.now() - lastProcCheck > 1500) {
      lastProcCheck = Date.now();
      if (!nodePids().length) throw new Error(`ejabberd ${NODE} exited while starting. Log tail (${LOG}):\n${logTail()}`);
    }
    await sleep(100);
  }
  return { started: true, ms: Date.now() - t0 };
}

async function stop() {
  if (!nodePids().length) return { stopped: false };
  const t0 = Date.now();
  if (!existsSync(CONFIG)) await prepareState(); // ejabberdctl needs its spool folder to exist
  await ctl('stop');
  // Wait for the VM to exit and the ports to close; kill our own VM if a clean stop hangs.
  for (let i = 0; nodePids().length || (await portOpen(PORTS[0])); i++) {
    if (i === 300) for (const pid of nodePids()) process.kill(pid, 'SIGKILL');
    if (i > 400) throw new Error(`ejabberd ${NODE} did not stop. Log tail:\n${logTail()}`);
    await sleep(100);
  }
  return { stopped: true, ms: Date.now() - t0 };
}

/** Starts our node if it is not up; resolves when /api and /ws answer (60 s timeout). */
export const startServer = () => serialized(start);
/** Stops our node cleanly and waits until it is gone. */
export const stopServer = () => serialized(stop);
/** Stop + start. */
export const restartServer = () => serialized(async () => {
  const t0 = Date.now();
  await stop();
  await start();
  return { restarted: true, ms: Date.now() - t0 };
});

// ---------- data ----------

/** Creates the user, or resets its password if it exists. Returns { jid, created }. */
export async function registerUser(user, password) {
  const [name, host = DOMAIN] = user.split('@');
  try {
    await api('register', { user: name, host, password });
    return { jid: `${name}@${host}`, created: true };
  } catch (e) {
    if (e.status !== 409) throw e;
    await api('change_password', { user: name, host, newpass: password });
    return { jid: `${name}@${host}`, created: false };
  }
}

/** Creates (or re-configures) a persistent MAM room with MucSub allowed. Returns { jid, created }.
 *  opts: title, description, public (true), membersOnly (false), options: { raw_ejabberd_option: value }. */
export async function createRoom(name, opts = {}) {
  const { service } = splitRoom(name);
  name = splitRoom(name).name;
  const options = {
    title: opts.title ?? '', description: opts.description ?? '', persistent: true, mam: true,
    allow_subscription: true, public: opts.public ?? true, members_only: opts.membersOnly ?? false, ...opts.options,
  };
  const list = Object.entries(options).map(([n, v]) => ({ name: n, value: String(v) }));
  try {
    await api('create_room_with_opts', { name, service, host: DOMAIN, options: list });
    return { jid: `${name}@${service}`, created: true };
  } catch (e) {
    if (!/already exists/i.test(e.message)) throw e;
    for (const { name: option, value } of list) await api('change_room_option', { name, service, option, value });
    return { jid: `${name}@${service}`, created: false };
  }
}

/** MucSub-subscribes a user (name or JID) to a room (name or JID). Idempotent. Returns the nodes. */
export async function subscribeRoom(userJid, nick, roomJid, nodes = MUCSUB_NODES) {
  const user = bareJid(userJid);
  return api('subscribe_room', { user, nick: nick || user.split('@')[0], room: bareJid(roomJid, MUC_DOMAIN), nodes: nodes.join(',') });
}

/** affiliation: owner | admin | member | outcast | none. */
export async function setAffiliation(roomJid, userJid, affiliation) {
  const { name, service } = splitRoom(bareJid(roomJid, MUC_DOMAIN));
  await api('set_room_affiliation', { name, service, jid: bareJid(userJid), affiliation });
}

/** Posts `count` groupchat messages as `fromUser` (they are archived like client messages).
 *  The room accepts them from a MucSub subscriber only, so the user is subscribed if needed. */
export async function sendRoomMessages(room, fromUser, count, text = (i) => `Message ${i + 1}`) {
  room = bareJid(room, MUC_DOMAIN);
  const from = bareJid(fromUser);
  const { name, service } = splitRoom(room);
  if (!(await api('get_subscribers', { name, service })).includes(from)) await subscribeRoom(from, from.split('@')[0], room);
  for (let i = 0; i < count; i++) {
    await api('send_message', { type: 'groupchat', from, to: room, subject: '', body: text(i) });
  }
  return count;
}

/** Makes two users contacts of each other (roster, subscription both): they may then see
 *  each other's presence and last activity (XEP-0012). */
export async function addContacts(userA, userB) {
  const [a, b] = [bareJid(userA), bareJid(userB)];
  for (const [me, other] of [[a, b], [b, a]]) {
    const [localuser, localhost] = me.split('@');
    const [user, host] = other.split('@');
    await api('add_rosteritem', { localuser, localhost, user, host, nick: user, group: 'Contacts', subs: 'both' });
  }
}

let uniqueCounter = 0;
/** A fresh, JID-safe name (lower case) so each test run gets its own users/rooms. */
export function unique(prefix = 'u') {
  const rand = Math.random().toString(36).slice(2, 6);
  return `${prefix}-${Date.now().toString(36)}${(uniqueCounter++).toString(36)}${rand}`.toLowerCase();
}

/** Demo users and rooms. Idempotent: safe on every start. Returns what it created. */
export async function seed() {
  const created = [];
  for (const u of DEMO_USERS) {
    if ((await registerUser(u.user, u.password)).created) created.push(`user ${u.user}`);
    await api('set_vcard', { user: u.user, host: DOMAIN, name: 'FN', content: u.name });
  }
  for (const r of DEMO_ROOMS) {
    if ((await createRoom(r.name, { title: r.title })).created) created.push(`room ${r.name}`);
    for (const s of r.subscribers) await subscribeRoom(s, s, r.name);
  }
  return created;
}

// ---------- CLI ----------

async function main(cmd) {
  switch (cmd) {
    case 'start': {
      if (await ensureEjabberd()) console.log('installed ejabberd (Debian package)');
      const s = await startServer();
      console.log(s.started ? `started ${NODE} in ${s.ms} ms` : `${NODE} was already running`);
      const created = await seed();
      console.log(created.length ? `seeded: ${created.join(', ')}` : 'seed data already present');
      console.log(`XMPP over WebSocket: ${SERVICE_URL}  (users ${DEMO_USERS.map((u) => u.user).join(', ')}; password = user name)`);
      return 0;
    }
    case 'stop': {
      const s = await stopServer();
      console.log(s.stopped ? `stopped ${NODE} in ${s.ms} ms` : `${NODE} was not running`);
      return 0;
    }
    case 'restart': {
      const s = await restartServer();
      console.log(`restarted ${NODE} in ${s.ms} ms`);
      return 0;
    }
    case 'status': {
      const up = await isUp();
      console.log(up ? `${NODE} is up: ${SERVICE_URL}, API ${API_URL}, c2s 127.0.0.1:${C2S_PORT}` : `${NODE} is down`);
      return up ? 0 : 3;
    }
    case 'seed': {
      const created = await seed();
      console.log(created.length ? `seeded: ${created.join(', ')}` : 'seed data already present');
      return 0;
    }
    default:
      console.error('usage: node server/kit.mjs start|stop|restart|status|seed');
      return 2;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).then((code) => process.exit(code), (e) => { console.error(e.message); process.exit(1); });
}
