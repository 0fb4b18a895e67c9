// @web/test-runner plugin: lets browser tests drive the local ejabberd through
// `executeServerCommand(command, payload)` from '@web/test-runner-commands'.
// The runner treats a null/undefined result as "not my command", so handled commands
// always return a value (true when there is nothing better).
import { FaultProxy } from './fault-proxy.mjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as kit from './kit.mjs';
import { startReceiver } from './receiver.mjs';
import { stateSecret } from './secrets.mjs';

/** The fault proxy in front of the kit's WebSocket: its own port per kit slot (5287, 5297, …). */
export const PROXY_PORT = kit.HTTP_PORT + 7;
export const PROXY_URL = `ws://127.0.0.1:${PROXY_PORT}${new URL(kit.SERVICE_URL).pathname}`;
const FAULTS = new Set(['cut', 'stall', 'slow', 'drop-up', 'drop-down', 'heal']);

/** @param {{ autoStart?: boolean }} [options] autoStart: ensure + start + seed when the runner starts. */
export default function serverCommands({ autoStart = false } = {}) {
  // Prosody 0.12 resumes a session with the lost connection's unfinished WebSocket frame still
  // in its buffer and ends the stream as not-well-formed (README "Prosody"): its side of a cut
  // ends after whole frames, so the tests see the widget's resume and not that server bug.
  const proxy = new FaultProxy({ target: kit.SERVICE_URL, port: PROXY_PORT, serverCut: kit.SERVER === 'prosody' ? 'frames' : 'reset' });
  let receiver;
  return {
    name: 'ejabberd-server-commands',

    async serverStart() {
      await proxy.listen();
      receiver = await startReceiver({ port: kit.RECEIVER_PORT, token: kit.hookToken() }).catch((e) => {
        console.warn(`push/stats receiver not started on ${kit.RECEIVER_URL} (${e.message}): the push and stats tests will fail`);
        return undefined;
      });
      if (!autoStart) return;
      await kit.ensureEjabberd();
      await kit.startServer();
      await kit.seed();
    },

    async serverStop() {
      await proxy.close();
      await receiver?.close();
    },

    async executeCommand({ command, payload = {}, session }) {
      // 'proxy-cut' | 'proxy-stall' | 'proxy-slow' { latencyMs } | 'proxy-drop-up' | 'proxy-drop-down' | 'proxy-heal'
      // -> { connections }: how many open connections the fault touched
      if (command.startsWith('proxy-') && FAULTS.has(command.slice(6))) return proxy.set(command.slice(6), payload);
      switch (command) {
        // -> { connections, cut, stall, …, framesDropped }: what the proxy has seen and done
        case 'proxy-stats':
          return { ...proxy.counts, open: proxy.links.size };
        // { user } -> true: ends every session of that user on the server (no SM resume possible)
        case 'server-kick':
          await kit.kickUser(payload.user);
          return true;
        // { permissions: ['notifications', …] } -> true: grants them to the test page's origin (Chrome DevTools Protocol)
        case 'browser-grant-permissions': {
          const page = session?.browser?.getPage?.(session.id);
          if (!page) throw new Error('browser-grant-permissions needs the Chrome launcher');
          await page.browserContext().overridePermissions(new URL(page.url()).origin, payload.permissions ?? []);
          return true;
        }
        case 'server-stop':
          await kit.stopServer();
          return true;
        case 'server-start':
          await kit.startServer();
          return true;
        case 'server-restart':
          await kit.restartServer();
          return true;
        // SIGKILL of the node's VM (a crash); resolves when its ports are closed
        case 'server-kill':
          await kit.killOneNode(kit.NODES[0]);
          return true;
        case 'server-status':
          return { up: await kit.isUp() };
        // { user, password } -> 'user@localhost' (created, or password reset if it exists)
        case 'server-register':
          return (await kit.registerUser(payload.user, payload.password)).jid;
        // { name, title?, membersOnly?, options? (raw ejabberd room options) } -> 'name@conference.localhost'
        case 'server-create-room':
          return (await kit.createRoom(payload.name, { title: payload.title, membersOnly: payload.membersOnly, options: payload.options })).jid;
        // { user, nick?, room } (names or JIDs) -> the subscribed MucSub nodes (ejabberd profiles only)
        case 'server-subscribe':
          return kit.subscribeRoom(payload.user, payload.nick, payload.room);
        // { user, room, name?, nick?, autojoin? } -> true: a XEP-0402 bookmark of the room in the user's PEP (prosody profile)
        case 'server-bookmark':
          await kit.bookmarkRoom(payload.user, payload.room, { name: payload.name, nick: payload.nick, autojoin: payload.autojoin ?? true });
          return true;
        // { room, user, affiliation: owner|admin|member|outcast|none }
        case 'server-set-affiliation':
          await kit.setAffiliation(payload.room, payload.user, payload.affiliation);
          return true;
        // { room, user, count } -> count; bodies "Message 1".."Message N", archived in the room
        case 'server-send-messages':
          return kit.sendRoomMessages(payload.room, payload.user, payload.count);
        // { a, b } (names or JIDs): contacts of each other, subscription both
        case 'server-add-contacts':
          await kit.addContacts(payload.a, payload.b);
          return true;
        // { prefix } -> a fresh lower-case name, e.g. 'room-lx2k9a0b1c'
        case 'server-unique':
          return kit.unique(payload.prefix);
        // { user, password } -> true when that password signs the user in (ejabberd's check_password)
        case 'server-check-password':
          return kit.checkPassword(payload.user, payload.password);
        // { command, body, auth: 'kit' | 'none' | 'wrong', contentType?, node? (1-based) } -> { status, text }: a raw admin API call
        case 'server-api-as':
          return apiAs(payload);
        // -> { running: [each node's -setcookie], stored: the state folder's, fresh: two made for new folders }
        case 'server-cookies':
          return cookies();
        // { jid? } -> the push POSTs the receiver got (for that recipient)
        case 'server-pushes':
          return (receiver?.pushes ?? []).filter((p) => !payload.jid || p.jid === payload.jid);
        // -> { rooms: { room: { total, minutes } } }: what the stats POSTs counted
        case 'server-stats':
          return receiver?.stats() ?? { rooms: {} };
        // { path } -> { status, type, text }: a GET of the receiver (e.g. its /stats page)
        case 'server-receiver-get': {
          const res = await fetch(`${kit.RECEIVER_URL}${payload.path}`);
          return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
        }
        default:
          return undefined;
      }
    },
  };
}

async function apiAs({ command, body = {}, auth = 'kit', contentType = 'application/json', node = 1 }) {
  const headers = { 'content-type': contentType };
  if (auth === 'kit') headers.authorization = kit.apiAuth();
  if (auth === 'wrong') headers.authorization = `Basic ${Buffer.from(`kit-admin@${kit.DOMAIN}:wrong`).toString('base64')}`;
  const res = await fetch(`http://127.0.0.1:${kit.NODES[node - 1].httpPort}/api/${command}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, text: await res.text() };
}

function cookies() {
  const running = kit.NODES.map((n) => {
    const argv = kit
      .nodePids(n)
      .map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'))
      .find((a) => a.includes('-setcookie'));
    return argv?.[argv.indexOf('-setcookie') + 1];
  });
  const fresh = [1, 2].map(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ethora-kit-'));
    try {
      return stateSecret(dir, 'erlang-cookie');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return { running, stored: stateSecret(kit.STATE_DIR, 'erlang-cookie'), fresh };
}
