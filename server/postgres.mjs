// A private PostgreSQL for the kit's SQL profiles: Debian's server binaries run as user
// `postgres` from a data folder under .state/ (initdb once), listening on 127.0.0.1 only.
// Nothing of Debian's own cluster (port 5432, /var/lib/postgresql) is used.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { aptInstall } from '../scripts/ensure-system.mjs';

export const SCHEMA = '/usr/share/ejabberd/sql/pg.new.sql';
const PGSQL_LIB = '/usr/lib/erlang/lib';

function run(cmd, args, { env, user } = {}) {
  const argv = user ? ['runuser', ['-u', user, '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve) =>
    execFile(argv[0], argv[1], { encoding: 'utf8', cwd: '/', env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: `${stdout}${stderr}`.trim() }),
    ),
  );
}

/** Folder of the newest installed PostgreSQL server binaries, or undefined. */
function binDir() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest && path.join(base, newest, 'bin');
}

const hasPgsqlDriver = () => existsSync(PGSQL_LIB) && readdirSync(PGSQL_LIB).some((d) => d.startsWith('p1_pgsql-'));

/** apt-installs postgresql and erlang-p1-pgsql (ejabberd's driver) when missing. Returns what it installed. */
export async function ensurePostgresPackages() {
  const missing = [];
  if (!binDir()) missing.push('postgresql');
  if (!hasPgsqlDriver()) missing.push('erlang-p1-pgsql');
  // --no-upgrade: never upgrade an installed postgresql under someone else's cluster.
  if (missing.length) await aptInstall(['--no-upgrade', ...missing]);
  return missing;
}

/** The instance described by a profile's `postgres` entry ({ port, dataDir, database, user, password }). */
export function postgres(pg) {
  const bin = (name) => path.join(binDir() ?? '/usr/lib/postgresql/15/bin', name);
  const asPostgres = (name, args) => run(bin(name), args, { user: 'postgres' });
  const log = path.join(pg.dataDir, 'server.log');
  // superuser statements over the unix socket in the data folder (peer auth as user postgres)
  const admin = (sql) => asPostgres('psql', ['-h', pg.dataDir, '-p', String(pg.port), '-U', 'postgres', '-d', 'postgres', '-Atqc', sql]);
  /** psql as the ejabberd role over TCP: `-c sql` or `-f file`. */
  const asRole = (args) =>
    run(bin('psql'), ['-h', '127.0.0.1', '-p', String(pg.port), '-U', pg.user, '-d', pg.database, '-At', '-v', 'ON_ERROR_STOP=1', ...args], {
      env: { PGPASSWORD: pg.password },
    });

  async function isRunning() {
    if (!existsSync(path.join(pg.dataDir, 'PG_VERSION'))) return false;
    return (await asPostgres('pg_ctl', ['status', '-D', pg.dataDir])).code === 0;
  }

  async function init() {
    if (existsSync(path.join(pg.dataDir, 'PG_VERSION'))) return false;
    mkdirSync(pg.dataDir, { recursive: true });
    const own = await run('chown', ['postgres:postgres', pg.dataDir]);
    if (own.code !== 0) throw new Error(`chown postgres ${pg.dataDir} failed: ${own.out}`);
    const r = await asPostgres('initdb', [
      '-D',
      pg.dataDir,
      '-U',
      'postgres',
      '--auth-local=peer',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    if (r.code !== 0) throw new Error(`initdb failed: ${r.out}`);
    return true;
  }

  /** Role, database and ejabberd's schema (pg.new.sql), each only when missing. */
  async function provision() {
    const q = (sql) =>
      admin(sql).then((r) => {
        if (r.code !== 0) throw new Error(`psql: ${r.out}`);
        return r.out;
      });
    if (!(await q(`select 1 from pg_roles where rolname='${pg.user}'`))) await q(`create role ${pg.user} login password '${pg.password}'`);
    if (!(await q(`select 1 from pg_database where datname='${pg.database}'`))) await q(`create database ${pg.database} owner ${pg.user}`);
    const hasSchema = await asRole(['-c', "select to_regclass('public.users') is not null"]);
    if (hasSchema.out !== 't') {
      const r = await asRole(['-q', '-f', SCHEMA]);
      if (r.code !== 0) throw new Error(`loading ${SCHEMA} failed: ${r.out}`);
    }
  }

  return {
    ...pg,
    isRunning,
    /** Installs, initdb's, starts and provisions; idempotent. */
    async start() {
      await ensurePostgresPackages();
      await init();
      if (!(await isRunning())) {
        const opts = `-p ${pg.port} -c listen_addresses=127.0.0.1 -k ${pg.dataDir} -c max_connections=100 -c fsync=off -c synchronous_commit=off`;
        const r = await asPostgres('pg_ctl', ['start', '-D', pg.dataDir, '-l', log, '-w', '-t', '60', '-o', opts]);
        if (r.code !== 0) throw new Error(`pg_ctl start failed: ${r.out}\n(log: ${log})`);
      }
      await provision();
    },
    async stop() {
      if (!(await isRunning())) return false;
      const r = await asPostgres('pg_ctl', ['stop', '-D', pg.dataDir, '-m', 'fast', '-w', '-t', '60']);
      if (r.code !== 0) throw new Error(`pg_ctl stop failed: ${r.out}`);
      return true;
    },
    /** Rows of a query as the ejabberd role, each row's columns joined by '|'. */
    async query(sql) {
      const r = await asRole(['-c', sql]);
      if (r.code !== 0) throw new Error(`psql: ${r.out}`);
      return r.out ? r.out.split('\n') : [];
    },
  };
}

/** ejabberd config (rendered from ejabberd.yml.template) switched to this PostgreSQL: SQL auth and
 *  `default_db: sql` (MAM, MUC rooms, offline, roster, vCard... in PostgreSQL) with the new schema.
 *  The online-room registry stays in Mnesia (ram_db_type), which a cluster replicates. */
export function sqlConfig(yml, pg) {
  if (!yml.includes('auth_method: internal')) throw new Error('ejabberd.yml.template has no "auth_method: internal" line to switch to SQL');
  return `${yml.replace('auth_method: internal', 'auth_method: sql')}
# --- SQL storage (server kit profile with PostgreSQL, see server/postgres.mjs) ---
default_db: sql
new_sql_schema: true
sql_type: pgsql
sql_server: "127.0.0.1"
sql_port: ${pg.port}
sql_database: "${pg.database}"
sql_username: "${pg.user}"
sql_password: "${pg.password}"
sql_pool_size: 10
`;
}
