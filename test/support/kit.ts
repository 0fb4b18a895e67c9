/**
 * The local server kit as the browser tests see it: its addresses (web-test-runner.config.mjs
 * injects them per ETHORA_KIT_SLOT) and server-side setup (users, rooms, faults, stopping and
 * starting the server) through test-runner commands (server/test-commands.mjs).
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** The local ejabberd's WebSocket. */
export const SERVICE: string = (globalThis as { ETHORA_TEST_SERVICE?: string }).ETHORA_TEST_SERVICE ?? 'ws://127.0.0.1:5280/ws';
export const DOMAIN = 'localhost';
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
