// @web/test-runner plugin for the cluster suite (test/cluster): node failures and what the
// shared PostgreSQL stored. Loaded with ETHORA_KIT_PROFILE=cluster (scripts/test-cluster.mjs).
//   cluster-node-stop {node: 1|2}   graceful `ejabberdctl stop`, resolves when the VM is gone
//   cluster-node-kill {node}        SIGKILL of the node's VM (a crash)
//   cluster-node-start {node}       start again (it rejoins the cluster by itself)
//   cluster-nodes                   -> [{ name, service, up }]
//   cluster-archive {room}          -> { "<body>": <rows in the archive table> } for the room
import * as kit from './kit.mjs';

const nodeOf = (payload) => {
  const n = kit.NODES[Number(payload.node) - 1];
  if (!n) throw new Error(`no node ${payload.node} in profile ${kit.PROFILE.name}`);
  return n;
};

export default function clusterCommands() {
  if (kit.NODES.length < 2 || !kit.PG) throw new Error(`the cluster commands need ETHORA_KIT_PROFILE=cluster, not ${kit.PROFILE.name}`);
  return {
    name: 'ejabberd-cluster-commands',
    async executeCommand({ command, payload = {} }) {
      switch (command) {
        case 'cluster-node-stop':
          return kit.stopOneNode(nodeOf(payload));
        case 'cluster-node-kill':
          return kit.killOneNode(nodeOf(payload));
        case 'cluster-node-start':
          return kit.startOneNode(nodeOf(payload));
        case 'cluster-nodes':
          return Promise.all(kit.NODES.map(async (n) => ({ name: n.name, service: kit.serviceUrl(n), up: await kit.isUp(n) })));
        case 'cluster-archive': {
          const room = String(payload.room).replaceAll("'", "''");
          const rows = await kit.PG.query(`select count(*), txt from archive where username='${room}' and kind='groupchat' group by txt`);
          return Object.fromEntries(
            rows.map((r) => {
              const i = r.indexOf('|');
              return [r.slice(i + 1), Number(r.slice(0, i))];
            }),
          );
        }
        default:
          return undefined;
      }
    },
  };
}
