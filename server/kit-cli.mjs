// The server kit's command line: node server/kit.mjs start|stop|restart|status|seed
// [--profile default|postgres|cluster|prosody] (server/kit.mjs runs main() when started itself).
import path from 'node:path';
import { DEMO_USERS, NODES, PG, SERVER, STATE_DIR, ensureEjabberd, isUp, restartServer, seed, serviceUrl, startServer, stopServer } from './kit.mjs';

const PROSODY = SERVER === 'prosody';

/** What the CLI names: the node(s) and the PostgreSQL of the profile. */
const WHO = PROSODY ? `Prosody (${STATE_DIR})` : NODES.map((n) => n.name).join(' and ') + (PG ? ` (PostgreSQL 127.0.0.1:${PG.port})` : '');

export async function main(argv) {
  const [cmd] = argv.filter((a, i, all) => !a.startsWith('--profile') && all[i - 1] !== '--profile');
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
