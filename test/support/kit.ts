/**
 * The local server kit as the browser tests see it: its addresses (web-test-runner.config.mjs
 * injects them per ETHORA_KIT_SLOT) and server-side setup (users, rooms, faults, stopping and
 * starting the server) through test-runner commands (server/test-commands.mjs).
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** The kit's server under test, as the web-test-runner config injects it: ejabberd (every
 *  profile but one) or Prosody (ETHORA_KIT_PROFILE=prosody, npm run test:prosody), its WebSocket
 *  (per ETHORA_KIT_SLOT), account domain, MUC service and upload service. */
export interface TestServer {
  kind: 'ejabberd' | 'prosody';
  service: string;
  domain: string;
  muc: string;
  upload: string;
}
export const TEST_SERVER: TestServer = (globalThis as { ETHORA_TEST_SERVER?: TestServer }).ETHORA_TEST_SERVER ?? {
  kind: 'ejabberd',
  service: (globalThis as { ETHORA_TEST_SERVICE?: string }).ETHORA_TEST_SERVICE ?? 'ws://127.0.0.1:5280/ws',
  domain: 'localhost',
  muc: 'conference.localhost',
  upload: 'upload.localhost',
};
/** The local server's WebSocket. */
export const SERVICE: string = TEST_SERVER.service;
export const DOMAIN = TEST_SERVER.domain;
export const MUC_DOMAIN = TEST_SERVER.muc;

/**
 * `it`, but skipped (and counted as skipped) on server `kind`, the reason added to the title: a
 * test of what that server does not have (ejabberd's MucSub on Prosody), or of a known gap the
 * README's "Tests" section names.
 */
export function skipOn(kind: TestServer['kind'], reason: string): (title: string, fn: Mocha.AsyncFunc) => Mocha.Test {
  return (title, fn) => (TEST_SERVER.kind === kind ? it.skip(`${title} (skipped on ${kind}: ${reason})`, fn) : it(title, fn));
}
/** The kit's HTTP listener (admin API, uploads), beside its WebSocket. */
export const HTTP = SERVICE.replace(/^ws/, 'http').replace(/\/ws$/, '');
/** The fault proxy in front of that WebSocket (server/fault-proxy.mjs), driven by `fault()`. */
export const PROXY: string = (globalThis as { ETHORA_TEST_PROXY?: string }).ETHORA_TEST_PROXY ?? 'ws://127.0.0.1:5287/ws';

export type Fault = 'cut' | 'stall' | 'slow' | 'drop-up' | 'drop-down' | 'heal';

/** Runs a test-runner command on the Node side (server/test-commands.mjs) and resolves to its answer. */
export function server<T = unknown>(command: string, payload?: unknown): Promise<T> {
  return executeServerCommand<T, unknown>(command, payload);
}

/** Switches a fault on the proxy (or heals it); resolves to how many open links it touched. */
export async function fault(kind: Fault, options: { latencyMs?: number } = {}): Promise<number> {
  return (await server<{ connections: number }>(`proxy-${kind}`, options)).connections;
}

/** A fresh user on the server, for this test only. */
export async function newUser(prefix = 'u'): Promise<{ jid: string; password: string; user: string }> {
  const user = await server<string>('server-unique', { prefix });
  const password = `pw-${user}`;
  await server('server-register', { user, password });
  return { user, jid: `${user}@${DOMAIN}`, password };
}

/** A fresh room on the server (persistent, archived, MucSub allowed). */
export async function newRoom(title = 'Test room'): Promise<string> {
  const name = await server<string>('server-unique', { prefix: 'room' });
  return server<string>('server-create-room', { name, title });
}
