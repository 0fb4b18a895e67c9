// Secrets the kit generates once per state folder and keeps there, readable by their owner only (0600):
//   api-password   password of the admin account the kit's HTTP API calls authenticate as
//                  (HTTP basic auth; ejabberd's api_permissions grant the API to that account only)
//   erlang-cookie  the Erlang distribution cookie of the folder's node(s)
// Nothing else on the machine (a web page's fetch to 127.0.0.1, another checkout's node) knows them.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The account the kit's admin API calls run as (`api_permissions` names it; see ejabberd.yml.template). */
export const API_ADMIN = 'kit-admin';

/** The secret `name` of state folder `dir`: read, or created (random, 0600) on first use. */
export function stateSecret(dir, name) {
  const file = path.join(dir, name);
  try {
    const value = readFileSync(file, 'utf8').trim();
    if (value.length >= 20) return value;
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  mkdirSync(dir, { recursive: true });
  // hex: no quotes, shell metacharacters or leading '-' (the cookie goes into a sourced shell file and argv).
  const value = randomBytes(20).toString('hex');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return value;
}

/** HTTP basic auth header value for the folder's admin account. */
export function apiAuthorization(dir, domain) {
  const password = stateSecret(dir, 'api-password');
  return `Basic ${Buffer.from(`${API_ADMIN}@${domain}:${password}`).toString('base64')}`;
}
