// The server kit's Prosody profile (ETHORA_KIT_PROFILE=prosody): Debian 12's Prosody 0.12 with the
// kit's own config and data folder (.state/prosody, or .state/prosody-<slot>), run as our own
// process (user prosody when the kit runs as root), never Debian's system service or /etc/prosody.
// server/kit.mjs calls these for the profile; data commands run server/prosody-kit.lua through
// Prosody's admin socket (mod_admin_shell), as the ejabberd profiles use ejabberd's admin API.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall } from '../scripts/ensure-system.mjs';
import { portOpen, sleep } from './processes.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PROSODY = '/usr/bin/prosody';
/** A file of Debian's prosody-modules package (the community modules), to tell it is installed. */
const PROSODY_MODULES = '/usr/share/doc/prosody-modules/copyright';
const START_TIMEOUT = 30_000;

const configOf = (n) => path.join(n.stateDir, 'prosody.cfg.lua');
const socketOf = (n) => path.join(n.stateDir, 'prosody.sock');
const kitLuaOf = (n) => path.join(n.stateDir, 'prosody-kit.lua');
const logOf = (n) => path.join(n.stateDir, 'prosody.log');
/** The WebSocket the widget connects to (mod_websocket's path). */
export const serviceUrl = (n) => `ws://127.0.0.1:${n.httpPort}/xmpp-websocket`;

// ---------- packages ----------

/** Installs prosody and prosody-modules when missing (root only, apt) and keeps Debian's own
 *  prosody service from running. Returns the packages it installed. */
export async function ensureProsody() {
  const missing = Object.entries({ prosody: PROSODY, 'prosody-modules': PROSODY_MODULES })
    .filter(([, file]) => !existsSync(file))
    .map(([pkg]) => pkg);
  await aptInstall(missing);
  if (missing.includes('prosody')) stopPackagedProsody();
  return missing;
}

/** The package starts a system Prosody (all interfaces, ports 5222/5269/5280 and /etc/prosody's
 *  config) where the init system lets it: stop it (and disable it under systemd). */
function stopPackagedProsody() {
  if (existsSync('/run/systemd/system')) {
    try {
      execFileSync('systemctl', ['disable', '--now', 'prosody'], { stdio: 'inherit' });
    } catch {
      /* not started */
    }
    return;
  }
  try {
    const pid = Number(readFileSync('/run/prosody/prosody.pid', 'utf8').trim());
    if (pid > 0) process.kill(pid, 'SIGTERM');
  } catch {
    /* not running */
  }
}

// ---------- config and state ----------

function renderConfig(n) {
  const template = readFileSync(path.join(HERE, 'prosody.cfg.lua.template'), 'utf8');
  return template.replaceAll('{{STATE}}', n.stateDir).replaceAll('{{HTTP_PORT}}', String(n.httpPort)).replaceAll('{{C2S_PORT}}', String(n.c2sPort));
}

const asRoot = () => process.getuid?.() === 0;

/** Writes the config and the kit's Lua commands into the state folder; as root Prosody runs as
 *  user prosody, which must own the folder (Prosody refuses to run as root). */
function prepareState(n) {
  // certs: Prosody indexes that folder at start (empty: no TLS on loopback).
  for (const d of ['data', 'certs']) mkdirSync(path.join(n.stateDir, d), { recursive: true });
  // Owner only: accounts (password hashes), archives and uploads are nobody else's.
  chmodSync(n.stateDir, 0o700);
  writeFileSync(configOf(n), renderConfig(n));
  copyFileSync(path.join(HERE, 'prosody-kit.lua'), kitLuaOf(n));
  if (!asRoot()) return;
  execFileSync('chown', ['-R', 'prosody:prosody', n.stateDir]);
  try {
    execFileSync('runuser', ['-u', 'prosody', '--', 'test', '-w', path.join(n.stateDir, 'data')]);
  } catch {
    throw new Error(`user prosody cannot write ${n.stateDir} (is a parent folder not world-executable?)`);
  }
}

// ---------- process ----------

/** PIDs of the Prosody process running this state folder's config (read from /proc). */
export function prosodyPids(n) {
  const pids = [];
  const config = configOf(n);
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (argv.some((a) => a.endsWith('/prosody') || a === 'prosody') && argv.includes(config) && !argv.includes('runuser')) pids.push(Number(d));
    } catch {
      /* process exited */
    }
  }
  return pids;
}

function logTail(n, lines = 15) {
  const tail = (file) => {
    try {
      return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  return [tail(logOf(n)), tail(path.join(n.stateDir, 'prosody.err')), tail(path.join(n.stateDir, 'prosody.out'))].filter(Boolean).join('\n') || '(no log)';
}

/** True when our Prosody process runs, its WebSocket answers over HTTP and its admin socket answers. */
export async function prosodyUp(n) {
  if (!prosodyPids(n).length) return false;
  try {
    const res = await fetch(`http://127.0.0.1:${n.httpPort}/xmpp-websocket`, { signal: AbortSignal.timeout(2000) });
    await res.text();
    if (!res.ok) return false;
    await adminCall(n, 'ping', {}, 2000);
    return true;
  } catch {
    return false;
  }
}

/** Starts Prosody (unless it runs with the current config already); resolves when it answers. */
export async function startProsody(n) {
  if (await prosodyUp(n)) {
    if (existsSync(configOf(n)) && readFileSync(configOf(n), 'utf8') === renderConfig(n)) return { started: false };
    await stopProsody(n);
  }
  const t0 = Date.now();
  if (!prosodyPids(n).length) {
    for (const port of [n.httpPort, n.c2sPort]) {
      if (await portOpen(port)) {
        throw new Error(`Port ${port} on 127.0.0.1 is used by another process. The kit's Prosody needs ports ${n.httpPort} and ${n.c2sPort}.`);
      }
    }
    prepareState(n);
    const out = openSync(path.join(n.stateDir, 'prosody.out'), 'a');
    const [cmd, args] = asRoot() ? ['runuser', ['-u', 'prosody', '--', PROSODY, '--config', configOf(n), '-F']] : [PROSODY, ['--config', configOf(n), '-F']];
    // Our own process group, outliving the kit's command (`node server/kit.mjs start` returns).
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], cwd: n.stateDir });
    child.unref();
    closeSync(out);
  } // else: it is starting already (another process of ours started it): wait for it
  while (!(await prosodyUp(n))) {
    if (Date.now() - t0 > START_TIMEOUT) throw new Error(`Prosody did not come up within ${START_TIMEOUT / 1000} s. Log tail:\n${logTail(n)}`);
    if (Date.now() - t0 > 1500 && !prosodyPids(n).length) throw new Error(`Prosody exited while starting. Log tail:\n${logTail(n)}`);
    await sleep(100);
  }
  return { started: true, ms: Date.now() - t0 };
}

/** Stops our Prosody (SIGTERM: a clean shutdown, data saved; SIGKILL after 10 s) and waits until its ports are closed. */
export async function stopProsody(n) {
  const pids = prosodyPids(n);
  if (!pids.length) return { stopped: false };
  const t0 = Date.now();
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  for (let i = 0; prosodyPids(n).length || (await portOpen(n.httpPort)); i++) {
    if (i === 100) for (const pid of prosodyPids(n)) process.kill(pid, 'SIGKILL');
    if (i > 200) throw new Error(`Prosody did not stop. Log tail:\n${logTail(n)}`);
    await sleep(100);
  }
  return { stopped: true, ms: Date.now() - t0 };
}

/** Kills our Prosody (SIGKILL, a crash) and waits until its ports are closed. */
export async function killProsody(n) {
  const t0 = Date.now();
  for (const pid of prosodyPids(n)) process.kill(pid, 'SIGKILL');
  while (prosodyPids(n).length || (await portOpen(n.httpPort))) await sleep(50);
  return { killed: true, ms: Date.now() - t0 };
}

// ---------- the admin socket ----------

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xmlUnescape = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, c) => String.fromCodePoint(Number(c)))
    .replace(/&amp;/g, '&');

/** Runs one line in Prosody's admin shell (mod_admin_shell over the admin socket, the protocol of
 *  `prosodyctl shell`); resolves with its result text, rejects with its error. */
export function adminShell(n, line, timeout = 15_000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketOf(n));
    let data = '';
    const timer = setTimeout(() => finish(new Error(`Prosody's admin shell did not answer within ${timeout} ms`)), timeout);
    const finish = (err, value) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    socket.setEncoding('utf8');
    socket.on('error', (e) => finish(new Error(`Prosody's admin socket ${socketOf(n)}: ${e.message}`)));
    socket.on('connect', () =>
      socket.write(
        "<?xml version='1.0'?><stream:stream xmlns='xmpp:prosody.im/admin' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>" +
          `<repl-input>${xmlEscape(line)}</repl-input>`,
      ),
    );
    socket.on('data', (chunk) => {
      data += chunk;
      const m = /<repl-result(?:\s+type=(['"])(\w+)\1)?\s*(?:\/>|>([\s\S]*?)<\/repl-result>)/.exec(data);
      if (!m) return;
      const text = xmlUnescape(m[3] ?? '');
      if (m[2] === 'error') finish(new Error(`Prosody admin shell: ${text}`));
      else finish(undefined, text);
    });
  });
}

/** Calls function `fn` of server/prosody-kit.lua with `args` (JSON in, JSON out). */
export async function adminCall(n, fn, args = {}, timeout) {
  if (!/^\w+$/.test(fn)) throw new Error(`bad kit function ${fn}`);
  const json = JSON.stringify(args);
  let level = 1;
  while (json.includes(`]${'='.repeat(level)}]`)) level++;
  const eq = '='.repeat(level);
  const lua =
    fn === 'ping'
      ? '>return "pong"'
      : `>local json = require "util.json"; local ok, v = pcall(function () return dofile("${kitLuaOf(n)}").${fn}(json.decode([${eq}[${json}]${eq}])) end); ` +
        'return json.encode({ ok = ok, value = ok and v or nil, error = (not ok) and tostring(v) or nil })';
  const text = await adminShell(n, lua, timeout);
  if (fn === 'ping') return text;
  const answer = JSON.parse(text.replace(/^Result:\s*/, ''));
  if (!answer.ok) throw new Error(`Prosody kit command ${fn} failed: ${answer.error}`);
  return answer.value ?? {};
}
