// Server kit profiles: which ejabberd nodes (and which storage) `server/kit.mjs` runs.
//   default   one node, embedded Mnesia storage (npm start / npm test)
//   postgres  one node, SQL storage in a PostgreSQL the kit starts on loopback
//   cluster   two nodes joined into one cluster, sharing that kind of PostgreSQL
// Chosen by ETHORA_KIT_PROFILE=default|postgres|cluster or `--profile NAME` on the kit's command line.
// The postgres and cluster profiles have their own node names, ports (57xx, PostgreSQL 5543x) and
// distribution port window; every profile's nodes have the random Erlang cookie of their state folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const STATE = path.join(ROOT, '.state');
export const PROFILES = ['default', 'postgres', 'cluster'];

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
 * What a profile runs. `slot` (ETHORA_KIT_SLOT) offsets the default node; the other profiles ignore it.
 * nodes[0] is the node the kit seeds and talks to; `postgres` is undefined for embedded storage.
 */
export function profileSpec(name, slot = 0) {
  if (name === 'default') {
    return {
      name,
      nodes: [node(slot ? `ethora-dev${slot}@localhost` : 'ethora-dev@localhost', 5280 + 10 * slot, 5222 + 10 * slot, slot ? `ejabberd-${slot}` : 'ejabberd')],
    };
  }
  // ETHORA_KIT_SLOT applies to the default profile only: these profiles have fixed ports of their own.
  // Own distribution port window (and, like every profile, a random cookie of the state folder:
  // server/secrets.mjs): these nodes never connect to the default ones.
  const own = {
    distPorts: name === 'postgres' ? [5750, 5754] : [5755, 5760],
  };
  if (name === 'postgres') {
    return {
      name, ...own,
      nodes: [node('ethora-pg@localhost', 5780, 5722, 'pg-node')],
      postgres: { port: 55432, dataDir: path.join(STATE, 'postgres-pg'), database: 'ethora', user: 'ethora', password: 'ethora-pg' },
    };
  }
  return {
    name, ...own,
    nodes: [node('ethora-c1@localhost', 5781, 5723, 'cluster-c1'), node('ethora-c2@localhost', 5782, 5724, 'cluster-c2')],
    postgres: { port: 55433, dataDir: path.join(STATE, 'postgres-cluster'), database: 'ethora', user: 'ethora', password: 'ethora-cluster' },
  };
}
