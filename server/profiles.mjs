// Server kit profiles: which ejabberd nodes (and which storage) `server/kit.mjs` runs.
//   default   one node, embedded Mnesia storage (npm start / npm test)
//   postgres  one node, SQL storage in a PostgreSQL the kit starts on loopback
//   cluster   two nodes joined into one cluster, sharing that kind of PostgreSQL
//   prosody   not ejabberd: Debian's Prosody 0.12 (server/prosody.mjs), for the tests that must pass
//             on any XMPP server (npm run test:prosody)
// Chosen by ETHORA_KIT_PROFILE=default|postgres|cluster|prosody or `--profile NAME` on the kit's command line.
// The postgres and cluster profiles have their own node names, ports (57xx, PostgreSQL 5543x) and
// distribution port window; every profile's nodes have the random Erlang cookie of their state folder.
// Prosody's ports are HTTP 5380+10n and c2s 5322+10n for ETHORA_KIT_SLOT=n (the ejabberd slots use
// 5280-5378 and 5222-5312).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const STATE = path.join(ROOT, '.state');
export const PROFILES = ['default', 'postgres', 'cluster', 'prosody'];

/** The kit's command line is `node server/kit.mjs ...`: only there `--profile` is ours (bench/run.mjs has its own). */
const KIT_CLI = Boolean(process.argv[1]) && path.resolve(process.argv[1]) === path.join(HERE, 'kit.mjs');

/** The profile named by `--profile NAME` / `--profile=NAME` (kit CLI only), else ETHORA_KIT_PROFILE, else 'default'. */
export function profileName(argv = KIT_CLI ? process.argv : [], env = process.env) {
  const i = argv.findIndex((a) => a === '--profile' || a.startsWith('--profile='));
  const name = i < 0 ? env.ETHORA_KIT_PROFILE || 'default' : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  if (!PROFILES.includes(name)) throw new Error(`Unknown server kit profile "${name}": use one of ${PROFILES.join(', ')}`);
  return name;
}

/** A node: Erlang name, ports and state folder. */
const node = (name, httpPort, c2sPort, dir) => ({ name, httpPort, c2sPort, stateDir: path.join(STATE, dir) });

/**
 * What a profile runs. `slot` (ETHORA_KIT_SLOT) offsets the default node and Prosody; the other profiles ignore it.
 * nodes[0] is the node the kit seeds and talks to; `postgres` is undefined for embedded storage;
 * `server` is 'ejabberd' or 'prosody'.
 */
export function profileSpec(name, slot = 0) {
  if (name === 'prosody') {
    // One Prosody process (not an Erlang node: `name` only names it); its state folder holds its
    // config, data, log, pid file and admin socket.
    return {
      name,
      server: 'prosody',
      nodes: [node(slot ? `prosody-${slot}` : 'prosody', 5380 + 10 * slot, 5322 + 10 * slot, slot ? `prosody-${slot}` : 'prosody')],
    };
  }
  if (name === 'default') {
    return {
      name,
      server: 'ejabberd',
      nodes: [node(slot ? `ethora-dev${slot}@localhost` : 'ethora-dev@localhost', 5280 + 10 * slot, 5222 + 10 * slot, slot ? `ejabberd-${slot}` : 'ejabberd')],
    };
  }
  // ETHORA_KIT_SLOT applies to the default and prosody profiles only: these have fixed ports of their own.
  // Own distribution port window (and, like every profile, a random cookie of the state folder:
  // server/secrets.mjs): these nodes never connect to the default ones.
  const own = {
    distPorts: name === 'postgres' ? [5750, 5754] : [5755, 5760],
  };
  if (name === 'postgres') {
    return {
      name,
      server: 'ejabberd',
      ...own,
      nodes: [node('ethora-pg@localhost', 5780, 5722, 'pg-node')],
      postgres: { port: 55432, dataDir: path.join(STATE, 'postgres-pg'), database: 'ethora', user: 'ethora', password: 'ethora-pg' },
    };
  }
  return {
    name,
    server: 'ejabberd',
    ...own,
    nodes: [node('ethora-c1@localhost', 5781, 5723, 'cluster-c1'), node('ethora-c2@localhost', 5782, 5724, 'cluster-c2')],
    postgres: { port: 55433, dataDir: path.join(STATE, 'postgres-cluster'), database: 'ethora', user: 'ethora', password: 'ethora-cluster' },
  };
}
