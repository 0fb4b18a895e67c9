// The default profile's storage: SQLite, embedded in the node (Debian's erlang-p1-sqlite3 driver),
// one file in the node's state folder. ejabberd creates its tables from its own lite.new.sql
// (new_sql_schema) when the file is new. Unlike Mnesia, whose disc log is written behind the
// node's back, an SQL write is committed before ejabberd goes on: a message the room echoed is in
// the archive even if the node is killed (-9) right after (test/server/durability.test.ts).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { aptInstall } from '../scripts/ensure-system.mjs';

const ERL_LIB = '/usr/lib/erlang/lib';
export const SQLITE_FILE = 'ejabberd.sqlite';

const hasDriver = () => existsSync(ERL_LIB) && readdirSync(ERL_LIB).some((d) => d.startsWith('p1_sqlite3-'));

/** apt-installs erlang-p1-sqlite3 (which the ejabberd package only suggests) when missing. */
export async function ensureSqlitePackages() {
  if (hasDriver()) return [];
  await aptInstall(['erlang-p1-sqlite3']);
  return ['erlang-p1-sqlite3'];
}

/** ejabberd config (rendered from ejabberd.yml.template) switched to SQLite in `stateDir`. */
export function sqliteConfig(yml, stateDir) {
  if (!yml.includes('auth_method: internal')) throw new Error('ejabberd.yml.template has no "auth_method: internal" line to switch to SQL');
  return `${yml.replace('auth_method: internal', 'auth_method: sql')}
# --- SQL storage: SQLite in the state folder (server/sqlite.mjs) ---
default_db: sql
new_sql_schema: true
sql_type: sqlite
sql_database: "${path.join(stateDir, SQLITE_FILE)}"
`;
}
