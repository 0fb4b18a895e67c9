// npm start: the local ejabberd (installed from Debian's packages when missing) with demo
// users and rooms, the bundle built, and the demo pages served on localhost.
// ETHORA_KIT_PROFILE picks the server kit's profile (prosody: Prosody instead of ejabberd).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ensureServer, startServer, stopServer, seed, DEMO_USERS, SERVICE_URL } from '../server/kit.mjs';
import { build } from './build.mjs';
import { serve } from './serve.mjs';
import { startEthoraApi } from '../test/ethora-api-server.mjs';
import { startReceiver } from '../server/receiver.mjs';
import { RECEIVER_PORT, hookToken } from '../server/kit.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const port = Number(process.env.PORT) || 8080;

await ensureServer();
await startServer();
await seed();
build();
const { url } = await serve(root, port);
// A local stand-in for Ethora's REST API (the one the tests use), for demo/ethora-signin.html.
// Loopback only, in memory; its demo users are the kit's XMPP accounts.
const ethoraApi = await startEthoraApi({ port: Number(process.env.ETHORA_API_PORT) || 8081, appId: 'demo', appToken: 'JWT demo-app-token' }).catch((e) => {
  console.warn(`Ethora API stand-in not started (${e.message}): demo/ethora-signin.html will not work`);
  return undefined;
});
if (ethoraApi) {
  for (const u of DEMO_USERS) {
    await ethoraApi.addUser({ email: `${u.user}@example.com`, password: u.password, firstName: u.name, xmppUsername: u.user, xmppPassword: u.password });
  }
  await ethoraApi.addRoom({ name: 'lobby', title: 'Lobby', members: DEMO_USERS.map((u) => `${u.user}@example.com`) });
  await ethoraApi.addRoom({ name: 'design', title: 'Design', members: ['alice@example.com', 'bob@example.com'] });
}
// The receiver of the server's push and stats modules, with the room stats page.
const receiver = await startReceiver({ port: RECEIVER_PORT, token: hookToken() }).catch((e) => {
  console.warn(`push/stats receiver not started (${e.message}): the room stats page will not work`);
  return undefined;
});
// The main demo page defaults to the default node; another kit slot or profile is passed along.
const serviceParam = SERVICE_URL === 'ws://127.0.0.1:5280/ws' ? '' : `&service=${encodeURIComponent(SERVICE_URL)}`;

console.log(`
ethora-chat demo is running.

  Open two tabs, one per demo user, and chat:
${DEMO_USERS.map((u) => `    ${u.name.padEnd(6)} ${url}/?user=${u.user}${serviceParam}`).join('\n')}
  Two widgets on one page:  ${url}/demo/two-widgets.html
  Sign-in form:             ${url}/demo/login.html
  ES module + JS API:       ${url}/demo/esm.html
  Hostile host-page styles: ${url}/demo/host-styles.html
  Ethora sign-in (REST):    ${url}/demo/ethora-signin.html  (alice@example.com / alice; local API stand-in ${ethoraApi?.url ?? 'not running'})

  Demo logins (user@localhost / password): ${DEMO_USERS.map((u) => `${u.user}@localhost / ${u.password}`).join(', ')}
  XMPP WebSocket: ${SERVICE_URL}
  Room stats (messages per room, from the server's stats module): ${receiver ? `${receiver.url}/stats` : 'not running'}

Press Ctrl+C to stop (the chat server is stopped too).`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the chat server…');
    await ethoraApi?.close();
    await receiver?.close();
    await stopServer().catch((e) => console.error(e.message));
    process.exit(0);
  });
}
