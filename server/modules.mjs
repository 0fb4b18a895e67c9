// The kit's own ejabberd modules (server/modules/*.erl: Ethora's plugins as real modules), compiled
// with erlc against the installed ejabberd's headers and beams, cached in the state folder by a
// hash of their sources (and of the ejabberd build), and put on the node's code path with -pa.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall } from '../scripts/ensure-system.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const MODULES_SRC = path.join(HERE, 'modules');
const ERLC = '/usr/bin/erlc';
const LIBS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib'];

/** The gen_mod modules (mod_*.erl) the config enables; helpers (other .erl) are compiled too. */
export const moduleNames = () =>
  readdirSync(MODULES_SRC)
    .filter((f) => /^mod_\w+\.erl$/.test(f))
    .map((f) => f.slice(0, -4))
    .sort();

/** Debian's ejabberd: { ebin, include } of /usr/lib/<arch>/ejabberd-<version>, and p1_xmpp's include. */
function ejabberdDirs() {
  for (const lib of LIBS) {
    const dir =
      existsSync(lib) &&
      readdirSync(lib)
        .filter((d) => /^ejabberd-\d/.test(d))
        .sort()
        .pop();
    if (!dir) continue;
    const erlLib = '/usr/lib/erlang/lib';
    const xmpp = readdirSync(erlLib)
      .filter((d) => d.startsWith('p1_xmpp-'))
      .sort()
      .pop();
    return { version: dir, ebin: path.join(lib, dir, 'ebin'), include: path.join(lib, dir, 'include'), xmppInclude: path.join(erlLib, xmpp, 'include') };
  }
  throw new Error("ejabberd's beams and headers (/usr/lib/<arch>/ejabberd-*) were not found: is ejabberd installed?");
}

const sources = () =>
  readdirSync(MODULES_SRC)
    .filter((f) => /\.(erl|hrl)$/.test(f))
    .sort();

/** Hash of the module sources and the ejabberd build they are compiled against (names the cache). */
export function modulesHash() {
  const h = createHash('sha256');
  h.update(ejabberdDirs().version);
  for (const f of sources()) h.update(`\0${f}\0`).update(readFileSync(path.join(MODULES_SRC, f)));
  return h.digest('hex').slice(0, 16);
}

function erlc(args) {
  return new Promise((resolve) =>
    execFile(ERLC, args, { encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: `${stdout}${stderr}`.trim() }),
    ),
  );
}

/** Compiles the modules into <stateDir>/modules/<hash> unless that exists; removes older builds.
 *  Installs erlang-dev (erlc) when missing. Returns the ebin folder. */
export async function buildModules(stateDir) {
  if (!existsSync(ERLC)) await aptInstall(['erlang-dev']);
  const dirs = ejabberdDirs();
  const base = path.join(stateDir, 'modules');
  const hash = modulesHash();
  const ebin = path.join(base, hash);
  if (existsSync(ebin)) return ebin;
  const tmp = `${ebin}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const files = sources()
    .filter((f) => f.endsWith('.erl'))
    .map((f) => path.join(MODULES_SRC, f));
  const r = await erlc(['-o', tmp, '-pa', dirs.ebin, '-I', dirs.include, '-I', dirs.xmppInclude, '-I', MODULES_SRC, '+warnings_as_errors', ...files]);
  if (r.code !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`compiling server/modules failed:\n${r.out}`);
  }
  renameSync(tmp, ebin);
  for (const old of readdirSync(base)) if (old !== hash) rmSync(path.join(base, old), { recursive: true, force: true });
  return ebin;
}
